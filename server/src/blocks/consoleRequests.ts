// Console HTTP requests as Kibana Dev Tools (and the REST Client) write them: a `GET _search` line,
// then a JSON body, then perhaps the next request. Runbooks paste them under ```json (the request
// line is not JSON) or ```console (none of it is shell); the JSON bodies are what can be checked.
import type { BodySpan } from '../analysis/types';

export interface ConsoleRequest {
  /** The request line, e.g. `GET _search`. */
  line: BodySpan;
  /** The JSON body that follows, when there is one. */
  body?: BodySpan;
}

const requestLine = /^[ \t]*(?:GET|POST|PUT|DELETE|HEAD|PATCH)[ \t]+[^\s{}]+(?:[ \t]+HTTP\/\d(?:\.\d)?)?[ \t]*$/;
const headerLine = /^[ \t]*[A-Za-z][\w-]*:[ \t]*\S/;
const commentLine = /^[ \t]*(?:#|\/\/)/;

/**
 * The requests of a block that is nothing but console requests (request lines, optional headers,
 * JSON bodies, comments), or undefined when it is anything else.
 */
export function consoleRequests(text: string): ConsoleRequest[] | undefined {
  const out: ConsoleRequest[] = [];
  let pos = 0;
  let inBody = false;
  for (const line of text.split('\n')) {
    const start = pos;
    pos += line.length + 1;
    const end = start + line.length;
    if (requestLine.test(line)) {
      out.push({ line: { start: start + line.search(/\S/), end: start + line.trimEnd().length } });
      inBody = false;
      continue;
    }
    if (!line.trim() || (!inBody && commentLine.test(line))) continue;
    const current = out[out.length - 1];
    if (!current) return undefined;
    if (!inBody && !current.body && headerLine.test(line) && !/^\s*"/.test(line)) continue;
    // A body starts with `{` or `[` and runs to the next request line.
    if (!inBody && !/^[ \t]*[{\[]/.test(line)) return undefined;
    if (!inBody) current.body = { start: start + line.search(/\S/), end };
    else current.body!.end = end;
    inBody = true;
  }
  return out.length ? out : undefined;
}
