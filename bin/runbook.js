#!/usr/bin/env node
// The CLI ships bundled (dist/cli.js, built by `npm run build`).
require('../dist/cli.js');
