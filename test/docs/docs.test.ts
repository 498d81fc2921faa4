/**
 * `tm-partner docs` gives a page that a browser renders into a usable reference:
 * built from generated/openapi.json, opened from disk in headless Chromium with every
 * network request refused, and every operation found in the rendered navigation and
 * on its own page (which only the page's scripts can show: Redoc renders operations
 * on demand).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../packages/cli/src/cli.js';
import { capture } from '../cli/support.js';

const ROOT = resolve(import.meta.dirname, '../..');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface Operation {
  method: string;
  path: string;
  operationId: string;
  summary: string;
  tag: string;
}

async function operations(): Promise<Operation[]> {
  const document = JSON.parse(await readFile(join(ROOT, 'generated/openapi.json'), 'utf8')) as {
    paths: Record<string, Record<string, { operationId?: string; summary?: string; tags?: string[] }>>;
  };
  const methods = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => methods.has(method))
      .map(([method, op]) => ({
        method,
        path,
        operationId: op.operationId ?? '',
        summary: op.summary ?? op.operationId ?? '',
        tag: op.tags?.[0] ?? '',
      })),
  );
}

let work: string;
let page: string;
let context: BrowserContext | undefined;
const timings: Record<string, number> = {};

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'tm-partner-docs-'));
  page = join(work, 'reference.html');
  const io = capture();
  const started = performance.now();
  const status = await runCli(['docs', '--out', page], io);
  timings['tm-partner docs'] = Math.round(performance.now() - started);
  if (status !== 0) throw new Error(`tm-partner docs failed:\n${io.text()}`);
}, 60_000);

afterAll(async () => {
  await context?.close();
  if (work) await rm(work, { recursive: true, force: true });
  console.log(`docs test timings (ms): ${JSON.stringify(timings)}`);
});

describe('the API reference', () => {
  it('is one HTML file that loads no script or style from the network', async () => {
    const html = await readFile(page, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).not.toMatch(/<script[^>]+src=["']?https?:/i);
    expect(html).not.toMatch(/<link[^>]+href=["']?https?:[^>]+stylesheet/i);
  });

  it('renders every operation in headless Chromium', async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium is not installed at ${CHROMIUM}: the docs test needs Debian's chromium package (apt-get install -y chromium; .ci/run installs it), or CHROMIUM_PATH pointing at a Chromium.`,
      );
    }
    const started = performance.now();
    const profile = join(work, 'profile');
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS });
    const refused: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      refused.push(url);
      return route.abort();
    });
    const tab = await context.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(String(error)));
    const url = pathToFileURL(page).href;
    await tab.goto(url, { waitUntil: 'load' });

    const menu = tab.locator('[data-component-name="Menu/Menu"]');
    await menu.waitFor();
    const ops = await operations();
    expect(ops.length).toBeGreaterThan(0);

    // Each tag's entry opens its operations in the navigation (the static HTML has them collapsed).
    const listed = new Map<string, string>();
    for (const tag of [...new Set(ops.map((op) => op.tag))]) {
      await menu.getByText(tag, { exact: true }).first().click();
      for (const op of ops.filter((o) => o.tag === tag)) {
        const item = menu.locator(`[data-text="${op.summary}"]`).first();
        await item.waitFor({ timeout: 5_000 });
        listed.set(op.operationId, (await item.locator('xpath=ancestor::a[1]').getAttribute('href')) ?? '');
      }
    }
    expect([...listed.keys()].sort()).toEqual(ops.map((op) => op.operationId).sort());
    // Links are built from the operationId.
    for (const op of ops) expect(listed.get(op.operationId)?.toLowerCase()).toContain(op.operationId.toLowerCase());

    // Each operation's own page: its summary as the heading, its method and path in the request panel.
    for (const op of ops) {
      await tab.goto(`${url}${listed.get(op.operationId)}`, { waitUntil: 'load' });
      const middle = tab.locator('[data-testid="middle-panel"], main').first();
      await expect.poll(async () => (await middle.innerText()).includes(op.summary), { timeout: 5_000 }).toBe(true);
      const text = await tab.locator('body').innerText();
      expect(text, op.operationId).toContain(op.method.toUpperCase());
      expect(text, op.operationId).toContain(op.path);
    }
    expect(errors).toEqual([]);
    // Nothing the page needs comes from the network: at most Redoc's logo is asked for.
    expect(refused.filter((u) => !/logo/.test(u))).toEqual([]);
    timings['chromium checks'] = Math.round(performance.now() - started);
  }, 60_000);
});
