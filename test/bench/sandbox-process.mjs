// The sandbox of the 1,000-flow load bench (sandbox-load.ts), in a process of its own so
// that its memory is its own. It runs the compiled package (`pnpm bench` builds first),
// so no TypeScript loader sits in the measured process. Arguments: start time (epoch
// ms, a frozen clock), hold seconds, capacity scale. Requests arrive over IPC.
import { startSandbox } from '../../packages/sandbox/dist/index.js';

const [startTime, holdSeconds, capacityScale] = process.argv.slice(2).map(Number);
const problems = [];
const sandbox = await startSandbox({
  startTime,
  holdSeconds,
  capacityScale,
  pollingWaitSeconds: 0,
  pendingPolls: 1,
  logger: { warn: (m) => problems.push(m), error: (m) => problems.push(m) },
});

const report = (events) => ({
  type: 'report',
  // ru_maxrss: the kernel's high-water mark of this process's resident set, in kB.
  peakRssBytes: process.resourceUsage().maxRSS * 1024,
  rssBytes: process.memoryUsage.rss(),
  inventory: Object.fromEntries(events.map((id) => [id, sandbox.inventory(id)])),
  carts: sandbox.cartCount(),
  orders: sandbox.orders().length,
  violations: sandbox.contractViolations().map((v) => `${v.operationId} ${v.status}: ${v.problems.join('; ')}`),
  problems,
});

process.on('message', (message) => {
  if (message.type === 'report') process.send(report(message.events));
  else if (message.type === 'advance') {
    sandbox.clock.advance(message.ms);
    process.send({ type: 'advanced' });
  } else if (message.type === 'close') {
    void sandbox.close().then(() => process.disconnect());
  }
});
process.send({ type: 'ready', baseUrl: sandbox.baseUrl, rssBytes: process.memoryUsage.rss() });
