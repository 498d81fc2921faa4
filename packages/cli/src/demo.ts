/**
 * `runDemo`: a whole purchase with @tm-partner/client against a sandbox started in this
 * process, one readable line per step: access token, event details (venue, local time,
 * maintenance window), captcha page, cart, reserve (each poll reported), certificate,
 * encrypted payment, purchase, unredeemed orders. Card data is never written: only the
 * fact that the number and security code were encrypted, and with which key.
 */
import { createPartnerClient, maintenanceWindow } from '@tm-partner/client';
import type { CallOptions, EventDetails, LogRecord, PaymentDetails, PollProgress, ReserveEvent } from '@tm-partner/client';
import { DEFAULT_API_KEY, DEFAULT_CLIENT_SECRET, SANDBOX_BILLING, SANDBOX_CARD, SANDBOX_EVENTS, startSandbox } from '@tm-partner/sandbox';

/** Options of {@link runDemo}. */
export interface DemoOptions {
  /** Receives each line of output. */
  write: (line: string) => void;
  /** Ask for a 202 and polling on reserve and purchase (`X-TM-FORCE-POLLING`); default true. */
  forcePolling?: boolean;
  /** Stops the demo: the call in flight is aborted and the sandbox closed. */
  signal?: AbortSignal;
}

/** What the demo bought. */
export interface DemoResult {
  orderToken: string;
}

const USER = { ip: '198.51.100.23', userId: 'demo-user-1' };
const TICKETS = 2;
const BILLING: PaymentDetails = { ...SANDBOX_BILLING, type: 'CC' };

/** Runs the purchase; resolves with the order token, rejects with the failing step's error. The sandbox is closed either way. */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const { write, signal } = options;
  const forcePolling = options.forcePolling ?? true;
  signal?.throwIfAborted();
  const sandbox = await startSandbox({
    // Quick polls: `wait: 0` from the sandbox, one 202 before each answer.
    pollingWaitSeconds: 0,
    pendingPolls: 1,
    logger: { warn: (m) => write(`  sandbox warning: ${m}`), error: (m) => write(`  sandbox error: ${m}`) },
  });
  try {
    signal?.throwIfAborted();
    write(`Sandbox: Partner-App API at ${sandbox.baseUrl} (forced polling ${forcePolling ? 'on' : 'off'}, polls answer "wait 0").`);

    const onPoll = (p: PollProgress) => write(`  poll ${p.attempt}: after ${p.waitMs} ms, GET ${pathOf(p.url, false)}`);
    const client = createPartnerClient({
      apiKey: DEFAULT_API_KEY,
      clientSecret: DEFAULT_CLIENT_SECRET,
      environment: { baseUrl: sandbox.baseUrl },
      // The sandbox is local: follow its `wait: 0` without the client's 1 s floor.
      polling: { forcePolling, minIntervalMs: 0, deadlineMs: 30_000, onPoll },
      logger: (record: LogRecord) => {
        if (record.message === 'response' && record.url?.includes('/oauth/accesstoken')) {
          write(
            `Access token: ${record.method} ${pathOf(record.url)} -> ${record.status} (client credentials; cached for its hour, sent as a bearer token)`,
          );
        }
      },
      logLevel: 'info',
    });
    const call: CallOptions = signal ? { signal } : {};

    const { details, event } = await pickEvent(client, sandbox.clock.date(), call, write);
    const ticketType = details.event.tickets[0];
    if (!ticketType) throw new Error(`event ${details.event.id} has no ticket types`);

    const page = await client.getCaptchaPage(call);
    // The page navigates to ticketmaster-g-recaptcha-response://<token> once solved; the sandbox's solves itself.
    const captchaToken = /callback\("([^"]+)"\)/.exec(page.html)?.[1];
    if (!captchaToken) throw new Error('the captcha page carries no solution token');
    write(`Captcha page: ${page.html.length} bytes of HTML, site key ${page.siteKey ?? '(none)'}; solved, token received.`);

    await using cart = await client.openCart({ captchaToken, user: USER }, call);
    write(`Cart opened: ${cart.cartId} (for end user ${USER.userId} at ${USER.ip}).`);

    write(`Reserve: ${TICKETS} x ${ticketType.description} (ticket type ${ticketType.id})${forcePolling ? ', polling forced' : ''}...`);
    const reserved = await cart.reserve(event, call);
    const seats = reserved.cart.items
      .map((item) =>
        item.row
          ? `section ${item.section} row ${item.row} seats ${item.start_seat_number}-${item.end_seat_number}`
          : `section ${item.section}`,
      )
      .join('; ');
    write(
      `Reserved: ${reserved.cart.items.reduce((n, item) => n + item.num_seats, 0)} tickets (${seats}), held for ${reserved.cart.hold_time} s; ` +
        `total ${money(reserved.cart.totals.grand, details.event.currency_code)}.`,
    );

    const certificate = await cart.getCertificate(call);
    write(`Certificate: ${certificate.id} (RSA public key; the client reuses it for 24 h).`);

    const paid = await cart.addPayment(
      { payment: BILLING, card: { ...SANDBOX_CARD, expireMonth: 12, expireYear: new Date().getUTCFullYear() + 2, postalCode: '90210' } },
      call,
    );
    write(
      `Payment: credit card added; number and security code salted and encrypted with key ${certificate.id} (RSA PKCS#1 v1.5); ` +
        `unpaid now ${money(paid.cart.totals.unpaid, details.event.currency_code)}.`,
    );

    write(`Purchase${forcePolling ? ', polling forced' : ''}...`);
    const order = await cart.purchase({ sourceAccountId: 'demo-account-hash' }, call);
    write(`Purchased: order token ${order.order_token}, grand total ${money(order.grand_total, details.event.currency_code)}.`);
    write(`Redemption URL: ${order.redemption_url}`);

    const unredeemed = await client.listUnredeemedOrders({ daysFromPurchase: 1 }, call);
    const mine = unredeemed.data.find((o) => o.order_token === order.order_token);
    write(
      `Unredeemed orders (purchased within a day): ${unredeemed.data.length}` +
        (mine ? `, this order among them (email status ${mine.email_status}).` : ', this order not among them.'),
    );
    return { orderToken: order.order_token };
  } finally {
    await sandbox.close();
    write('Sandbox closed.');
  }
}

/** The first sellable sandbox event whose venue is outside its nightly maintenance hour. */
async function pickEvent(
  client: ReturnType<typeof createPartnerClient>,
  now: Date,
  call: CallOptions,
  write: (line: string) => void,
): Promise<{ details: EventDetails; event: ReserveEvent }> {
  // Los Angeles and New York are three hours apart: one of them is always open.
  for (const id of [SANDBOX_EVENTS.generalAdmission, SANDBOX_EVENTS.reservedSeating]) {
    const details = await client.getEvent(id, call);
    const { event } = details;
    const zone = event.venue.location.time_zone;
    const city = event.venue.location.address.city;
    write(
      `Event ${event.id}: "${event.name}" at ${event.venue.name}, ${city}; ${localTime(event.eventdate.value, zone)} (${zone}); ` +
        `sellable through the API: ${details.api_transactable ? 'yes' : 'no'}.`,
    );
    const hours = maintenanceWindow(zone, now);
    write(
      hours.inWindow
        ? `Maintenance window (02:00-03:00 local): in it now, until ${localTime(hours.endsAt?.toISOString() ?? '', zone)}.`
        : `Maintenance window (02:00-03:00 local): not in it; the next starts ${localTime(hours.nextStartsAt.toISOString(), zone)}.`,
    );
    const ticket = event.tickets[0];
    if (!details.api_transactable || hours.inWindow || !ticket) {
      write('  skipping this event.');
      continue;
    }
    return { details, event: { id: event.id, tickets: [{ id: ticket.id, quantity: TICKETS }] } };
  }
  throw new Error('no sandbox event can be sold right now');
}

function localTime(iso: string, timeZone: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(at);
}

function money(amount: number, currency: string): string {
  return `${amount.toFixed(2)} ${currency}`;
}

/** Path (and the already redacted query) of a URL, for one-line output. */
function pathOf(url: string, withQuery = true): string {
  try {
    const parsed = new URL(url);
    return withQuery ? `${parsed.pathname}${parsed.search}` : parsed.pathname;
  } catch {
    return url;
  }
}
