// mvdan/sh (sh-syntax, WASM) is the parser that agrees with `bash -n` on field runbooks. Compiling
// the WebAssembly module once and instantiating per call costs ~4 ms a block instead of ~40.
import { readFileSync } from 'node:fs';
import { getProcessor, LangVariant } from 'sh-syntax';
import { utf8ToUtf16 } from './columns';

export interface ShellSyntaxError {
  message: string;
  /** UTF-16 offset into the parsed text. */
  offset: number;
  /** True when the parser hit the end of input (an unclosed quote or construct). */
  incomplete: boolean;
}

let processor: ReturnType<typeof getProcessor> | undefined;

function shProcessor(): ReturnType<typeof getProcessor> {
  if (!processor) {
    // The server runs as CommonJS (tsx in tests, an esbuild cjs bundle in the extension).
    const module = new WebAssembly.Module(readFileSync(require.resolve('sh-syntax/main.wasm')));
    processor = getProcessor((imports: WebAssembly.Imports) => WebAssembly.instantiate(module, imports));
  }
  return processor;
}

/** Parses bash; resolves to the first syntax error, or undefined when the text parses. */
export async function parseShellError(text: string): Promise<ShellSyntaxError | undefined> {
  try {
    await shProcessor()(text, { variant: LangVariant.LangBash, keepComments: false });
    return undefined;
  } catch (e) {
    const err = e as { message?: string; Text?: string; Pos?: { Offset: number }; Incomplete?: boolean };
    if (!err.Pos) return { message: err.Text || err.message || 'shell parse failed', offset: 0, incomplete: false };
    return { message: err.Text ?? err.message ?? '', offset: utf8ToUtf16(text, err.Pos.Offset), incomplete: !!err.Incomplete };
  }
}
