import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startPrism, type PrismOptions, type PrismServer } from './prism.js';

const USAGE = `Usage: pnpm mock [options]

Serves the Partner-App OpenAPI document with Stoplight Prism on 127.0.0.1.

Options:
  --dynamic            generate responses from the schemas instead of the static examples
  --seed N             seed for the generated responses (implies --dynamic)
  --proxy URL          proxy to URL instead of mocking; any contract break is reported
  --document PATH      OpenAPI document to serve (default: generated/openapi.json)
  --port N             listen on port N (default: any free port)
  --watch              reload when the document changes (default: serve a copy taken at start)
  --help               show this text

The document's paths are served at the root: GET <url>/event/3F004CBB88958BF9?apikey=k.
The request header "Prefer: code=401" or "Prefer: example=<name>" picks a documented response.
Exit status: 0 stopped by SIGINT/SIGTERM, 1 Prism failed or stopped by itself, 2 usage error.`;

/** Where the command writes; replaceable so it can be exercised without a terminal. */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

/** Minimal view of `process` the command listens to for SIGINT and SIGTERM. */
export interface SignalSource {
  on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  off(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
}

class UsageError extends Error {}

/** Turns command-line arguments into startPrism options; `'help'` when --help was given. */
const FLAGS = {
  dynamic: { type: 'boolean' },
  seed: { type: 'string' },
  proxy: { type: 'string' },
  document: { type: 'string' },
  port: { type: 'string' },
  watch: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

function readFlags(argv: readonly string[]) {
  // `pnpm mock -- --dynamic` hands the separator over too; it means nothing here.
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  try {
    return parseArgs({ args, strict: true, allowPositionals: false, options: FLAGS }).values;
  } catch (error) {
    // parseArgs already words its errors for people ("Unknown option '--x'").
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Turns command-line arguments into startPrism options; `'help'` when --help was given. */
export function parseCliArguments(argv: readonly string[]): PrismOptions | 'help' {
  const values = readFlags(argv);
  if (values.help) return 'help';

  const common: { document?: string; watch?: boolean; port?: number } = {};
  if (values.document !== undefined) common.document = resolve(values.document);
  if (values.watch) common.watch = true;
  if (values.port !== undefined) common.port = parsePort(values.port);

  if (values.proxy !== undefined) {
    if (values.dynamic || values.seed !== undefined) {
      throw new UsageError('--dynamic and --seed apply to mock mode only, not with --proxy');
    }
    if (!/^https?:\/\/[^/]/i.test(values.proxy) || !URL.canParse(values.proxy)) {
      throw new UsageError(`--proxy needs an http(s) URL, got ${JSON.stringify(values.proxy)}`);
    }
    return { ...common, mode: 'proxy', upstream: values.proxy };
  }
  const options: PrismOptions = { ...common, mode: 'mock' };
  if (values.dynamic) options.dynamic = true;
  if (values.seed !== undefined) {
    if (!/^-?\d+$/.test(values.seed)) throw new UsageError(`--seed needs an integer, got ${JSON.stringify(values.seed)}`);
    // A seed only matters to generated responses; asking for one means asking for those.
    options.dynamic = true;
    options.seed = Number(values.seed);
  }
  return options;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) {
    throw new UsageError(`--port needs a number from 1 to 65535, got ${JSON.stringify(text)}`);
  }
  return port;
}

const consoleOutput: CliOutput = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Runs `pnpm mock`: starts Prism, prints its URL, stops on SIGINT/SIGTERM; resolves to the exit status. */
export async function runCli(argv: readonly string[], output: CliOutput = consoleOutput, signals: SignalSource = process): Promise<number> {
  let options: PrismOptions | 'help';
  try {
    options = parseCliArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    output.err(`mock: ${error.message}`);
    output.err('Run with --help for the options.');
    return 2;
  }
  if (options === 'help') {
    output.out(USAGE);
    return 0;
  }

  // Listen for the signals before starting, so a Ctrl-C during startup still stops Prism.
  // `on`, not `once`: the same Ctrl-C may arrive twice (from the terminal and relayed by tsx),
  // and a second one must not kill us with the default handler while we stop Prism.
  let stopRequested = false;
  let wake: () => void = () => {};
  const stop = (): void => {
    stopRequested = true;
    wake();
  };
  signals.on('SIGINT', stop);
  signals.on('SIGTERM', stop);
  try {
    let server: PrismServer;
    try {
      server = await startPrism({ ...options, log: (line) => output.out(line) });
    } catch (error) {
      if (stopRequested) {
        output.out('Stopped before Prism was listening.');
        return 0;
      }
      output.err(`mock: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
    const what = server.mode === 'proxy' ? `proxy to ${options.upstream}` : 'mock server';
    output.out(`Prism ${what} listening on ${server.url} (pid ${server.pid}). Stop it with Ctrl-C.`);

    const stopped = new Promise<'signal'>((resolvePromise) => {
      wake = () => resolvePromise('signal');
      if (stopRequested) wake();
    });
    const outcome = await Promise.race([stopped, server.exited]);
    if (outcome === 'signal') {
      await server.close();
      output.out('Prism stopped.');
      return 0;
    }
    await server.close();
    // Ctrl-C reaches the whole process group, so Prism may see it before we do.
    if (stopRequested || outcome.signal === 'SIGINT') {
      output.out('Prism stopped.');
      return 0;
    }
    const how = outcome.signal ? `on ${outcome.signal}` : `with code ${outcome.code}`;
    output.err(`mock: Prism exited by itself ${how}.`);
    return 1;
  } finally {
    signals.off('SIGINT', stop);
    signals.off('SIGTERM', stop);
  }
}

const invokedDirectly = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`mock: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
