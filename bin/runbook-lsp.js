#!/usr/bin/env node
// The language server for any LSP client: `runbook-lsp --stdio`.
require('../dist/server.js');
