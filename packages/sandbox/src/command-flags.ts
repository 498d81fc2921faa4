/**
 * The flags of `tm-partner sandbox`, read into sandbox options. Every value is checked
 * here, so a bad one is refused naming the flag the user typed (`--hold`), not the option
 * it becomes (`holdSeconds`); numbers are plain decimals, as `mock --port` takes them.
 */
import { parseArgs } from 'node:util';
import type { SandboxOptions } from './index.js';
import { checkPublicBaseUrl } from './options.js';

/** A usage error of the sandbox command (exit status 2). */
export class SandboxUsageError extends Error {}

const FLAGS = {
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
} as const;

/** Parses the command line into sandbox options; throws {@link SandboxUsageError} on bad input. */
export function optionsFromArgs(args: readonly string[], log: (line: string) => void = (line) => console.log(line)): SandboxOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: joinNegativeValues(args[0] === '--' ? args.slice(1) : [...args]),
      strict: true,
      allowPositionals: false,
      options: FLAGS,
    }));
  } catch (error) {
    // parseArgs words its errors for people already ("Unknown option '--x'").
    throw new SandboxUsageError(error instanceof Error ? error.message : String(error));
  }
  const options: SandboxOptions = {
    logger: { info: log },
    requireAccessToken: values['require-token'] === true,
    strict: values.lenient !== true,
  };
  const port = whole('port', values.port, 0, 65535);
  const pollingRate = share('polling-rate', values['polling-rate']);
  const wait = whole('wait', values.wait, 0);
  const pendingPolls = whole('pending-polls', values['pending-polls'], 0);
  const hold = whole('hold', values.hold, 1);
  const tokenLifetime = whole('token-lifetime', values['token-lifetime'], 1);
  if (port !== undefined) options.port = port;
  if (pollingRate !== undefined) options.pollingRate = pollingRate;
  if (wait !== undefined) options.pollingWaitSeconds = wait;
  if (pendingPolls !== undefined) options.pendingPolls = pendingPolls;
  if (hold !== undefined) options.holdSeconds = hold;
  if (tokenLifetime !== undefined) options.tokenLifetimeSeconds = tokenLifetime;
  if (values['no-maintenance']) options.maintenance = false;
  const publicBaseUrl = values['public-base-url'];
  if (publicBaseUrl !== undefined) {
    try {
      options.publicBaseUrl = checkPublicBaseUrl(publicBaseUrl);
    } catch (error) {
      const rule = error instanceof Error ? error.message.replace(/^sandbox option publicBaseUrl /, '') : String(error);
      throw new SandboxUsageError(`--public-base-url ${rule}, got ${JSON.stringify(publicBaseUrl)}`);
    }
  }
  return options;
}

/**
 * `--port -1` as `--port=-1`: parseArgs takes a value starting with a dash for a flag
 * ("ambiguous"); joined, it reaches the range check and its plain message.
 */
function joinNegativeValues(args: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const next = args[i + 1];
    const name = arg.startsWith('--') ? arg.slice(2) : '';
    if (name in FLAGS && FLAGS[name as keyof typeof FLAGS].type === 'string' && next !== undefined && /^-[\d.]/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

/** A whole decimal number from `min` to `max` (no sign, hex, exponent or blanks). */
function whole(name: string, text: string | undefined, min: number, max?: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || (max !== undefined && value > max)) {
    // Worded as mock --port words it.
    const range = max !== undefined ? `a number from ${min} to ${max}` : `a whole number of at least ${min}`;
    throw new SandboxUsageError(`--${name} needs ${range}, got ${JSON.stringify(text)}`);
  }
  return value;
}

/** A decimal fraction from 0 to 1. */
function share(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^(\d+\.?\d*|\.\d+)$/.test(text) || value > 1)
    throw new SandboxUsageError(`--${name} needs a number from 0 to 1, got ${JSON.stringify(text)}`);
  return value;
}
