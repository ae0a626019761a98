#!/usr/bin/env node
// Runs the TypeScript CLI directly: Node 24 strips types natively (the project pins Node 24).
import '../src/cli/main.ts';
