/**
 * The sandbox's bench cases, printed by `test/bench/all.ts` (`pnpm bench`)
 * in the one table with the others:
 *
 * - load: N concurrent purchase flows with the real client (`client.purchase`, a share of
 *   them with forced polling and `wait: 0`) against a fresh sandbox per pass; flows/s
 *   (baseline: the same flows one after another), p50 and p99 flow latency. Ticket
 *   types are picked so that their capacity runs out: some flows must get 20052 and
 *   the client must delete their carts. After each pass the inventory must add up
 *   (sold + held + free = capacity, nothing held, sold = what the flows bought) and the
 *   outcomes must be exactly what the capacities allow; otherwise the case fails.
 * - requests/s on `GET /event/{id}?apikey=…`: the sandbox against Prism in mock mode,
 *   the same number of requests at the same small concurrency.
 *
 * Run alone: `npx tsx test/bench/sandbox.ts`.
 */
import { performance } from 'node:perf_hooks';
import { type BenchCase, type BenchRow, type BenchSettings, isMainModule, runBenchMain, timePasses } from './harness.js';
import { purchaseFlow, SAFE_START } from './purchase-flows.js';
import { concurrentLoadCase } from './sandbox-load.js';
import { createPartnerClient } from '../../packages/client/src/index.js';
import type { PartnerClient } from '../../packages/client/src/index.js';
import { readViolations, startPrism } from '../../packages/mock/src/index.js';
import { DEFAULT_API_KEY, SANDBOX_EVENTS, SANDBOX_TICKET_TYPES, startSandbox } from '../../packages/sandbox/src/index.js';
import type { InventoryCount, Sandbox } from '../../packages/sandbox/src/index.js';

/** Concurrent purchase flows per pass. */
const FLOWS = 50;
/** Every third flow asks for polling (`X-TM-FORCE-POLLING`); the sandbox answers `wait: 0`. */
const FORCED_EVERY = 3;
/** Requests per pass and side of the requests/s case, and how many are in flight at once. */
const REQUESTS_PER_PASS = 300;
const CONCURRENCY = 4;

/**
 * What the flows buy, all on the general-admission event: tables for two (capacity 40)
 * and meet & greet (capacity 10), two tickets per flow, alternating. 25 flows of 2 ask
 * for 50 of each: both run out, at different points.
 */
const GA = SANDBOX_EVENTS.generalAdmission;
const FLOW_TYPES = [SANDBOX_TICKET_TYPES.tableForTwo, SANDBOX_TICKET_TYPES.meetAndGreet] as const;
const QUANTITY = 2;

/** Every sandbox case, in table order. */
export function sandboxBenchCases(): BenchCase[] {
  return [loadCase(), concurrentLoadCase(), requestsCase()];
}

// ---------------------------------------------------------------------------
// Concurrent purchase flows

type Outcome = 'purchased' | 'sold out' | 'other';

interface PassResult {
  ms: number;
  latencies: number[];
  outcomes: Record<Outcome, number>;
  forced: number;
}

/** A sandbox on a frozen clock that keeps its warnings and errors (any fails a pass). */
async function quietSandbox(): Promise<Sandbox & { problems: string[] }> {
  const problems: string[] = [];
  const sandbox = await startSandbox({
    startTime: SAFE_START,
    pollingWaitSeconds: 0,
    pendingPolls: 1,
    logger: { warn: (m) => problems.push(m), error: (m) => problems.push(m) },
  });
  return Object.assign(sandbox, { problems });
}

function clientsFor(sandbox: Sandbox): { plain: PartnerClient; forced: PartnerClient } {
  const options = { apiKey: DEFAULT_API_KEY, environment: { baseUrl: sandbox.baseUrl }, maxRetries: 0 } as const;
  return {
    plain: createPartnerClient(options),
    // The sandbox says `wait: 0`; the client's 1 s floor would measure sleeping, not work.
    forced: createPartnerClient({ ...options, polling: { forcePolling: true, minIntervalMs: 0 } }),
  };
}

/** Runs the flows on a fresh sandbox, concurrently or one by one, and checks the inventory afterwards. */
async function runFlows(concurrent: boolean): Promise<PassResult> {
  const sandbox = await quietSandbox();
  try {
    const before = sandbox.inventory(GA);
    const { plain, forced } = clientsFor(sandbox);
    const outcomes: Record<Outcome, number> = { purchased: 0, 'sold out': 0, other: 0 };
    const errors: string[] = [];
    const latencies: number[] = [];
    let forcedCount = 0;
    const flow = async (i: number) => {
      const usesPolling = i % FORCED_EVERY === 0;
      if (usesPolling) forcedCount++;
      const client = usesPolling ? forced : plain;
      const type = FLOW_TYPES[i % FLOW_TYPES.length] ?? FLOW_TYPES[0];
      const started = performance.now();
      const outcome = await purchaseFlow(client, { id: GA, tickets: [{ id: type, quantity: QUANTITY }] }, `load-${i}`);
      outcomes[outcome.kind]++;
      if (outcome.kind === 'other') errors.push(outcome.message);
      latencies.push(performance.now() - started);
    };
    const started = performance.now();
    if (concurrent) await Promise.all(Array.from({ length: FLOWS }, (_, i) => flow(i)));
    else for (let i = 0; i < FLOWS; i++) await flow(i);
    const ms = performance.now() - started;

    checkPass(sandbox, before, outcomes, errors);
    return { ms, latencies, outcomes, forced: forcedCount };
  } finally {
    await sandbox.close();
  }
}

/** Throws (failing the case) unless the inventory adds up and the outcomes are exactly what the capacities allow. */
function checkPass(
  sandbox: Sandbox & { problems: string[] },
  before: Record<string, InventoryCount>,
  outcomes: Record<Outcome, number>,
  errors: string[],
): void {
  const after = sandbox.inventory(GA);
  const broken: string[] = [];
  let expectedPurchases = 0;
  for (const [id, count] of Object.entries(after)) {
    if (count.sold + count.held + count.free !== count.capacity || count.held !== 0 || count.free < 0) {
      broken.push(`${id}: sold ${count.sold} + held ${count.held} + free ${count.free} vs capacity ${count.capacity}`);
    }
  }
  FLOW_TYPES.forEach((type, k) => {
    const flows = Math.ceil((FLOWS - k) / FLOW_TYPES.length);
    const free = before[type]?.free ?? 0;
    const fit = Math.min(flows, Math.floor(free / QUANTITY));
    expectedPurchases += fit;
    const sold = (after[type]?.sold ?? 0) - (before[type]?.sold ?? 0);
    if (sold !== fit * QUANTITY) broken.push(`${type}: ${sold} sold, expected ${fit * QUANTITY}`);
  });
  if (outcomes.purchased !== expectedPurchases || outcomes['sold out'] !== FLOWS - expectedPurchases || outcomes.other !== 0) {
    broken.push(
      `outcomes ${JSON.stringify(outcomes)}, expected ${expectedPurchases} purchased and ${FLOWS - expectedPurchases} sold out${errors.length ? ` (${errors[0]})` : ''}`,
    );
  }
  // Sold-out flows must have deleted their carts: only purchased ones remain.
  if (sandbox.cartCount() !== outcomes.purchased) broken.push(`${sandbox.cartCount()} carts left for ${outcomes.purchased} purchases`);
  if (sandbox.contractViolations().length > 0)
    broken.push(`sandbox contract violations: ${JSON.stringify(sandbox.contractViolations()[0])}`);
  if (sandbox.problems.length > 0) broken.push(`sandbox logged: ${sandbox.problems[0]}`);
  if (broken.length > 0) throw new Error(`inventory check failed: ${broken.join('; ')}`);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function median(values: number[]): number {
  return percentile(values, 50);
}

function loadCase(): BenchCase {
  const name = `sandbox load: ${FLOWS} purchase flows`;
  return {
    name,
    async run(settings: BenchSettings): Promise<BenchRow[]> {
      for (let i = 0; i < settings.warmup; i++) await runFlows(true);
      const concurrent: PassResult[] = [];
      const sequential: PassResult[] = [];
      // The sides take turns, as in timePasses, so drift favours neither.
      for (let pass = 0; pass < settings.passes; pass++) {
        if (pass % 2 === 0) {
          concurrent.push(await runFlows(true));
          sequential.push(await runFlows(false));
        } else {
          sequential.push(await runFlows(false));
          concurrent.push(await runFlows(true));
        }
      }
      const flowsPerSecond = (passes: PassResult[]) => median(passes.map((p) => (FLOWS * 1000) / p.ms));
      const latencies = concurrent.flatMap((p) => p.latencies);
      const first = concurrent[0];
      const outcomes = first
        ? `${first.outcomes.purchased} purchased, ${first.outcomes['sold out']} sold out (20052, cart deleted by the client), ${first.outcomes.other} other`
        : '';
      const note =
        `${FLOWS} flows per pass, each client.purchase() of ${QUANTITY} tickets (captcha token, cart, reserve, certificate once per client, ` +
        `RSA-encrypted card, purchase) on a fresh sandbox; every ${FORCED_EVERY}rd flow with forced polling (wait 0, one 202 before each answer). ` +
        `Capacities 40 (tables) and 10 (meet & greet), 25 flows each: per pass ${outcomes}. ` +
        `Checked after every pass: sold + held + free = capacity for each ticket type, nothing held, sold = purchases x ${QUANTITY}, ` +
        `only purchased carts left, no contract violation. Client and sandbox share this process (one event loop). ` +
        `Baseline: the same flows one after another.`;
      return [
        {
          name: `${name}, all at once vs one by one`,
          unit: 'flows/s',
          ours: flowsPerSecond(concurrent),
          baseline: flowsPerSecond(sequential),
          note,
        },
        {
          name: `${name}: p50 flow latency, all at once vs one by one`,
          unit: 'ms',
          ours: percentile(latencies, 50),
          baseline: median(sequential.flatMap((p) => p.latencies)),
        },
        {
          name: `${name}: p99 flow latency, all at once vs one by one`,
          unit: 'ms',
          ours: percentile(latencies, 99),
          baseline: percentile(
            sequential.flatMap((p) => p.latencies),
            99,
          ),
        },
      ];
    },
  };
}

// ---------------------------------------------------------------------------
// Requests per second: sandbox vs Prism

function requestsCase(): BenchCase {
  const name = `GET /event/{id}: sandbox vs Prism mock, ${CONCURRENCY} in flight`;
  return {
    name,
    async run(settings: BenchSettings): Promise<BenchRow[]> {
      const sandbox = await quietSandbox();
      let prism: Awaited<ReturnType<typeof startPrism>> | undefined;
      try {
        prism = await startPrism();
        const sandboxUrl = `${sandbox.baseUrl}/event/${GA}?apikey=${DEFAULT_API_KEY}`;
        const prismUrl = `${prism.url}/event/3F004CBB88958BF9?apikey=${DEFAULT_API_KEY}`;
        const check = (expectedId: string, prismSide: boolean) => async (url: string) => {
          const response = await fetch(url);
          const body = (await response.json()) as { event?: { id?: string } };
          if (response.status !== 200 || body.event?.id !== expectedId)
            throw new Error(`${url}: status ${response.status}, event ${body.event?.id}`);
          if (prismSide && readViolations(response.headers).length > 0) throw new Error(`Prism reported violations for ${url}`);
        };
        const one = { sandbox: () => check(GA, false)(sandboxUrl), prism: () => check('3F004CBB88958BF9', true)(prismUrl) };
        const batch = (call: () => Promise<void>) => async () => {
          let next = 0;
          const worker = async () => {
            while (next < REQUESTS_PER_PASS) {
              next++;
              await call();
            }
          };
          await Promise.all(Array.from({ length: CONCURRENCY }, worker));
        };
        const t = await timePasses({ ours: batch(one.sandbox), baseline: batch(one.prism) }, settings);
        const perSecond = (ms: number | undefined) => (REQUESTS_PER_PASS * 1000) / (ms ?? Number.NaN);
        return [
          {
            name,
            unit: 'req/s',
            ours: perSecond(t.ours),
            baseline: perSecond(t.baseline),
            note:
              `${REQUESTS_PER_PASS} requests per pass and side, ${CONCURRENCY} at a time, plain fetch with keep-alive; every answer checked (200, event id). ` +
              `Sandbox: in this process, request and response validated with Ajv, real state. Prism 5 (prism-cli 5.14.2): a child process serving the static example, ` +
              `validating the request; its sl-violations header checked empty.`,
          },
        ];
      } finally {
        await prism?.close();
        await sandbox.close();
      }
    },
  };
}

if (isMainModule(import.meta.url)) {
  runBenchMain(sandboxBenchCases);
}
