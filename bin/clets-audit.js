#!/usr/bin/env node
// The `clets-audit` command of package.json "bin". It runs the TypeScript entry through tsx's loader, so the
// CLI works straight after `npm install`, with no build step (npm scripts and npx put Node 24 first on PATH).
import { register } from 'tsx/esm/api';

register();
await import('./cli.ts');
