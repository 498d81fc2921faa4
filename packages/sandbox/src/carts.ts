/**
 * Carts and their life cycle:
 *
 *   open ──reserve──▶ held ──payment──▶ paid ──purchase──▶ purchased
 *     ▲                 │  ▲──reserve───┘                      │
 *     │                 └──hold expires / DELETE──▶ gone ◀─────┘ DELETE
 *
 * A reserve takes inventory and holds it for `holdSeconds`; a later reserve on the
 * same cart replaces the earlier one. When the hold runs out the cart is dropped and
 * its tickets go back on sale, so later calls with its id get "Invalid cart" (90003).
 * A purchase turns the held tickets into sold ones and records the order.
 * Every method runs synchronously: one request's change is never interleaved with another's.
 */
import type { components } from '@tm-partner/generated';
import { money } from './catalog.js';
import type { Catalog, EventSeed, PriceLevelSeed } from './catalog.js';
import { newCartId, newOrderToken } from './ids.js';
import { EventInventory } from './inventory.js';
import type { Hold, HoldRequest, InventoryCount } from './inventory.js';
import type { OrderBook } from './orders.js';
import { ErrorCode } from './responses.js';
import type { SandboxErrorCode } from './responses.js';

type Schemas = components['schemas'];

/** A result, or the API error code and a diagnostic reason. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; code: SandboxErrorCode; reason: string };

/** A cart as the sandbox keeps it. */
export interface CartRecord {
  readonly id: string;
  /** The API key that opened the cart; other keys cannot see it. */
  readonly apiKey: string;
  state: 'open' | 'held' | 'paid' | 'purchased';
  reservation?: { eventId: string; holds: Hold[]; heldUntil: number };
  /** What the purchase needs from the payment; card data is never kept. */
  payment?: { type: 'CC' | 'INVOICE'; email: string };
  orderToken?: string;
}

/** Where redemption links point. */
export interface RedemptionLinks {
  /** Base of `redemption_url`; `?event_id=…&token=…` is appended. */
  web: string;
}

/** The carts of one sandbox, and the inventories they draw from. */
export class CartDesk {
  private readonly carts = new Map<string, CartRecord>();
  private readonly inventories = new Map<string, EventInventory>();

  /** Builds inventories for every event of the catalog. */
  constructor(
    private readonly catalog: Catalog,
    private readonly orders: OrderBook,
    private readonly holdSeconds: number,
    private readonly links: RedemptionLinks,
  ) {
    for (const id of catalog.eventIds()) {
      const seed = catalog.event(id);
      if (seed) this.inventories.set(id, new EventInventory(seed));
    }
  }

  /** Opens an empty cart for an API key. */
  open(apiKey: string): CartRecord {
    const cart: CartRecord = { id: newCartId(), apiKey, state: 'open' };
    this.carts.set(cart.id, cart);
    return cart;
  }

  /** A live cart of this API key, or undefined. */
  find(cartId: string, apiKey: string): CartRecord | undefined {
    const cart = this.carts.get(cartId);
    return cart && cart.apiKey === apiKey ? cart : undefined;
  }

  /** Number of carts currently open (any state). */
  size(): number {
    return this.carts.size;
  }

  /** Inventory counts of an event per ticket type, or undefined for an unknown event. */
  inventory(eventId: string): Record<string, InventoryCount> | undefined {
    return this.inventories.get(eventId)?.counts();
  }

  /** Drops carts whose hold has run out and frees their tickets; returns how many. */
  sweep(now: number): number {
    let expired = 0;
    for (const cart of this.carts.values()) {
      if (cart.state === 'purchased' || !cart.reservation || cart.reservation.heldUntil > now) continue;
      this.inventories.get(cart.reservation.eventId)?.release(cart.reservation.holds);
      this.carts.delete(cart.id);
      expired++;
    }
    return expired;
  }

  /** The event a cart holds tickets for, if any. */
  eventOf(cart: CartRecord): string | undefined {
    return cart.reservation?.eventId;
  }

  /** Reserves tickets in a cart (replacing what it held); all or nothing. */
  reserve(cart: CartRecord, request: Schemas['ReserveEvent'], now: number): Outcome<Schemas['CartResponse']> {
    if (cart.state === 'purchased') return fail(ErrorCode.InvalidCart, 'the cart was already purchased');
    const seed = this.catalog.event(request.id);
    const inventory = this.inventories.get(request.id);
    if (!seed || !inventory) return fail(ErrorCode.InvalidInput, 'event.id is not a known event');
    if (!seed.apiTransactable) return fail(ErrorCode.NotTransactable, 'this event is not sold through the API');
    const wanted = this.checkQuantities(seed, inventory, request);
    if (!wanted.ok) return wanted;

    const previous = cart.reservation;
    const previousInventory = previous && this.inventories.get(previous.eventId);
    if (previous && previousInventory) previousInventory.release(previous.holds);
    const holds = inventory.hold(wanted.value);
    if (!holds) {
      // Nothing changes when the new reserve cannot be met: the old hold is put back.
      if (previous && previousInventory) previousInventory.reclaim(previous.holds);
      return fail(ErrorCode.NoInventory, 'not enough tickets (or adjacent seats) left for this request');
    }
    cart.reservation = { eventId: seed.id, holds, heldUntil: now + this.holdSeconds * 1000 };
    cart.state = 'held';
    delete cart.payment;
    return { ok: true, value: { cart_id: cart.id, cart: this.view(cart, now) } };
  }

  /** Tells whether a cart can take a payment now. */
  canPay(cart: CartRecord): Outcome<true> {
    if (cart.state === 'purchased') return fail(ErrorCode.InvalidCart, 'the cart was already purchased');
    if (!cart.reservation) return fail(ErrorCode.InvalidInput, 'the cart holds no tickets: reserve before adding a payment');
    return { ok: true, value: true };
  }

  /** Records the payment of a cart whose card (if any) has been accepted. */
  recordPayment(cart: CartRecord, payment: { type: 'CC' | 'INVOICE'; email: string }, now: number): Outcome<Schemas['PaymentResult']> {
    const ready = this.canPay(cart);
    if (!ready.ok) return ready;
    cart.payment = { ...payment };
    cart.state = 'paid';
    return { ok: true, value: { cart: this.view(cart, now) } };
  }

  /** Places the order: held tickets become sold, and the order is recorded. */
  purchase(cart: CartRecord, sourceAccountId: string, now: number): Outcome<Schemas['PurchaseResult']> {
    if (cart.state === 'purchased') return fail(ErrorCode.InvalidCart, 'the cart was already purchased');
    const reservation = cart.reservation;
    if (!reservation) return fail(ErrorCode.InvalidInput, 'the cart holds no tickets');
    if (!cart.payment) return fail(ErrorCode.InvalidInput, 'add a payment (PUT /cart/payment) before the purchase');
    if (sourceAccountId.trim() === '') return fail(ErrorCode.InvalidInput, 'source_account_id must not be empty');
    this.inventories.get(reservation.eventId)?.sell(reservation.holds);
    const token = newOrderToken();
    const grandTotal = money(this.totals(reservation.eventId, reservation.holds).grand);
    this.orders.add({
      token,
      apiKey: cart.apiKey,
      eventId: reservation.eventId,
      eventStartsAt: this.catalog.startsAt(reservation.eventId),
      purchasedAt: now,
      sourceAccountId,
      email: cart.payment.email,
      grandTotal,
      redeemed: false,
    });
    cart.state = 'purchased';
    cart.orderToken = token;
    const query = `event_id=${encodeURIComponent(reservation.eventId)}&token=${encodeURIComponent(token)}`;
    return {
      ok: true,
      value: {
        redemption_url: `${this.links.web}?${query}`,
        tm_app_url: `ticketmaster:///partners/redeem?token=${encodeURIComponent(token)}`,
        grand_total: grandTotal,
        order_token: token,
      },
    };
  }

  /** Deletes a cart; held tickets go back on sale, sold ones stay sold. */
  remove(cart: CartRecord): void {
    if (cart.state !== 'purchased' && cart.reservation) {
      this.inventories.get(cart.reservation.eventId)?.release(cart.reservation.holds);
    }
    this.carts.delete(cart.id);
  }

  /** The `cart` object of the API for a cart. */
  view(cart: CartRecord, now: number): Schemas['Cart'] {
    const reservation = cart.reservation;
    if (!reservation) {
      return { hold_time: 0, items: [], totals: { delivery: 0, fee: 0, grand: 0, merchandise: 0, tax: 0, unpaid: 0, upsell: 0 } };
    }
    const seed = this.catalog.event(reservation.eventId);
    const items = reservation.holds.map((hold) => this.item(seed, reservation.eventId, hold));
    const totals = this.totals(reservation.eventId, reservation.holds);
    const unpaid = cart.state === 'purchased' ? 0 : totals.grand;
    return {
      hold_time: Math.max(0, Math.ceil((reservation.heldUntil - now) / 1000)),
      items,
      totals: {
        delivery: 0,
        fee: money(totals.fee),
        grand: money(totals.grand),
        merchandise: money(totals.merchandise),
        tax: 0,
        unpaid: money(unpaid),
        upsell: 0,
      },
    };
  }

  private item(seed: EventSeed | undefined, eventId: string, hold: Hold): Schemas['CartItem'] {
    const type = seed?.ticketTypes.find((t) => t.id === hold.ticketTypeId);
    const level = priceLevel(seed, hold);
    const charge = (type: string, cents: number): Schemas['Charge'] => ({ price: money(cents), quantity: hold.quantity, tax: 0, type });
    const line = lineTotals(level, hold.quantity);
    return {
      // General admission has no seat numbers; the members are required, so they stay empty.
      end_seat_number: hold.seats ? String(hold.seats.lastSeat) : '',
      event_id: eventId,
      num_seats: hold.quantity,
      row: hold.seats?.row ?? '',
      section: hold.seats?.section ?? 'GA',
      start_seat_number: hold.seats ? String(hold.seats.firstSeat) : '',
      tickets: [
        {
          charges: [
            charge('distance', 0),
            charge('face_value', level.faceCents),
            charge('facility', level.facilityFeeCents),
            charge('service', level.serviceFeeCents),
          ],
          description: type?.description ?? '',
          id: hold.ticketTypeId,
          quantity: hold.quantity,
        },
      ],
      totals: { currency_code: 'USD', fee: money(line.fee), grand: money(line.grand), merchandise: money(line.merchandise), tax: 0 },
    };
  }

  private totals(eventId: string, holds: readonly Hold[]): { fee: number; grand: number; merchandise: number } {
    const seed = this.catalog.event(eventId);
    const sum = { fee: 0, grand: 0, merchandise: 0 };
    for (const hold of holds) {
      const line = lineTotals(priceLevel(seed, hold), hold.quantity);
      sum.fee += line.fee;
      sum.grand += line.grand;
      sum.merchandise += line.merchandise;
    }
    return sum;
  }

  /** The quantity rules of the event details, checked for a whole reserve request. */
  private checkQuantities(seed: EventSeed, inventory: EventInventory, request: Schemas['ReserveEvent']): Outcome<HoldRequest[]> {
    if (request.tickets.length === 0) return fail(ErrorCode.InvalidInput, 'event.tickets is empty');
    const knownAreas = inventory.areaIds();
    const areaIds = request.areas?.map((area) => area.id);
    if (areaIds?.some((id) => !knownAreas.has(id)))
      return fail(ErrorCode.InvalidInput, 'event.areas names an area this event does not have');
    const seen = new Set<string>();
    let total = 0;
    const wanted: HoldRequest[] = [];
    for (const [index, ticket] of request.tickets.entries()) {
      const where = `event.tickets[${index}]`;
      const type = seed.ticketTypes.find((t) => t.id === ticket.id);
      if (!type) return fail(ErrorCode.InvalidInput, `${where}.id is not a ticket type of this event (keep the leading zeros)`);
      if (seen.has(type.id)) return fail(ErrorCode.InvalidInput, `${where}.id is listed twice`);
      seen.add(type.id);
      const { quantity } = ticket;
      const rules = type.quantities;
      if (!Number.isInteger(quantity) || quantity < 1)
        return fail(ErrorCode.InvalidInput, `${where}.quantity must be a whole number of at least 1`);
      if (rules.exact > 0 && quantity !== rules.exact)
        return fail(ErrorCode.InvalidInput, `${where}.quantity must be exactly ${rules.exact}`);
      if (quantity < rules.minimum) return fail(ErrorCode.InvalidInput, `${where}.quantity is below the minimum of ${rules.minimum}`);
      if (quantity > rules.limit) return fail(ErrorCode.InvalidInput, `${where}.quantity is above the limit of ${rules.limit}`);
      if (rules.multiple > 1 && quantity % rules.multiple !== 0)
        return fail(ErrorCode.InvalidInput, `${where}.quantity must be a multiple of ${rules.multiple}`);
      const priceLevelId = ticket.price?.id;
      if (priceLevelId !== undefined && !type.prices.some((p) => p.id === priceLevelId)) {
        return fail(ErrorCode.InvalidInput, `${where}.price.id is not a price level of this ticket type`);
      }
      total += quantity;
      wanted.push({
        ticketTypeId: type.id,
        quantity,
        ...(priceLevelId !== undefined ? { priceLevelId } : {}),
        ...(areaIds?.length ? { areaIds } : {}),
      });
    }
    if (total > seed.eventLimit) return fail(ErrorCode.InvalidInput, `more than the event's limit of ${seed.eventLimit} tickets`);
    return { ok: true, value: wanted };
  }
}

function priceLevel(seed: EventSeed | undefined, hold: Hold): PriceLevelSeed {
  const level = seed?.ticketTypes.find((t) => t.id === hold.ticketTypeId)?.prices.find((p) => p.id === hold.priceLevelId);
  if (!level) throw new Error(`carts: no price level ${hold.priceLevelId} for ticket type ${hold.ticketTypeId}`);
  return level;
}

function lineTotals(level: PriceLevelSeed, quantity: number): { fee: number; grand: number; merchandise: number } {
  const merchandise = level.faceCents * quantity;
  const fee = (level.serviceFeeCents + level.facilityFeeCents) * quantity;
  return { fee, merchandise, grand: merchandise + fee };
}

function fail(code: SandboxErrorCode, reason: string): { ok: false; code: SandboxErrorCode; reason: string } {
  return { ok: false, code, reason };
}
