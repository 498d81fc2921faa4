/**
 * The mock's command (`tm-partner mock`): Prism on the OpenAPI document in a child
 * process, one line with its URL and our process id, Prism's request log after it, and
 * a clean stop (Prism included) when the signal it is given aborts.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DocumentError } from './check-document.js';
import { startPrism, type PrismOptions, type PrismServer } from './prism.js';

/** Help text of the mock command. */
export const MOCK_USAGE = `Usage: tm-partner mock [options]

Serves the Partner-App OpenAPI document with Stoplight Prism on 127.0.0.1 until stopped
(Ctrl-C, or SIGTERM/SIGINT to this process). The first line of output is

  mock listening at http://127.0.0.1:PORT (pid PID)

where PID is this process (Prism runs beneath it and stops with it).

Options:
  --dynamic            generate responses from the schemas instead of the static examples
  --seed N             seed for the generated responses (implies --dynamic)
  --proxy URL          proxy to URL instead of mocking; any contract break is reported
  --document PATH      OpenAPI document to serve (default: the one @tm-partner/generated ships)
  --port N             listen on port N; 0 (the default) picks a free one
  --watch              reload when the document changes (default: serve a copy taken at start)
  -h, --help           show this text

The document's paths are served at the root: GET <url>/event/3F004CBB88958BF9?apikey=k.
The request header "Prefer: code=401" or "Prefer: example=<name>" picks a documented response.
The document is checked before Prism starts: a file that cannot be read (missing, a
directory) is exit status 2; one that is empty, binary, not JSON or YAML, or not OpenAPI 3.x
is exit status 1, the message naming your file.
Exit status: 0 stopped on request, 1 the document is not usable or Prism failed or stopped by
itself, 2 usage error or a document that cannot be read.`;

/** Where the command writes; replaceable so it can be exercised without a terminal. */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
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
  help: { type: 'boolean', short: 'h' },
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
  if (values.port !== undefined) {
    const port = parsePort(values.port);
    // 0 asks for a free port, which startPrism finds when none is given.
    if (port !== 0) common.port = port;
  }

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
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new UsageError(`--port needs a number from 0 to 65535, got ${JSON.stringify(text)}`);
  }
  return port;
}

/**
 * Runs the mock until `signal` aborts: starts Prism, prints its URL, stops Prism on the
 * abort; resolves to the exit status (0 stopped on request, 1 Prism failed or exited by
 * itself, 2 usage error).
 */
export async function runMockCommand(argv: readonly string[], output: CliOutput, signal: AbortSignal): Promise<number> {
  let options: PrismOptions | 'help';
  try {
    options = parseCliArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    output.err(`mock: ${error.message}`);
    output.err('Run tm-partner mock --help for its options.');
    return 2;
  }
  if (options === 'help') {
    output.out(MOCK_USAGE);
    return 0;
  }
  if (signal.aborted) return 0;

  // Prism's start-up lines stay out of the output, so the URL line comes first; a failed
  // start quotes them in its error.
  let live = false;
  let server: PrismServer;
  try {
    server = await startPrism({ ...options, log: (line) => live && output.out(`  ${line}`) });
  } catch (error) {
    if (signal.aborted) {
      output.out('mock: stopped before Prism was listening');
      return 0;
    }
    output.err(`mock: ${error instanceof Error ? error.message : String(error)}`);
    // As generate and check: a file that cannot be read is exit 2, one whose content is wrong exit 1.
    return error instanceof DocumentError && error.kind === 'unreadable' ? 2 : 1;
  }
  output.out(`mock listening at ${server.url} (pid ${process.pid})`);
  const what = server.mode === 'proxy' ? `proxy to ${options.upstream}` : 'mock server';
  output.out(`  Prism ${what} (pid ${server.pid}), document ${server.document}`);
  live = true;

  const stopped = new Promise<'signal'>((resolvePromise) => {
    if (signal.aborted) resolvePromise('signal');
    else signal.addEventListener('abort', () => resolvePromise('signal'), { once: true });
  });
  const outcome = await Promise.race([stopped, server.exited]);
  if (outcome === 'signal') {
    const reason: unknown = signal.reason;
    output.out(`${typeof reason === 'string' ? `${reason}: ` : ''}stopping Prism`);
  }
  await server.close();
  // A Ctrl-C in a terminal reaches the whole process group, so Prism may see it before we do.
  if (outcome === 'signal' || signal.aborted || outcome.signal === 'SIGINT') {
    output.out('mock stopped');
    return 0;
  }
  const how = outcome.signal ? `on ${outcome.signal}` : `with code ${outcome.code}`;
  output.err(`mock: Prism exited by itself ${how}.`);
  return 1;
}
