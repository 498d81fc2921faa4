/** Entry-point helpers shared by the scripts (conformance, bench, generate). */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** True when `moduleUrl` (an `import.meta.url`) is the script Node was started with. */
export function isMainModule(moduleUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && resolve(entry) === fileURLToPath(moduleUrl);
}

/** Runs `main` as a script: its result becomes the exit code; a throw prints and exits 2. */
export function runScript(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err);
      process.exitCode = 2;
    },
  );
}
