import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Lives with the tests; paths are from the repository root, where pnpm runs it.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  // Workspace packages that export their TypeScript sources under this condition are
  // tested from source, never from a dist/ that may be stale.
  ssr: { resolve: { conditions: ['tm-partner:source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // The JSON report gives CI its one-line summary per Node version (.ci/vitest-summary.mjs).
    reporters: ['default', ['json', { outputFile: '.tmp/vitest/report.json' }]],
  },
});
