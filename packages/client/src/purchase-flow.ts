/**
 * The whole purchase as one call: open the cart, reserve, add payment, purchase.
 * Everything is validated before the first request; if any step fails or is
 * aborted, the cart is deleted so its tickets and the partner's resources are freed.
 */
import type { CartResponse, PaymentResult, PurchaseResult, ReserveEvent } from './api-types.js';
import type { CallOptions } from './call-options.js';
import { type CartSession, type PaymentInput, checkReserve, checkSourceAccountId, preparePayment } from './cart-session.js';
import { type EndUser, endUserHeaders } from './end-user.js';
import { PartnerValidationError } from './errors.js';
import { checkPolling } from './option-checks.js';

/** Input of `client.purchase()`. */
export interface PurchaseFlowInput extends PaymentInput {
  captchaToken: string;
  user: EndUser;
  event: ReserveEvent;
  sourceAccountId: string;
}

/** What each step returned. */
export interface PurchaseFlowResult {
  cartId: string;
  cart: CartResponse;
  payment: PaymentResult;
  order: PurchaseResult;
}

/** What the flow needs from the client: a way to open a cart. */
export interface CartOpener {
  openCart(input: { captchaToken: string; user: EndUser }, options?: CallOptions): Promise<CartSession>;
}

/** Runs the purchase flow; deletes the cart when a step fails. */
export async function runPurchaseFlow(
  client: CartOpener,
  input: PurchaseFlowInput,
  options: CallOptions = {},
): Promise<PurchaseFlowResult> {
  if (typeof input !== 'object' || input === null) throw new PartnerValidationError('input', 'is required');
  endUserHeaders(input.user);
  checkReserve(input.event);
  // The amount to charge is known after the reserve; until then any amount will do for the checks.
  preparePayment(input, 0);
  checkSourceAccountId(input);
  checkPolling(options.polling);

  await using session = await client.openCart({ captchaToken: input.captchaToken, user: input.user }, options);
  const cart = await session.reserve(input.event, options);
  const payment = await session.addPayment(input, options);
  const order = await session.purchase(input, options);
  return { cartId: session.cartId, cart, payment, order };
}
