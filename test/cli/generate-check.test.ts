/** `tm-partner generate` and `check` on a copy of the spec: up to date, refused, stale, broken; the output cache stays honest. */
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GENERATED_FILES } from '../../packages/cli/src/pipeline/build-generated.js';
import { OutputCache, digestOf } from '../../packages/cli/src/pipeline/output-cache.js';
import { render } from '../../packages/cli/src/pipeline/render-document.js';
import { startRenderer } from '../../packages/cli/src/pipeline/renderer.js';
import { pipelineFingerprint, specOutputs } from '../../packages/cli/src/pipeline/spec-outputs.js';
import { ROOT } from './support.js';
import { type SpecCopy, copySpec, runIn } from './spec-copy.js';

const copies: SpecCopy[] = [];
afterAll(() => {
  for (const c of copies.splice(0)) c.remove();
});
/** How generate and check say the output folder was not touched. */
function untouched(command: 'generate' | 'check', out: string): string {
  return command === 'generate' ? `${out}/ is left as it was` : `${out}/ was not compared`;
}
function fresh(): SpecCopy {
  const copy = copySpec();
  copies.push(copy);
  return copy;
}

describe('generate and check', () => {
  it('find the committed output up to date; generate then writes nothing', async () => {
    const w = fresh();
    const before = statSync(join(w.out, 'schema.d.ts')).mtimeMs;
    const check = await w.run('check');
    expect(check.stdout).toBe(`check: ${w.out}/ matches ${w.spec} (4 files)`);
    expect(check.status).toBe(0);
    const generate = await w.run('generate');
    expect(generate.stdout).toBe(`generate: ${w.out}/ already matches ${w.spec} (4 files); nothing to write`);
    expect(generate.status).toBe(0);
    expect(statSync(join(w.out, 'schema.d.ts')).mtimeMs).toBe(before);
  });

  it('refuse a breaking change, writing nothing, until --allow-breaking; check shows the stale files meanwhile', async () => {
    const w = fresh();
    const before = w.read('openapi.json');
    const source = readFileSync(w.spec, 'utf8');
    const start = source.indexOf('### Delete cart [DELETE]');
    writeFileSync(w.spec, source.slice(0, start) + source.slice(source.indexOf('\n## ', start)));

    const refused = await w.run('generate');
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('  breaking  operation-removed  DELETE /cart: removed');
    expect(refused.stderr).toMatch(/^generate: 1 breaking change\(s\); nothing written\. Undo it, or run generate --allow-breaking/);
    expect(w.read('openapi.json')).toBe(before);

    // What check finds (stale files, their diff, the changes) on stdout; why it fails on stderr, and nothing else there.
    const stale = await w.run('check');
    expect(stale.status).toBe(1);
    expect(stale.stdout).toContain(`check: ${w.out}/openapi.json is stale:`);
    expect(stale.stdout).toMatch(/^-\s+"delete": \{$/m);
    expect(stale.stdout).toContain('  breaking  operation-removed  DELETE /cart: removed');
    expect(stale.stdout).not.toContain('generate:');
    expect(stale.stderr.split('\n')).toEqual([
      `check: 3 generated file(s) differ from ${w.spec}; run tm-partner generate and commit ${w.out}/`,
      'check: the API changes include 1 breaking one(s), which generate refuses without --allow-breaking',
      'check: failed',
    ]);

    const allowed = await w.run('generate', '--allow-breaking');
    expect(allowed.status).toBe(0);
    expect(allowed.stdout).toContain(`generate: wrote ${w.out}/ (openapi.json, openapi.yaml, schema.d.ts, package.json) from ${w.spec}`);
    expect(allowed.stdout).toContain('generate: 1 breaking change(s) written; release them as a new major version');
    expect(JSON.parse(w.read('openapi.json')).paths['/cart'].delete).toBeUndefined();
    expect(readdirSync(w.out).sort()).toEqual(['openapi.json', 'openapi.yaml', 'package.json', 'schema.d.ts']);
    expect((await w.run('check')).status).toBe(0);
  });

  it('fail on a spec with errors, naming file, line and column, and leave the output intact', async () => {
    const w = fresh();
    const before = w.read('schema.d.ts');
    writeFileSync(
      w.spec,
      `${readFileSync(w.spec, 'utf8')}\n## Broken [/broken]\n### Read [GET]\n+ Response 200 (application/json)\n    + Attributes (Missing type)\n`,
    );
    for (const command of ['generate', 'check'] as const) {
      const r = await w.run(command);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/partner-api\.apib:\d+:\d+: error: /);
      expect(r.stderr).toContain(
        `${command}: ${w.spec}: the blueprint has errors; ${untouched(command, w.out)}. Fix the spec and run ${command} again.`,
      );
    }
    expect(w.read('schema.d.ts')).toBe(before);
  });

  it('end the process with status 1 on a spec with errors, the idle render worker holding nothing open (real processes)', () => {
    const w = fresh();
    w.edit(
      '### Retrieve event details [GET]',
      '### Retrieve event details [GET]\n+ Response 200 (application/json)\n    + Attributes (Missing type)\n',
    );
    for (const command of ['generate', 'check'] as const) {
      const r = w.runProcess(command);
      expect(r.stderr).toContain(`${command}: spec/partner-api.apib: the blueprint has errors; ${untouched(command, 'generated')}.`);
      expect(r.status).toBe(1);
    }
  }, 150_000);

  it('refuse a spec that is not UTF-8 at its first bad byte, and leave the output intact', async () => {
    const w = fresh();
    const before = w.read('openapi.json');
    const source = readFileSync(w.spec);
    const at = source.indexOf('## Hosts');
    const line = source.subarray(0, at).toString('utf8').split('\n').length;
    // "## Hosts" with a Latin-1 é for its "s", as an editor saving in the wrong encoding would write it.
    writeFileSync(w.spec, Buffer.concat([source.subarray(0, at + 5), Buffer.from([0xe9]), source.subarray(at + 6)]));
    for (const command of ['generate', 'check'] as const) {
      const r = await w.run(command);
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`partner-api\\.apib:${line}:6: error: `));
      expect(r.stderr).toContain(`${command}: ${w.spec} is not UTF-8 text; ${untouched(command, w.out)}.`);
    }
    expect(w.read('openapi.json')).toBe(before);
  });

  it('refuse a binary spec as text that is not UTF-8, at its first NUL byte', async () => {
    const w = fresh();
    writeFileSync(w.spec, Buffer.concat([Buffer.from('FORMAT: 1A\n# API\n'), Buffer.from([0x50, 0x4b, 0x00, 0x03])]));
    for (const command of ['generate', 'check'] as const) {
      const r = await w.run(command);
      expect(r.stderr.split('\n')).toEqual([
        `${w.spec}:3:3: error: binary input: a NUL byte; an API Blueprint is UTF-8 text`,
        `${command}: ${w.spec} is not UTF-8 text; ${untouched(command, w.out)}. Save it as UTF-8 and run ${command} again.`,
      ]);
      expect(r.status).toBe(1);
    }
  });

  it('refuse a VERSION that is no semantic version, naming its line (real processes)', () => {
    const w = fresh();
    const before = w.read('package.json');
    const source = readFileSync(w.spec, 'utf8');
    for (const version of ['banana', '2.0']) {
      writeFileSync(w.spec, source.replace('FORMAT: 1A\n', `FORMAT: 1A\nVERSION: ${version}\n`));
      for (const command of ['generate', 'check'] as const) {
        const r = w.runProcess(command);
        expect(r.stderr.trimEnd().split('\n')).toEqual([
          `spec/partner-api.apib:2:10: error: VERSION '${version}' is not a semantic version (major.minor.patch, e.g. 2.0.0); it becomes the version of @tm-partner/generated`,
          `${command}: spec/partner-api.apib: the blueprint has errors; ${untouched(command, 'generated')}. Fix the spec and run ${command} again.`,
        ]);
        expect(r.status).toBe(1);
      }
    }
    expect(w.read('package.json')).toBe(before);
  }, 300_000);

  it('say in one line when the spec cannot be read (exit 2)', async () => {
    const w = fresh();
    rmSync(w.spec);
    const r = await w.run('generate');
    expect(r).toEqual({ status: 2, stdout: '', stderr: `generate: cannot read ${w.spec}: no such file or directory` });
  });
});

describe('the output cache', () => {
  it('answers an unchanged spec without converting, with exactly what a conversion gives', async () => {
    const w = fresh();
    const source = readFileSync(w.spec, 'utf8');
    const cache = OutputCache.forProject(w.dir, w.out, {});
    const cold = await specOutputs(source, cache);
    const warm = await specOutputs(source, cache);
    const uncached = await specOutputs(source, undefined);
    expect([cold.cached, warm.cached, uncached.cached]).toEqual([false, true, false]);
    for (const name of GENERATED_FILES) {
      const committed = readFileSync(join(ROOT, 'generated', name), 'utf8');
      expect(await warm.content(name)).toBe(committed);
      expect(await uncached.content(name)).toBe(committed);
      expect(warm.digests[name]).toBe(digestOf(committed));
    }
    expect(cache.dir).toBe(join(w.dir, 'node_modules/.cache/tm-partner'));
    // The key is the spec's bytes under this pipeline's fingerprint.
    const fingerprint = await pipelineFingerprint();
    expect(OutputCache.key(fingerprint, source)).not.toBe(OutputCache.key(fingerprint, `${source} `));
    expect(OutputCache.key(fingerprint, source)).not.toBe(OutputCache.key(`${fingerprint}0`, source));
  });

  it('lives in the node_modules of the project the CLI runs in, never in or beside a custom output folder (real processes)', () => {
    const w = fresh();
    const cache = join(w.dir, 'node_modules/.cache/tm-partner');
    const records = () => readdirSync(join(cache, 'runs'));
    const args = ['--spec', 'spec/partner-api.apib'];
    // A custom output folder, two levels down: the cache stays at the project's root.
    expect(runIn(w.dir, ['generate', ...args, '--out', 'build/api']).status).toBe(0);
    expect(runIn(w.dir, ['check', ...args, '--out', 'build/api']).status).toBe(0);
    expect(records()).toHaveLength(1);
    expect(readdirSync(join(w.dir, 'build'))).toEqual(['api']);
    expect(readdirSync(join(w.dir, 'build/api')).sort()).toEqual([...GENERATED_FILES].sort());
    // From a subfolder, and from inside generated/ (which has a package.json of its own): the project is still the copy.
    expect(runIn(join(w.dir, 'spec'), ['check', '--spec', 'partner-api.apib', '--out', '../generated']).status).toBe(0);
    expect(runIn(w.out, ['check', '--spec', '../spec/partner-api.apib', '--out', '.']).status).toBe(0);
    expect(records()).toHaveLength(1);
    expect(readdirSync(join(w.dir, 'spec'))).toEqual(['partner-api.apib']);
    expect(readdirSync(w.out).sort()).toEqual([...GENERATED_FILES].sort());
    // Outside any project the user's cache serves: nothing is written beside the spec or the output.
    rmSync(join(w.dir, 'node_modules'), { recursive: true });
    rmSync(join(w.dir, 'package.json'));
    const home = join(w.dir, 'home-cache');
    expect(runIn(w.dir, ['check', ...args, '--out', 'generated'], { XDG_CACHE_HOME: home }).status).toBe(0);
    expect(readdirSync(w.dir).sort()).toEqual(['build', 'generated', 'home-cache', 'spec']);
    expect(readdirSync(join(home, 'tm-partner/pipeline/runs'))).toHaveLength(1);
    // A relative $XDG_CACHE_HOME is ignored, as the XDG rules say: ~/.cache serves instead.
    const userHome = join(w.dir, 'user-home');
    expect(runIn(w.dir, ['check', ...args, '--out', 'generated'], { XDG_CACHE_HOME: 'relcache', HOME: userHome }).status).toBe(0);
    expect(readdirSync(w.dir).sort()).toEqual(['build', 'generated', 'home-cache', 'spec', 'user-home']);
    expect(readdirSync(join(userHome, '.cache/tm-partner/pipeline/runs'))).toHaveLength(1);
  }, 300_000);

  it('generate writes its output and exits 0 when the cache folder can be neither found nor made (real process)', () => {
    // Under /proc, Node's recursive mkdir never returns; the cache is best effort, so the run goes on without it.
    const w = fresh();
    rmSync(join(w.out, 'openapi.yaml'));
    const r = runIn(w.dir, ['generate', '--spec', 'spec/partner-api.apib', '--out', 'generated'], {
      TM_PARTNER_CACHE_DIR: '/proc/tm-partner-cache',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(w.read('openapi.yaml')).toBe(readFileSync(join(ROOT, 'generated/openapi.yaml'), 'utf8'));
  }, 120_000);

  it('renders types on a worker thread, byte for byte as in this thread', async () => {
    const document: object = JSON.parse(readFileSync(join(ROOT, 'generated/openapi.json'), 'utf8'));
    const renderer = startRenderer();
    const [inWorker, here] = await Promise.all([renderer.render(document), render(document)]);
    expect(renderer.thread).toBe('worker');
    expect(inWorker).toEqual({ problems: [], types: readFileSync(join(ROOT, 'generated/schema.d.ts'), 'utf8') });
    expect(here).toEqual(inWorker);
  });

  it('still catches a hand-edited generated file when the spec is known', async () => {
    const w = fresh();
    expect((await w.run('check')).status).toBe(0);
    writeFileSync(join(w.out, 'openapi.yaml'), w.read('openapi.yaml').replace('title: Ticketmaster Partner-App API', 'title: Edited'));
    const r = await w.run('check');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`check: ${w.out}/openapi.yaml is stale:`);
    expect(r.stdout).toMatch(/^- {3}title: Edited$/m);
    expect(r.stdout).toMatch(/^\+ {3}title: Ticketmaster Partner-App API$/m);
  });

  it('ignores a damaged cache: a blob whose bytes do not match its name is rebuilt', async () => {
    const w = fresh();
    expect((await w.run('check')).status).toBe(0);
    const blobs = join(w.dir, 'node_modules/.cache/tm-partner/blobs');
    const committed = w.read('schema.d.ts');
    writeFileSync(join(blobs, digestOf(committed)), 'export type Damaged = 1;\n');
    rmSync(join(w.out, 'schema.d.ts'));
    const r = await w.run('generate');
    expect(r.status).toBe(0);
    expect(w.read('schema.d.ts')).toBe(committed);
  });
});
