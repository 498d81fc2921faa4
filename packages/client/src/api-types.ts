/** Names for the generated API types the client uses (all from `@tm-partner/generated`, i.e. generated/schema.d.ts). */
import type { components, operations, paths } from '@tm-partner/generated';

export type { components, operations, paths };

type Schemas = components['schemas'];

/** `GET /event/{event_id}`. */
export type EventDetails = Schemas['EventDetails'];
/** One ticket type of an event, with its `quantities` rules. */
export type TicketType = Schemas['TicketType'];
/** What to reserve: the event id and its ticket selections (`PUT /cart/tickets` without `cart_id`). */
export type ReserveEvent = Schemas['ReserveEvent'];
/** The cart after a reserve. */
export type CartResponse = Schemas['CartResponse'];
/** `GET /certificate`. */
export type Certificate = Schemas['Certificate'];
/** The cart after `PUT /cart/payment`. */
export type PaymentResult = Schemas['PaymentResult'];
/** `PUT /cart` (purchase). */
export type PurchaseResult = Schemas['PurchaseResult'];
/** `GET /orders/unredeemed`. */
export type UnredeemedOrders = Schemas['UnredeemedOrders'];
/** A 202 answer. */
export type PollingResponse = Schemas['PollingResponse'];
