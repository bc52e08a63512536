// mvdan/sh (sh-syntax, TinyGo WASM) is the parser that agrees with `bash -n` on field runbooks.
// sh-syntax's own `processor` instantiates a fresh Go runtime (10 MB of memory) per call and waits
// on a timer, so a runbook with 1,000 blocks would hold 1,000 instances at once. Instead we compile
// the module once and reuse one instance for a bounded number of calls: TinyGo's heap does not
// survive indefinitely once `main` has returned, so the instance is replaced every `callsPerInstance`
// calls (or input bytes), and on any runtime trap (then the call is retried once on a fresh instance).
import { readFileSync } from 'node:fs';
import { LangVariant } from 'sh-syntax'; // also installs the `Go` global (wasm_exec) we rely on
import { utf8ToUtf16 } from './columns';

declare const Go: new () => { importObject: WebAssembly.Imports; run(instance: WebAssembly.Instance): Promise<number> };

export interface ShellSyntaxError {
  message: string;
  /** UTF-16 offset into the parsed text. */
  offset: number;
  /** True when the parser hit the end of input (an unclosed quote or construct). */
  incomplete: boolean;
}

interface ShExports {
  memory: WebAssembly.Memory;
  wasmAlloc(size: number): number;
  wasmFree(ptr: number): void;
  process(...args: (number | boolean)[]): number;
}

const callsPerInstance = 100;
const bytesPerInstance = 1_000_000;
let module: WebAssembly.Module | undefined;
let current: { exports: ShExports; calls: number; bytes: number } | undefined;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function instance(): { exports: ShExports; calls: number; bytes: number } {
  if (!current || current.calls >= callsPerInstance || current.bytes >= bytesPerInstance) {
    // The server runs as CommonJS (tsx in tests, an esbuild cjs bundle in the extension).
    module ??= new WebAssembly.Module(readFileSync(require.resolve('sh-syntax/main.wasm')));
    const go = new Go();
    const inst = new WebAssembly.Instance(module, go.importObject);
    void go.run(inst);
    current = { exports: inst.exports as unknown as ShExports, calls: 0, bytes: 0 };
  }
  return current;
}

function copyIn(e: ShExports, bytes: Uint8Array): number {
  const ptr = e.wasmAlloc(bytes.byteLength);
  new Uint8Array(e.memory.buffer).set(bytes, ptr);
  return ptr;
}

/** One call of sh-syntax's `process` export (same arguments as its processor, parse only). */
function processOnce(text: string, print = false): string {
  const slot = instance();
  const e = slot.exports;
  const name = encoder.encode('');
  const body = encoder.encode(text);
  slot.calls++;
  slot.bytes += body.byteLength;
  const stopAt = encoder.encode('');
  const [p1, p2, p3] = [copyIn(e, name), copyIn(e, body), copyIn(e, stopAt)];
  const result = e.process(p1, name.byteLength, name.byteLength, p2, body.byteLength, body.byteLength,
    print, false, LangVariant.LangBash, p3, 0, 0, 0, false, 2, true, true, true, false, false, false, false);
  e.wasmFree(p1); e.wasmFree(p2); e.wasmFree(p3);
  const bytes = new Uint8Array(e.memory.buffer).subarray(result);
  const out = decoder.decode(bytes.subarray(0, bytes.indexOf(0)));
  e.wasmFree(result);
  return out;
}

function processWithRetry(text: string, print = false): string {
  try {
    return processOnce(text, print);
  } catch (e) {
    if (!(e instanceof WebAssembly.RuntimeError)) throw e;
    current = undefined;
    try {
      return processOnce(text, print);
    } catch (again) {
      current = undefined;
      // A fresh instance traps too: the block exceeds the parser's fixed memory (~400 KB of shell).
      if (again instanceof WebAssembly.RuntimeError) throw new Error(`the block is too large for the shell parser (${text.length} characters)`);
      throw again;
    }
  }
}

/** Parses bash; resolves to the first syntax error, or undefined when the text parses. */
export async function parseShellError(text: string): Promise<ShellSyntaxError | undefined> {
  const raw = processWithRetry(text);
  let result: { parseError?: { Text: string; Pos?: { Offset: number }; Incomplete?: boolean }; message?: string };
  try { result = JSON.parse(raw); } catch { throw new Error(`the shell parser returned unreadable output: ${raw.slice(0, 80)}`); }
  const err = result.parseError;
  if (err) return { message: err.Text, offset: err.Pos ? utf8ToUtf16(text, err.Pos.Offset) : 0, incomplete: !!err.Incomplete };
  if (result.message) return { message: result.message, offset: 0, incomplete: false };
  return undefined;
}

/**
 * mvdan/sh's own rendering of `text` (comments dropped), or the syntax error. Literal text (quoted
 * strings, here-document bodies) comes out byte for byte, while code is re-spaced: the run engine
 * uses that to tell, from the parser itself, whether a filled-in value stayed literal.
 */
export function printShell(text: string): { printed: string } | { error: string } {
  let raw: string;
  try { raw = processWithRetry(text, true); } catch (e) { return { error: (e as Error).message }; }
  let result: { text?: string; parseError?: { Text: string }; message?: string };
  try { result = JSON.parse(raw); } catch { return { error: `the shell parser returned unreadable output: ${raw.slice(0, 80)}` }; }
  if (result.parseError) return { error: result.parseError.Text };
  if (result.message) return { error: result.message };
  return { printed: result.text ?? '' };
}
