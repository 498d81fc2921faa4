// The first step of `pnpm test`: say at once whether the docs test will find Chromium,
// instead of letting it fail minutes later. Never stops the run: the other checks,
// conformance included, still run, and the docs test fails with the same advice.
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (existsSync(path)) {
  console.log(`test: Chromium found at ${path} (the docs test opens the API reference in it).`);
} else {
  console.error(
    [
      `test: Chromium is missing (${path}): the docs test (test/docs) will fail.`,
      "  Install Debian's package (sudo apt-get install -y chromium), or set CHROMIUM_PATH to a Chromium binary.",
      '  Every other check still runs, conformance included; pnpm test exits non-zero at the end.',
    ].join('\n'),
  );
}
