#!/usr/bin/env node
// `tm-partner`: the compiled CLI in dist/. In the workspace, dist/ exists once the
// packages are built; say so plainly instead of failing with a module-resolution error.
const entry = new URL('../dist/main.js', import.meta.url);
try {
  await import(entry.href);
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes(entry.pathname)) {
    console.error('tm-partner is not built: run `npx -y pnpm@10.34.8 build` in the workspace first.');
    process.exitCode = 2;
  } else {
    throw error;
  }
}
