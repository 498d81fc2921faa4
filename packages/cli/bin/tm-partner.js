#!/usr/bin/env node
// `tm-partner` is TypeScript, run with tsx like the workspace's other tools.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
