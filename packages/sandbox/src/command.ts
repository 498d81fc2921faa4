/**
 * The sandbox's command (`tm-partner sandbox`): starts the sandbox on 127.0.0.1, prints
 * one line with its base URL and the process id, then the test credentials, logs one
 * line per request, and stops when the signal it is given aborts (SIGINT or SIGTERM in
 * `tm-partner`). A requested stop is a success: exit status 0.
 */
import { optionsFromArgs, SandboxUsageError } from './command-flags.js';
import { DEFAULT_CAPTCHA_TOKEN, SANDBOX_CARD, SANDBOX_EVENTS, startSandbox } from './index.js';
import type { Sandbox, SandboxOptions } from './index.js';
import { DEFAULT_API_KEY, DEFAULT_CLIENT_SECRET } from './options.js';

export { optionsFromArgs, SandboxUsageError } from './command-flags.js';

/** Help text of the sandbox command. */
export const SANDBOX_USAGE = `Usage: tm-partner sandbox [options]

Serves the stateful Partner-App API sandbox on 127.0.0.1 until stopped (Ctrl-C, or
SIGTERM/SIGINT to this process). The first line of output is

  sandbox listening at http://127.0.0.1:PORT/partners/v1 (pid PID)

Options:
  --port N                 port to listen on; 0 (the default) picks a free one
  --polling-rate 0..1      share of reserve, purchase and delete calls that answer 202 (default 0)
  --wait SECONDS           "wait" of polling answers (default 4)
  --pending-polls N        polls that answer 202 before the result (default 1)
  --hold SECONDS           how long a reserve holds its tickets (default 299)
  --token-lifetime SECONDS lifetime of access tokens (default 3599)
  --require-token          refuse calls without a bearer token
  --no-maintenance         no nightly 02:00-03:00 maintenance window at the venues
  --lenient                log contract breaches of the sandbox instead of answering 500
  --public-base-url URL    base of polling URLs, for a proxy in front of the sandbox
  -h, --help               show this text

Exit status: 0 stopped on request, 1 could not start, 2 usage error.`;

/** Where the command writes. */
export interface SandboxCommandOutput {
  out(line: string): void;
  err(line: string): void;
}

/**
 * Runs the sandbox until `signal` aborts; resolves to the exit status (0 stopped on
 * request, 1 could not start, 2 usage error). The abort reason, when a signal name, is
 * printed with the stop.
 */
export async function runSandboxCommand(args: readonly string[], output: SandboxCommandOutput, signal: AbortSignal): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    output.out(SANDBOX_USAGE);
    return 0;
  }
  let options: SandboxOptions;
  try {
    options = optionsFromArgs(args, output.out);
  } catch (error) {
    if (!(error instanceof SandboxUsageError)) throw error;
    output.err(`sandbox: ${error.message}`);
    output.err('Run tm-partner sandbox --help for its options.');
    return 2;
  }
  if (signal.aborted) return 0;
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox(options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    output.err(`sandbox: ${message}`);
    // The flags are checked already, so this is a failed start (a taken port); a RangeError
    // would be an option the flags do not reach, a usage error all the same.
    if (!(error instanceof RangeError)) return 1;
    output.err('Run tm-partner sandbox --help for its options.');
    return 2;
  }
  output.out(`sandbox listening at ${sandbox.baseUrl} (pid ${process.pid})`);
  if (sandbox.publicBaseUrl !== sandbox.baseUrl) output.out(`  polling URLs point at ${sandbox.publicBaseUrl}`);
  output.out(`  apikey ${DEFAULT_API_KEY}, client secret ${DEFAULT_CLIENT_SECRET}, captcha token ${DEFAULT_CAPTCHA_TOKEN}`);
  output.out(`  test card ${SANDBOX_CARD.number}, security code ${SANDBOX_CARD.cvv}, any expiry`);
  output.out(
    `  events: ${Object.entries(SANDBOX_EVENTS)
      .map(([name, id]) => `${id} (${name})`)
      .join(', ')}`,
  );
  await new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
  const reason: unknown = signal.reason;
  output.out(`${typeof reason === 'string' ? `${reason}: ` : ''}stopping the sandbox`);
  await sandbox.close();
  output.out('sandbox stopped');
  return 0;
}
