/**
 * The sandbox under load: 1,000 purchase flows at once with the real client, over real
 * loopback HTTP, against one sandbox running in a child process (sandbox-process.mjs)
 * so that its peak memory is its own. Rows: flows/s, p50 and p99 flow latency, the
 * sandbox's peak RSS (target < 150 MB, baseline: its RSS when idle after start), tickets
 * oversold (target 0) and holds left once the hold time has passed (target 0).
 *
 * The mix: most flows buy one general-admission ticket; every 10th wants one of the few
 * meet & greet tickets, so 70 of them must be refused (20052, cart deleted by the
 * client); every 20th reserves and walks away without deleting its cart, so its hold
 * must run out. Every 3rd flow asks for polling. The sandbox's clock is frozen, and
 * moved past the hold time over IPC before holds are counted.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createPartnerClient } from '../../packages/client/src/index.js';
import {
  DEFAULT_API_KEY,
  DEFAULT_CAPTCHA_TOKEN,
  SANDBOX_EVENTS,
  SANDBOX_TICKET_TYPES,
  type InventoryCount,
} from '../../packages/sandbox/src/index.js';
import type { BenchCase, BenchRow } from './harness.js';
import { purchaseFlow, SAFE_START, USER } from './purchase-flows.js';

const FLOWS = 1000;
/** General admission ×3: 1,500 tickets for the 850 buyers and 50 walk-aways; meet & greet: 30 for 100. */
const CAPACITY_SCALE = 3;
const HOLD_SECONDS = 299;
const GA = SANDBOX_EVENTS.generalAdmission;
const PEAK_RSS_TARGET_MB = 150;
const CHILD = fileURLToPath(new URL('./sandbox-process.mjs', import.meta.url));

type Kind = 'buy' | 'scarce' | 'walk away';
const kindOf = (i: number): Kind => (i % 10 === 0 ? 'scarce' : i % 20 === 1 ? 'walk away' : 'buy');

interface Report {
  type: 'report';
  peakRssBytes: number;
  rssBytes: number;
  inventory: Record<string, Record<string, InventoryCount>>;
  carts: number;
  orders: number;
  violations: string[];
  problems: string[];
}

/** The sandbox child: its URL, idle memory and a request/answer channel over IPC. */
async function startChild() {
  const child = fork(CHILD, [String(SAFE_START), String(HOLD_SECONDS), String(CAPACITY_SCALE)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(type: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const onMessage = (message: { type: string }) => {
        if (message.type !== type) return;
        cleanUp();
        resolve(message as T);
      };
      const onExit = (code: number | null) => {
        cleanUp();
        reject(new Error(`the sandbox process exited (${code}) before answering ${type}`));
      };
      const cleanUp = () => {
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ready = await next<{ baseUrl: string; rssBytes: number }>('ready');
  return {
    ...ready,
    report: (events: string[]) => {
      const answer = next<Report>('report');
      child.send({ type: 'report', events });
      return answer;
    },
    advance: (ms: number) => {
      const answer = next('advanced');
      child.send({ type: 'advance', ms });
      return answer;
    },
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'close' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** The 1,000-flow case. */
export function concurrentLoadCase(): BenchCase {
  const name = `sandbox load: ${FLOWS.toLocaleString('en-US')} concurrent purchase flows, one sandbox process`;
  return {
    name,
    async run(): Promise<BenchRow[]> {
      const sandbox = await startChild();
      try {
        const options = { apiKey: DEFAULT_API_KEY, environment: { baseUrl: sandbox.baseUrl }, maxRetries: 0, timeoutMs: 120_000 } as const;
        const plain = createPartnerClient(options);
        // The sandbox says `wait: 0`; the client's 1 s floor would measure sleeping, not work.
        const polling = createPartnerClient({ ...options, polling: { forcePolling: true, minIntervalMs: 0, deadlineMs: 120_000 } });
        const before = await sandbox.report([GA]);
        const outcomes = { purchased: 0, 'sold out': 0, 'walked away': 0, other: 0 };
        const errors: string[] = [];
        const latencies: number[] = [];
        const flow = async (i: number) => {
          const client = i % 3 === 0 ? polling : plain;
          const kind = kindOf(i);
          const ticket = kind === 'scarce' ? SANDBOX_TICKET_TYPES.meetAndGreet : SANDBOX_TICKET_TYPES.generalAdmission;
          const event = { id: GA, tickets: [{ id: ticket, quantity: 1 }] };
          const started = performance.now();
          try {
            if (kind === 'walk away') {
              const cart = await client.openCart({ captchaToken: DEFAULT_CAPTCHA_TOKEN, user: USER });
              await cart.reserve(event);
              outcomes['walked away']++;
            } else {
              const outcome = await purchaseFlow(client, event, `load-${i}`);
              outcomes[outcome.kind]++;
              if (outcome.kind === 'other') errors.push(outcome.message);
            }
          } catch (error) {
            outcomes.other++;
            errors.push(error instanceof Error ? error.message : String(error));
          }
          latencies.push(performance.now() - started);
        };
        const started = performance.now();
        await Promise.all(Array.from({ length: FLOWS }, (_, i) => flow(i)));
        const seconds = (performance.now() - started) / 1000;

        const after = await sandbox.report([GA]);
        await sandbox.advance((HOLD_SECONDS + 1) * 1000);
        const expired = await sandbox.report([GA]);
        const counts = (report: Report) => report.inventory[GA] ?? {};
        const wanted = Array.from({ length: FLOWS }, (_, i) => kindOf(i));
        const scarce = counts(before)[SANDBOX_TICKET_TYPES.meetAndGreet]?.free ?? 0;
        const expected = {
          purchased: wanted.filter((k) => k === 'buy').length + Math.min(scarce, wanted.filter((k) => k === 'scarce').length),
          walkedAway: wanted.filter((k) => k === 'walk away').length,
        };
        // Oversold: more sold than there was, or sold tickets that no purchase accounts for.
        let oversold = 0;
        let soldNow = 0;
        for (const [id, count] of Object.entries(counts(after))) {
          oversold += Math.max(0, count.sold - count.capacity) + Math.max(0, -count.free);
          soldNow += count.sold - (counts(before)[id]?.sold ?? 0);
        }
        oversold += Math.max(0, soldNow - outcomes.purchased);
        const held = (report: Report) => Object.values(counts(report)).reduce((n, c) => n + c.held, 0);
        const broken: string[] = [];
        if (outcomes.purchased !== expected.purchased || outcomes['walked away'] !== expected.walkedAway || outcomes.other !== 0) {
          broken.push(
            `outcomes ${JSON.stringify(outcomes)}, expected ${expected.purchased} purchased and ${expected.walkedAway} walk-aways${errors[0] ? ` (${errors[0]})` : ''}`,
          );
        }
        if (held(after) !== expected.walkedAway) broken.push(`${held(after)} tickets held before expiry, expected ${expected.walkedAway}`);
        if (after.orders !== outcomes.purchased) broken.push(`${after.orders} orders for ${outcomes.purchased} purchases`);
        if (after.violations.length > 0) broken.push(`contract violations: ${after.violations[0]}`);
        if (after.problems.length > 0) broken.push(`sandbox logged: ${after.problems[0]}`);
        if (broken.length > 0) throw new Error(broken.join('; '));

        const mb = (bytes: number) => bytes / (1024 * 1024);
        const note =
          `${FLOWS} client flows started at once against one sandbox process (compiled, frozen clock, capacities x${CAPACITY_SCALE}); ` +
          `${expected.purchased} purchases (client.purchase: cart, reserve, certificate, RSA-encrypted card, purchase), ` +
          `${outcomes['sold out']} refused for no inventory (20052, cart deleted), ${expected.walkedAway} reserve and walk away; every 3rd polls (wait 0). ` +
          `One pass, from the first request to the last answer. Peak RSS: the child's ru_maxrss; baseline: its RSS when idle after start. ` +
          `Oversold: tickets sold beyond capacity or without a purchase. Holds: tickets still held after the clock moved ${HOLD_SECONDS + 1} s.`;
        return [
          { name, unit: 'flows/s', ours: FLOWS / seconds, baseline: undefined, note },
          { name: `${name}: p50 flow latency`, unit: 'ms', ours: percentile(latencies, 50), baseline: undefined },
          { name: `${name}: p99 flow latency`, unit: 'ms', ours: percentile(latencies, 99), baseline: undefined },
          {
            name: `${name}: sandbox peak RSS vs idle`,
            unit: 'MB',
            ours: mb(Math.max(after.peakRssBytes, expired.peakRssBytes)),
            baseline: mb(sandbox.rssBytes),
            target: { on: 'ours', max: PEAK_RSS_TARGET_MB },
          },
          { name: `${name}: tickets oversold`, unit: 'tickets', ours: oversold, baseline: undefined, target: { on: 'ours', max: 0 } },
          {
            name: `${name}: holds left after expiry`,
            unit: 'tickets',
            ours: held(expired),
            baseline: undefined,
            target: { on: 'ours', max: 0 },
          },
        ];
      } finally {
        await sandbox.close();
      }
    },
  };
}
