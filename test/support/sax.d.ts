// The part of sax (a strict XML parser, installed with the packaging tools) the tests use to
// check that a written SVG is well-formed XML.
declare module 'sax' {
  interface SAXParser { onerror: (e: Error) => void; write(s: string): SAXParser; close(): SAXParser }
  export function parser(strict: boolean, opts: object): SAXParser;
  const sax: { parser: typeof parser };
  export default sax;
}
