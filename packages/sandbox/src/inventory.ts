/**
 * Inventory of one event: counts for general admission, seat maps for reserved
 * seating. A hold moves tickets from free to held, a sale from held to sold, a
 * release from held back to free. Every operation runs synchronously to completion,
 * so two requests can never both take the last ticket.
 */
import type { EventSeed, TicketTypeSeed } from './catalog.js';

/** Inventory of one ticket type. `sold + held + free === capacity` always holds. */
export interface InventoryCount {
  capacity: number;
  sold: number;
  held: number;
  free: number;
}

/** What a reserve asks for, for one ticket type. */
export interface HoldRequest {
  ticketTypeId: string;
  quantity: number;
  /** Restrict to this price level. */
  priceLevelId?: number;
  /** Restrict to these areas (reserved seating). */
  areaIds?: readonly number[];
}

/** Tickets taken by one hold: how many, at which price level, and which seats if numbered. */
export interface Hold {
  ticketTypeId: string;
  priceLevelId: number;
  quantity: number;
  seats?: { section: string; row: string; firstSeat: number; lastSeat: number };
}

const FREE = 0;
const HELD = 1;
const SOLD = 2;

interface SeatRow {
  row: string;
  states: Uint8Array;
}

interface SeatSection {
  name: string;
  areaId: number;
  priceLevelId: number;
  rows: SeatRow[];
}

type Pool =
  | { kind: 'count'; seed: TicketTypeSeed; capacity: number; sold: number; held: number }
  | { kind: 'seats'; seed: TicketTypeSeed; sections: SeatSection[] };

/** The inventory of one event. */
export class EventInventory {
  private readonly pools = new Map<string, Pool>();

  /** Builds the event's inventory from its seed, with `soldAtStart` already sold. */
  constructor(readonly seed: EventSeed) {
    for (const type of seed.ticketTypes) {
      if (type.sections) {
        const sections = type.sections.map((section) => ({
          name: section.name,
          areaId: section.areaId,
          priceLevelId: section.priceLevelId,
          rows: section.rows.map(({ row, seats }) => ({ row, states: new Uint8Array(seats) })),
        }));
        let toSell = type.soldAtStart ?? 0;
        for (const section of sections)
          for (const { states } of section.rows) for (let i = 0; i < states.length && toSell > 0; i++, toSell--) states[i] = SOLD;
        this.pools.set(type.id, { kind: 'seats', seed: type, sections });
      } else {
        const capacity = type.capacity ?? 0;
        this.pools.set(type.id, { kind: 'count', seed: type, capacity, sold: Math.min(type.soldAtStart ?? 0, capacity), held: 0 });
      }
    }
  }

  /** Per ticket type: capacity, sold, held and free. */
  counts(): Record<string, InventoryCount> {
    const result: Record<string, InventoryCount> = {};
    for (const [id, pool] of this.pools) {
      if (pool.kind === 'count') {
        result[id] = { capacity: pool.capacity, sold: pool.sold, held: pool.held, free: pool.capacity - pool.sold - pool.held };
      } else {
        const tally = [0, 0, 0];
        for (const section of pool.sections)
          for (const { states } of section.rows) for (const state of states) tally[state] = (tally[state] ?? 0) + 1;
        const [free = 0, held = 0, sold = 0] = tally;
        result[id] = { capacity: free + held + sold, sold, held, free };
      }
    }
    return result;
  }

  /** Areas (reserved seating sections) that exist for this event. */
  areaIds(): Set<number> {
    const ids = new Set<number>();
    for (const pool of this.pools.values()) if (pool.kind === 'seats') for (const section of pool.sections) ids.add(section.areaId);
    return ids;
  }

  /** Holds every request or none of them; undefined when something cannot be found. */
  hold(requests: readonly HoldRequest[]): Hold[] | undefined {
    const taken: Hold[] = [];
    for (const request of requests) {
      const hold = this.holdOne(request);
      if (!hold) {
        this.release(taken);
        return undefined;
      }
      taken.push(hold);
    }
    return taken;
  }

  /** Gives held tickets back. */
  release(holds: readonly Hold[]): void {
    for (const hold of holds) this.move(hold, HELD, FREE);
  }

  /** Turns held tickets into sold ones. */
  sell(holds: readonly Hold[]): void {
    for (const hold of holds) this.move(hold, HELD, SOLD);
  }

  /** Holds again exactly what {@link release} just gave back (undoes a release within one request). */
  reclaim(holds: readonly Hold[]): void {
    for (const hold of holds) this.move(hold, FREE, HELD);
  }

  private holdOne(request: HoldRequest): Hold | undefined {
    const pool = this.pools.get(request.ticketTypeId);
    if (!pool) return undefined;
    if (pool.kind === 'count') {
      const level = request.priceLevelId ?? pool.seed.prices[0]?.id;
      if (level === undefined || request.areaIds?.length) return undefined;
      if (pool.capacity - pool.sold - pool.held < request.quantity) return undefined;
      pool.held += request.quantity;
      return { ticketTypeId: request.ticketTypeId, priceLevelId: level, quantity: request.quantity };
    }
    // Best available: sections in seed order (best first), rows front to back, the
    // first run of adjacent free seats long enough for the whole quantity.
    for (const section of pool.sections) {
      if (request.priceLevelId !== undefined && section.priceLevelId !== request.priceLevelId) continue;
      if (request.areaIds?.length && !request.areaIds.includes(section.areaId)) continue;
      for (const { row, states } of section.rows) {
        const first = findRun(states, request.quantity);
        if (first === undefined) continue;
        states.fill(HELD, first, first + request.quantity);
        return {
          ticketTypeId: request.ticketTypeId,
          priceLevelId: section.priceLevelId,
          quantity: request.quantity,
          seats: { section: section.name, row, firstSeat: first + 1, lastSeat: first + request.quantity },
        };
      }
    }
    return undefined;
  }

  private move(hold: Hold, from: number, to: number): void {
    const pool = this.pools.get(hold.ticketTypeId);
    if (!pool) throw new Error(`inventory: unknown ticket type ${hold.ticketTypeId}`);
    if (pool.kind === 'count') {
      const counts: Record<number, number> = { [FREE]: pool.capacity - pool.sold - pool.held, [HELD]: pool.held, [SOLD]: pool.sold };
      if ((counts[from] ?? 0) < hold.quantity) throw new Error('inventory: moving more tickets than are in that state');
      if (from === HELD) pool.held -= hold.quantity;
      if (from === SOLD) pool.sold -= hold.quantity;
      if (to === HELD) pool.held += hold.quantity;
      if (to === SOLD) pool.sold += hold.quantity;
      return;
    }
    const seats = hold.seats;
    const states = seats && pool.sections.find((s) => s.name === seats.section)?.rows.find((r) => r.row === seats.row)?.states;
    if (!seats || !states) throw new Error('inventory: hold without its seats');
    for (let i = seats.firstSeat - 1; i < seats.lastSeat; i++) {
      if (states[i] !== from) throw new Error('inventory: seat is not in the expected state');
      states[i] = to;
    }
  }
}

function findRun(states: Uint8Array, length: number): number | undefined {
  let run = 0;
  for (let i = 0; i < states.length; i++) {
    run = states[i] === FREE ? run + 1 : 0;
    if (run === length) return i - length + 1;
  }
  return undefined;
}
