/**
 * The whole purchase as one call: open the cart, reserve, add payment, purchase.
 * Everything is validated before the first request; if any step fails or is
 * aborted, the cart is deleted so its tickets and the partner's resources are freed.
 */
import type { CartResponse, PaymentResult, PurchaseResult, ReserveEvent } from './api-types.js';
import type { CallOptions } from './call-options.js';
import { type CartSession, type PaymentInput, checkReserve } from './cart-session.js';
import type { EndUser } from './end-user.js';
import { endUserHeaders } from './end-user.js';
import { PartnerValidationError } from './errors.js';
import { validateBilling, validateCard } from './validate-card.js';

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
  validateBilling(input.payment.type === 'CC' && input.payment.amount === undefined ? { ...input.payment, amount: '0.00' } : input.payment);
  if (input.payment.type === 'CC') {
    if (!input.card) throw new PartnerValidationError('payment.card', 'is required for CC payments');
    validateCard(input.card);
  }
  if (typeof input.sourceAccountId !== 'string' || input.sourceAccountId.trim() === '') {
    throw new PartnerValidationError('sourceAccountId', 'is required (your id or hash of the user)');
  }

  await using session = await client.openCart({ captchaToken: input.captchaToken, user: input.user }, options);
  const cart = await session.reserve(input.event, options);
  const payment = await session.addPayment(input.card ? { payment: input.payment, card: input.card } : { payment: input.payment }, options);
  const order = await session.purchase({ sourceAccountId: input.sourceAccountId }, options);
  return { cartId: session.cartId, cart, payment, order };
}
