/** What the sandbox load benches share: the test buyer, a safe clock, and one purchase flow with its outcome. */
import {
  PartnerApiError,
  type CardInput,
  type PartnerClient,
  type PaymentDetails,
  type ReserveEvent,
} from '../../packages/client/src/index.js';
import { DEFAULT_CAPTCHA_TOKEN, SANDBOX_BILLING, SANDBOX_CARD } from '../../packages/sandbox/src/index.js';

/** A time at which no sandbox venue is in its maintenance hour, so a run never depends on the clock. */
export const SAFE_START = Date.parse('2026-06-15T18:00:00Z');
export const USER = { ip: '198.51.100.23' };
export const PAYMENT: PaymentDetails = { ...SANDBOX_BILLING, type: 'CC' };
export const CARD: CardInput = { ...SANDBOX_CARD, expireMonth: 12, expireYear: new Date().getUTCFullYear() + 2, postalCode: '90210' };

/** How a flow ended: bought, refused for no inventory (the client deleted the cart), or anything else. */
export type FlowOutcome = { kind: 'purchased' } | { kind: 'sold out' } | { kind: 'other'; message: string };

/** One `client.purchase()` of `event` with the test buyer and card. */
export async function purchaseFlow(client: PartnerClient, event: ReserveEvent, sourceAccountId: string): Promise<FlowOutcome> {
  try {
    await client.purchase({ captchaToken: DEFAULT_CAPTCHA_TOKEN, user: USER, event, payment: PAYMENT, card: CARD, sourceAccountId });
    return { kind: 'purchased' };
  } catch (error) {
    if (error instanceof PartnerApiError && error.isNoInventory) return { kind: 'sold out' };
    return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
  }
}
