// One published diagnostic list per document, assembled from layers: the analysis pipeline's, and
// the live checks against the chosen environment (which arrive later, over the network). Each
// layer replaces only itself, so a slow Prometheus never holds back or wipes syntax errors.
import type { Connection, Diagnostic } from 'vscode-languageserver/node';

export class DiagnosticsBoard {
  private readonly layers = new Map<string, Map<string, Diagnostic[]>>();

  constructor(private readonly connection: Connection) {}

  set(uri: string, layer: string, diagnostics: Diagnostic[], version?: number): void {
    let m = this.layers.get(uri);
    if (!m) { m = new Map(); this.layers.set(uri, m); }
    m.set(layer, diagnostics);
    void this.connection.sendDiagnostics({ uri, version, diagnostics: [...m.values()].flat() });
  }

  layer(uri: string, layer: string): Diagnostic[] { return this.layers.get(uri)?.get(layer) ?? []; }

  clear(uri: string): void {
    this.layers.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }
}

const boards = new WeakMap<Connection, DiagnosticsBoard>();

export function diagnosticsBoardOf(connection: Connection): DiagnosticsBoard {
  let b = boards.get(connection);
  if (!b) { b = new DiagnosticsBoard(connection); boards.set(connection, b); }
  return b;
}
