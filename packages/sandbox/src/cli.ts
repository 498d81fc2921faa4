/**
 * `pnpm sandbox`: starts the sandbox on 127.0.0.1, prints its base URL and test
 * credentials, logs one line per request, and stops on SIGINT or SIGTERM.
 *
 *   pnpm sandbox [--port N] [--polling-rate 0..1] [--wait S] [--pending-polls N]
 *                [--hold S] [--token-lifetime S] [--require-token] [--no-maintenance] [--lenient]
 *                [--public-base-url URL]
 */
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_CAPTCHA_TOKEN, SANDBOX_CARD, SANDBOX_EVENTS, startSandbox } from './index.js';
import type { SandboxOptions } from './index.js';
import { DEFAULT_API_KEY, DEFAULT_CLIENT_SECRET } from './options.js';

const USAGE = `usage: pnpm sandbox [--port N] [--polling-rate 0..1] [--wait SECONDS] [--pending-polls N]
                    [--hold SECONDS] [--token-lifetime SECONDS] [--require-token]
                    [--no-maintenance] [--lenient] [--public-base-url URL]`;

/** Parses the command line into sandbox options; throws a usage message on bad input. */
export function optionsFromArgs(args: string[]): SandboxOptions {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      port: { type: 'string' },
      'polling-rate': { type: 'string' },
      wait: { type: 'string' },
      'pending-polls': { type: 'string' },
      hold: { type: 'string' },
      'token-lifetime': { type: 'string' },
      'require-token': { type: 'boolean' },
      'no-maintenance': { type: 'boolean' },
      lenient: { type: 'boolean' },
      'public-base-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) throw new Error(USAGE);
  const number = (name: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value)) throw new Error(`--${name} needs a number\n${USAGE}`);
    return value;
  };
  const options: SandboxOptions = {
    logger: { info: (message) => console.log(message) },
    requireAccessToken: values['require-token'] === true,
    strict: values.lenient !== true,
  };
  const port = number('port', values.port);
  const pollingRate = number('polling-rate', values['polling-rate']);
  const wait = number('wait', values.wait);
  const pendingPolls = number('pending-polls', values['pending-polls']);
  const hold = number('hold', values.hold);
  const tokenLifetime = number('token-lifetime', values['token-lifetime']);
  if (port !== undefined) options.port = port;
  if (pollingRate !== undefined) options.pollingRate = pollingRate;
  if (wait !== undefined) options.pollingWaitSeconds = wait;
  if (pendingPolls !== undefined) options.pendingPolls = pendingPolls;
  if (hold !== undefined) options.holdSeconds = hold;
  if (tokenLifetime !== undefined) options.tokenLifetimeSeconds = tokenLifetime;
  if (values['no-maintenance']) options.maintenance = false;
  if (values['public-base-url'] !== undefined) options.publicBaseUrl = values['public-base-url'];
  return options;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return;
  }
  let options: SandboxOptions;
  try {
    options = optionsFromArgs(args);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(message.includes('usage:') ? message : `${message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const sandbox = await startSandbox(options);
  console.log(`Partner API sandbox listening at ${sandbox.baseUrl}`);
  if (sandbox.publicBaseUrl !== sandbox.baseUrl) console.log(`  polling URLs point at ${sandbox.publicBaseUrl}`);
  console.log(`  apikey ${DEFAULT_API_KEY}, client secret ${DEFAULT_CLIENT_SECRET}, captcha token ${DEFAULT_CAPTCHA_TOKEN}`);
  console.log(`  test card ${SANDBOX_CARD.number}, security code ${SANDBOX_CARD.cvv}, any expiry`);
  console.log(
    `  events: ${Object.entries(SANDBOX_EVENTS)
      .map(([name, id]) => `${id} (${name})`)
      .join(', ')}`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping the sandbox`);
    sandbox.close().then(
      () => (process.exitCode = 0),
      (error: unknown) => {
        console.error(error);
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

// Run only as a program, so the argument parser can be imported by tests.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  void main();
}
