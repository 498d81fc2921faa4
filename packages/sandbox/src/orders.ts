/**
 * Orders placed through the sandbox, for `GET /orders/unredeemed`. An order counts as
 * unredeemed until its redemption URL is opened. The redemption email status is
 * simulated from the buyer's address: one containing "bounce" reads as bounced (2),
 * one containing "spam" as marked as spam (3), any other as sent (1).
 */
import type { components } from '@tm-partner/generated';

type Schemas = components['schemas'];

/** One placed order, as the sandbox keeps it. */
export interface OrderRecord {
  token: string;
  apiKey: string;
  eventId: string;
  eventStartsAt: number;
  purchasedAt: number;
  sourceAccountId: string;
  email: string;
  grandTotal: number;
  redeemed: boolean;
}

/** Filters of the unredeemed-orders report, in days. */
export interface UnredeemedFilter {
  daysFromPurchase?: number;
  daysBeforeEvent?: number;
}

const DAY_MS = 86_400_000;

/** All orders of the sandbox's lifetime. */
export class OrderBook {
  private readonly orders = new Map<string, OrderRecord>();

  /** Records a new order. */
  add(order: OrderRecord): void {
    this.orders.set(order.token, order);
  }

  /** Marks an order redeemed; false when the token is unknown. */
  redeem(token: string): boolean {
    const order = this.orders.get(token);
    if (!order) return false;
    order.redeemed = true;
    return true;
  }

  /** Copies of every order, oldest first. */
  list(): OrderRecord[] {
    return [...this.orders.values()].map((order) => ({ ...order }));
  }

  /** The report body: unredeemed orders of this API key that match every filter given. */
  unredeemed(apiKey: string, filter: UnredeemedFilter, now: number): Schemas['UnredeemedOrders'] {
    const data: Schemas['UnredeemedOrder'][] = [];
    for (const order of this.orders.values()) {
      if (order.apiKey !== apiKey || order.redeemed) continue;
      // The spec leaves open how the two filters combine; the sandbox requires both.
      if (filter.daysFromPurchase !== undefined && now - order.purchasedAt > filter.daysFromPurchase * DAY_MS) continue;
      if (filter.daysBeforeEvent !== undefined) {
        const ahead = order.eventStartsAt - now;
        if (ahead < 0 || ahead > filter.daysBeforeEvent * DAY_MS) continue;
      }
      data.push({
        purchase_date_time: order.purchasedAt,
        email_status: emailStatus(order.email),
        event_date_time: order.eventStartsAt,
        event_id: order.eventId,
        order_token: order.token,
        order_source_account_id: order.sourceAccountId,
        purchase_email_address: order.email,
      });
    }
    return { data };
  }
}

function emailStatus(email: string): Schemas['UnredeemedOrder']['email_status'] {
  const lower = email.toLowerCase();
  if (lower.includes('bounce')) return 2;
  if (lower.includes('spam')) return 3;
  return 1;
}
