#!/usr/bin/env node
// `apib-to-openapi`: the compiled converter CLI in dist/. A committed launcher, so pnpm can link
// the bin on a fresh install before anything is built; until then it says so plainly instead
// of failing with a module-resolution error.
const entry = new URL('../dist/cli.js', import.meta.url);
try {
  await import(entry.href);
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes(entry.pathname)) {
    console.error('apib-to-openapi is not built: run `npx -y pnpm@10.34.8 build` in the workspace first.');
    process.exitCode = 2;
  } else {
    throw error;
  }
}
