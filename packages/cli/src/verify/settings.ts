/**
 * What `tm-partner verify` runs with: its flags read, checked and defaulted, and the
 * rule that keeps purchases away from the production API.
 */
import { DEFAULT_API_KEY, DEFAULT_CAPTCHA_TOKEN, SANDBOX_CARD, SANDBOX_EVENTS } from '@tm-partner/sandbox';
import { readFlags, UsageError } from '../io.js';

/** The settings of one verification run. */
export interface VerifySettings {
  /** Base URL of the API under test, without a trailing slash. */
  baseUrl: string;
  apiKey: string;
  /** When set, the flow starts with the client-credentials token and sends it on every call. */
  clientSecret: string | undefined;
  captchaToken: string;
  /** Events to try in order; the first that can be sold now is used. */
  events: string[];
  soldOutEvent: string | undefined;
  closedEvent: string | undefined;
  /** Run the steps that pay and buy. */
  purchase: boolean;
  /** The server keeps no state (a mock): checks that need state are skipped. */
  stateless: boolean;
  card: { number: string; cvv: string };
  /** Per request, to the answer's last byte. */
  timeoutMs: number;
  /** Longest time spent following one operation's polling URLs. */
  pollingDeadlineMs: number;
  junit: string | undefined;
}

export const VERIFY_USAGE = `Usage: tm-partner verify --base-url URL [--api-key K] [--client-secret S] [--junit FILE] [options]

Checks a running server against the OpenAPI document that @tm-partner/generated ships:
runs the purchase flow (token, event, captcha page, cart, reserve with its polling,
certificate, payment with the test card, purchase, unredeemed orders, delete) and
provokes the documented errors it can, validating every request and response (status,
headers, body) and reporting members of a body the document does not name.

Options:
  --base-url URL            the API's base URL, e.g. http://127.0.0.1:PORT/partners/v1 (required)
  --api-key K               API key (default: $TM_API_KEY, else the local sandbox's "${DEFAULT_API_KEY}")
  --client-secret S         client secret: adds the access-token step and sends the token
                            (default: $TM_CLIENT_SECRET; without one the step is skipped)
  --junit FILE              also write the results as JUnit XML, for CI
  --purchase                run the steps that pay and buy tickets; refused on the production host
  --stateless               the server keeps no state (a mock such as Prism): skip the checks that
                            need state or the server's own rules, and do not compare error codes
  --event ID                event to buy from (default: the local sandbox's events, the first
                            that is outside its venue's nightly maintenance hour)
  --sold-out-event ID       a sold-out event: adds the "no inventory" (400 / 20052) check
  --closed-event ID         an event not sold through the API: adds the 403 / 90001 check
  --captcha-token T         a solved captcha token (default: the local sandbox's "${DEFAULT_CAPTCHA_TOKEN}")
  --card-number N           test card number (default: the local sandbox's)
  --card-cvv C              its security code (default: the local sandbox's)
  --timeout SECONDS         per request, to the answer's last byte (default 30); a body over
                            8 MiB is not read further and fails its check
  -h, --help                show this text

Exit status: 0 the server conforms; 1 it does not, including answers that are not whole HTTP
(not HTTP at all, cut off, too slow, too large); 2 usage error, a --junit file that cannot be
written (refused before any request), or no answer to the first request (connection refused,
host not found, timed out): the JUnit file is still written then, with one test case in error.`;

const FLAGS = {
  'base-url': { type: 'string' },
  'api-key': { type: 'string' },
  'client-secret': { type: 'string' },
  junit: { type: 'string' },
  purchase: { type: 'boolean' },
  stateless: { type: 'boolean' },
  event: { type: 'string' },
  'sold-out-event': { type: 'string' },
  'closed-event': { type: 'string' },
  'captcha-token': { type: 'string' },
  'card-number': { type: 'string' },
  'card-cvv': { type: 'string' },
  timeout: { type: 'string' },
} as const;

/** Reads the flags; throws {@link UsageError} naming the flag at fault. */
export function readVerifySettings(args: readonly string[], env: NodeJS.ProcessEnv = process.env): VerifySettings {
  const flags = readFlags(args, FLAGS);
  const given = flags['base-url'];
  if (given === undefined) throw new UsageError('--base-url is required (the API base URL, e.g. http://127.0.0.1:PORT/partners/v1)');
  let base: URL;
  try {
    base = new URL(given);
  } catch {
    throw new UsageError(`--base-url needs an absolute http(s) URL, got ${JSON.stringify(given)}`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:')
    throw new UsageError(`--base-url needs an http(s) URL, got ${base.protocol}`);
  if (base.search !== '' || base.hash !== '' || base.username !== '' || base.password !== '') {
    throw new UsageError('--base-url must not carry a query, a fragment or credentials (pass the key with --api-key)');
  }
  const purchase = flags.purchase === true;
  if (purchase && isProductionApi(base)) {
    throw new UsageError(
      `--purchase is refused for ${base.host}${base.pathname}: the production API would buy real tickets. ` +
        'Use the sandbox host (https://app.ticketmaster.com/partners-sandbox/v1) or a local server.',
    );
  }
  const nonEmpty = (name: string, value: string | undefined): string | undefined => {
    if (value !== undefined && value.trim() === '') throw new UsageError(`--${name} must not be empty`);
    return value;
  };
  const timeout = flags.timeout === undefined ? 30 : Number(flags.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0)
    throw new UsageError(`--timeout needs a positive number of seconds, got ${JSON.stringify(flags.timeout)}`);
  const event = nonEmpty('event', flags.event);
  const cardNumber = nonEmpty('card-number', flags['card-number']) ?? SANDBOX_CARD.number;
  if (!/^\d{12,19}$/.test(cardNumber)) throw new UsageError('--card-number needs 12 to 19 digits');
  const cvv = nonEmpty('card-cvv', flags['card-cvv']) ?? SANDBOX_CARD.cvv;
  if (!/^\d{3,4}$/.test(cvv)) throw new UsageError('--card-cvv needs 3 or 4 digits');
  return {
    baseUrl: base.href.replace(/\/+$/, ''),
    apiKey: nonEmpty('api-key', flags['api-key']) ?? (env['TM_API_KEY'] || DEFAULT_API_KEY),
    clientSecret: nonEmpty('client-secret', flags['client-secret']) ?? (env['TM_CLIENT_SECRET'] || undefined),
    captchaToken: nonEmpty('captcha-token', flags['captcha-token']) ?? DEFAULT_CAPTCHA_TOKEN,
    events: event !== undefined ? [event] : [SANDBOX_EVENTS.generalAdmission, SANDBOX_EVENTS.reservedSeating],
    soldOutEvent: nonEmpty('sold-out-event', flags['sold-out-event']),
    closedEvent: nonEmpty('closed-event', flags['closed-event']),
    purchase,
    stateless: flags.stateless === true,
    card: { number: cardNumber, cvv },
    timeoutMs: timeout * 1000,
    pollingDeadlineMs: 60_000,
    junit: nonEmpty('junit', flags.junit),
  };
}

/**
 * True for Ticketmaster's production API: any ticketmaster.com host outside the
 * sandbox's base path. Erring this way keeps purchases off every host that could be live.
 */
export function isProductionApi(base: URL): boolean {
  const host = base.hostname.toLowerCase().replace(/\.$/, '');
  const ticketmaster = host === 'ticketmaster.com' || host.endsWith('.ticketmaster.com');
  return ticketmaster && !/^\/partners-sandbox(\/|$)/.test(base.pathname);
}
