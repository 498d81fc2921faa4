/**
 * Builds dist/pipeline/generate.js: the workspace's pipeline script
 * (generator/scripts/generate.ts with the converter it uses) bundled into one ES module,
 * which `tm-partner generate` and `check` run with plain node, in the workspace and from
 * the packed package alike. Package imports stay imports (they are dependencies of
 * this package). The script's workspace root becomes the current directory, so its
 * defaults (spec/partner-api.apib, generated/) and the paths it prints are relative to
 * where tm-partner runs.
 *
 * A bridge: once generate and check run in-process from compiled code, this goes away.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const script = fileURLToPath(new URL('../../../generator/scripts/generate.ts', import.meta.url));
const outfile = fileURLToPath(new URL('../dist/pipeline/generate.js', import.meta.url));
const ROOT_LINE = "const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');";

const rootIsCwd = {
  name: 'root-is-cwd',
  setup(builder) {
    builder.onLoad({ filter: /generate\.ts$/ }, async (args) => {
      if (args.path !== script) return undefined;
      const text = await readFile(args.path, 'utf8');
      // Fail the build, not a partner's run, when the script no longer has this line.
      if (!text.includes(ROOT_LINE))
        throw new Error(`${script} no longer defines ROOT as expected; update ${fileURLToPath(import.meta.url)}`);
      return { contents: text.replace(ROOT_LINE, 'const ROOT = process.cwd();'), loader: 'ts' };
    });
  },
};

await build({
  entryPoints: [script],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  plugins: [rootIsCwd],
  logLevel: 'warning',
  banner: { js: '// Bundled from generator/scripts/generate.ts by packages/cli/scripts/bundle-pipeline.mjs; do not edit.' },
});
