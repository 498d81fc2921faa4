/**
 * The events the sandbox sells. Each one exercises a different path of a client:
 * general admission with several price levels and quantity rules, reserved seating,
 * an event that cannot be sold through the API, and a sold-out event. Dates are set
 * relative to the clock at start, so "days before event" queries keep working.
 */
import type { components } from '@tm-partner/generated';

type Schemas = components['schemas'];

/** A price level of a ticket type, in cents. */
export interface PriceLevelSeed {
  id: number;
  faceCents: number;
  serviceFeeCents: number;
  facilityFeeCents: number;
}

/** A block of numbered seats. */
export interface SectionSeed {
  name: string;
  /** Area id clients can send in `event.areas`. */
  areaId: number;
  areaName: string;
  /** Price level the seats of this section are sold at. */
  priceLevelId: number;
  rows: ReadonlyArray<{ row: string; seats: number }>;
}

/** A ticket type and where its inventory comes from. */
export interface TicketTypeSeed {
  id: string;
  description: string;
  prices: readonly PriceLevelSeed[];
  quantities: Schemas['TicketQuantities'];
  /** General admission: how many can be sold. */
  capacity?: number;
  /** Reserved seating: the seats that can be sold. */
  sections?: readonly SectionSeed[];
  /** Sold before the sandbox opens (a sold-out event sells its whole capacity). */
  soldAtStart?: number;
}

/** One seeded event. */
export interface EventSeed {
  id: string;
  name: string;
  apiTransactable: boolean;
  /** Days after the clock's start day on which the event takes place. */
  daysAhead: number;
  /** UTC hour of the event's start on that day. */
  startHourUtc: number;
  eventLimit: number;
  venue: {
    id: number;
    name: string;
    city: string;
    region: string;
    country: string;
    timeZone: string;
    market: { id: number; name: string };
  };
  artists: ReadonlyArray<{ id: number; name: string }>;
  ticketTypes: readonly TicketTypeSeed[];
}

/** Ids of the seeded events, for tests and docs. */
export const SANDBOX_EVENTS = Object.freeze({
  /** General admission, several price levels and quantity rules, Los Angeles. */
  generalAdmission: '1A005E2BC0DE0001',
  /** Reserved seating with sections, rows and seats, New York. */
  reservedSeating: '1A005E2BC0DE0002',
  /** `api_transactable: false`: reserve answers 403 / 90001, London. */
  notTransactable: '1A005E2BC0DE0003',
  /** Everything sold: reserve answers 400 / 20052, Chicago. */
  soldOut: '1A005E2BC0DE0004',
} as const);

/** Ticket type ids of the seeded events (strings: the leading zeros matter). */
export const SANDBOX_TICKET_TYPES = Object.freeze({
  /** General admission, price levels 1 and 2, 1–8 per order. */
  generalAdmission: '000000000001',
  /** Tables for two: 2–6 per order, in multiples of 2. */
  tableForTwo: '000000000002',
  /** Meet & greet: only 10 exist, 1–4 per order. */
  meetAndGreet: '000000000003',
  /** Reserved seats: price levels 1–3 map to areas 1–3. */
  reserved: '000000000101',
  /** Wheelchair-accessible seats: exactly 2 per order. */
  accessible: '000000000102',
  /** Ticket type of the event that is not API-transactable. */
  boxOfficeOnly: '000000000201',
  /** Ticket type of the sold-out event. */
  soldOut: '000000000301',
} as const);

const rows = (letters: string, seats: number) => [...letters].map((row) => ({ row, seats }));

/** The seeds with every general-admission capacity (and what was sold at start) multiplied by `factor`. */
export function scaleCapacity(seeds: readonly EventSeed[], factor: number): readonly EventSeed[] {
  if (factor === 1) return seeds;
  return seeds.map((seed) => ({
    ...seed,
    ticketTypes: seed.ticketTypes.map((type) => ({
      ...type,
      ...(type.capacity !== undefined ? { capacity: type.capacity * factor } : {}),
      ...(type.soldAtStart !== undefined ? { soldAtStart: type.soldAtStart * factor } : {}),
    })),
  }));
}

/** The seeded events. */
export const EVENT_SEEDS: readonly EventSeed[] = [
  {
    id: SANDBOX_EVENTS.generalAdmission,
    name: 'Sandbox Summer Festival',
    apiTransactable: true,
    daysAhead: 10,
    startHourUtc: 2,
    eventLimit: 10,
    venue: {
      id: 900001,
      name: 'Sandbox Park',
      city: 'Los Angeles',
      region: 'CA',
      country: 'US',
      timeZone: 'America/Los_Angeles',
      market: { id: 27, name: 'Los Angeles' },
    },
    artists: [
      { id: 7000001, name: 'The Loopback Collective' },
      { id: 7000002, name: 'Port Zero' },
    ],
    ticketTypes: [
      {
        id: SANDBOX_TICKET_TYPES.generalAdmission,
        description: 'General Admission',
        prices: [
          { id: 1, faceCents: 4500, serviceFeeCents: 650, facilityFeeCents: 200 },
          { id: 2, faceCents: 6500, serviceFeeCents: 850, facilityFeeCents: 200 },
        ],
        quantities: { exact: 0, limit: 8, minimum: 1, multiple: 1 },
        capacity: 500,
      },
      {
        id: SANDBOX_TICKET_TYPES.tableForTwo,
        description: 'Table for Two',
        prices: [{ id: 3, faceCents: 12000, serviceFeeCents: 1200, facilityFeeCents: 300 }],
        quantities: { exact: 0, limit: 6, minimum: 2, multiple: 2 },
        capacity: 40,
      },
      {
        id: SANDBOX_TICKET_TYPES.meetAndGreet,
        description: 'Meet & Greet',
        prices: [{ id: 4, faceCents: 15000, serviceFeeCents: 1500, facilityFeeCents: 0 }],
        quantities: { exact: 0, limit: 4, minimum: 1, multiple: 1 },
        capacity: 10,
      },
    ],
  },
  {
    id: SANDBOX_EVENTS.reservedSeating,
    name: 'Sandbox Symphony: An Evening of Strings',
    apiTransactable: true,
    daysAhead: 20,
    startHourUtc: 0,
    eventLimit: 8,
    venue: {
      id: 900002,
      name: 'Sandbox Hall',
      city: 'New York',
      region: 'NY',
      country: 'US',
      timeZone: 'America/New_York',
      market: { id: 35, name: 'New York Metro' },
    },
    artists: [{ id: 7000003, name: 'Sandbox Philharmonic' }],
    ticketTypes: [
      {
        id: SANDBOX_TICKET_TYPES.reserved,
        description: 'Reserved Seating',
        prices: [
          { id: 1, faceCents: 9500, serviceFeeCents: 1100, facilityFeeCents: 250 },
          { id: 2, faceCents: 6500, serviceFeeCents: 800, facilityFeeCents: 250 },
          { id: 3, faceCents: 3500, serviceFeeCents: 500, facilityFeeCents: 250 },
        ],
        quantities: { exact: 0, limit: 6, minimum: 1, multiple: 1 },
        sections: [
          { name: 'ORCH', areaId: 1, areaName: 'Orchestra', priceLevelId: 1, rows: rows('ABCDE', 12) },
          { name: 'MEZZ', areaId: 2, areaName: 'Mezzanine', priceLevelId: 2, rows: rows('ABCD', 10) },
          { name: 'BALC', areaId: 3, areaName: 'Balcony', priceLevelId: 3, rows: rows('ABC', 8) },
        ],
      },
      {
        id: SANDBOX_TICKET_TYPES.accessible,
        description: 'Wheelchair Accessible (pair)',
        prices: [{ id: 5, faceCents: 6500, serviceFeeCents: 800, facilityFeeCents: 250 }],
        quantities: { exact: 2, limit: 2, minimum: 2, multiple: 2 },
        sections: [{ name: 'ACC', areaId: 4, areaName: 'Accessible platform', priceLevelId: 5, rows: rows('W', 6) }],
      },
    ],
  },
  {
    id: SANDBOX_EVENTS.notTransactable,
    name: 'Sandbox Arena Tour (box office only)',
    apiTransactable: false,
    daysAhead: 30,
    startHourUtc: 19,
    eventLimit: 6,
    venue: {
      id: 900003,
      name: 'Sandbox Arena',
      city: 'London',
      region: 'LND',
      country: 'GB',
      timeZone: 'Europe/London',
      market: { id: 202, name: 'London' },
    },
    artists: [{ id: 7000004, name: 'Offline Mode' }],
    ticketTypes: [
      {
        id: SANDBOX_TICKET_TYPES.boxOfficeOnly,
        description: 'Standing',
        prices: [{ id: 1, faceCents: 5500, serviceFeeCents: 700, facilityFeeCents: 150 }],
        quantities: { exact: 0, limit: 6, minimum: 1, multiple: 1 },
        capacity: 1000,
      },
    ],
  },
  {
    id: SANDBOX_EVENTS.soldOut,
    name: 'Sandbox Comedy Night',
    apiTransactable: true,
    daysAhead: 5,
    startHourUtc: 1,
    eventLimit: 4,
    venue: {
      id: 900004,
      name: 'Sandbox Club',
      city: 'Chicago',
      region: 'IL',
      country: 'US',
      timeZone: 'America/Chicago',
      market: { id: 3, name: 'Chicago' },
    },
    artists: [{ id: 7000005, name: 'Null Pointer Improv' }],
    ticketTypes: [
      {
        id: SANDBOX_TICKET_TYPES.soldOut,
        description: 'General Admission',
        prices: [{ id: 1, faceCents: 3000, serviceFeeCents: 450, facilityFeeCents: 100 }],
        quantities: { exact: 0, limit: 4, minimum: 1, multiple: 1 },
        capacity: 200,
        soldAtStart: 200,
      },
    ],
  },
];

const DAY_MS = 86_400_000;

/** The events with their dates fixed relative to the sandbox's start time. */
export class Catalog {
  private readonly seeds = new Map<string, EventSeed>();
  private readonly startDates = new Map<string, number>();

  /** Dates every event relative to `startedAt` (epoch ms). */
  constructor(startedAt: number, seeds: readonly EventSeed[] = EVENT_SEEDS) {
    const firstDay = Math.floor(startedAt / DAY_MS) * DAY_MS;
    for (const seed of seeds) {
      this.seeds.set(seed.id, seed);
      this.startDates.set(seed.id, firstDay + seed.daysAhead * DAY_MS + seed.startHourUtc * 3_600_000);
    }
  }

  /** The seed of an event, or undefined for an unknown id. */
  event(eventId: string): EventSeed | undefined {
    return this.seeds.get(eventId);
  }

  /** Ids of all events. */
  eventIds(): string[] {
    return [...this.seeds.keys()];
  }

  /** Start of an event in epoch ms. */
  startsAt(eventId: string): number {
    const at = this.startDates.get(eventId);
    if (at === undefined) throw new Error(`unknown event ${eventId}`);
    return at;
  }

  /** The body of `GET /event/{event_id}`. */
  details(eventId: string): Schemas['EventDetails'] | undefined {
    const seed = this.seeds.get(eventId);
    if (!seed) return undefined;
    const start = this.startsAt(eventId);
    const onsale = start - 60 * DAY_MS;
    const prices = seed.ticketTypes.flatMap((type) => type.prices);
    const bound = (pick: (a: number, b: number) => number): Schemas['PriceBound'] => {
      const level = prices.reduce((best, price) => (pick(price.faceCents, best.faceCents) === price.faceCents ? price : best));
      return {
        display_amount: money(level.faceCents),
        face_value: money(level.faceCents),
        fees: money(level.serviceFeeCents + level.facilityFeeCents),
      };
    };
    const areas = seed.ticketTypes.flatMap((type) => type.sections ?? []);
    const notes: Schemas['EventNote'][] = [{ text: `There is a ${seed.eventLimit} ticket limit per order.`, type: 'ticketlimittext' }];
    if (areas.length > 0) {
      // The Event schema has no member for areas, so their ids are told in a note.
      notes.push({
        text: `Areas: ${areas.map((a) => `${a.areaId} = ${a.areaName} (price level ${a.priceLevelId})`).join(', ')}.`,
        type: 'sandboxareas',
      });
    }
    const event: Schemas['Event'] = {
      tickets: seed.ticketTypes.map((type) => ({
        description: type.description,
        id: type.id,
        prices: type.prices.map((price) => ({
          amount: money(price.faceCents),
          display_amount: money(price.faceCents),
          id: price.id,
          price_details: [
            { amount: { amount: money(price.faceCents), currency: 'USD' }, type: 'face_value' },
            { amount: { amount: money(price.serviceFeeCents), currency: 'USD' }, type: 'service' },
            { amount: { amount: money(price.facilityFeeCents), currency: 'USD' }, type: 'facility' },
          ],
        })),
        quantities: { ...type.quantities },
      })),
      artists: seed.artists.map((artist, index) => ({ ...artist, rank: index + 1, single_performer_or_band: seed.artists.length === 1 })),
      currency_code: 'USD',
      event_image: { height: 115, location: 'http://share.livenation.com/images/default_image.jpg', width: 205 },
      eventdate: { format: 'datetime', value: isoSeconds(start) },
      facility_fee_rollup: false,
      id: seed.id,
      name: seed.name,
      notes,
      offsale: { format: 'datetime', value: isoSeconds(start - 2 * 3_600_000) },
      onsale: { format: 'datetime', value: isoSeconds(onsale) },
      presales: [{ format: 'daterange', label: 'Sandbox Presale', value: `${isoSeconds(onsale - 7 * DAY_MS)}/${isoSeconds(onsale)}` }],
      price_range: { description: 'Prices subject to change', max: bound(Math.max), min: bound(Math.min) },
      promoter: { id: 494, name: 'PROMOTED BY VENUE' },
      publication: { format: 'datetime', value: isoSeconds(onsale - 14 * DAY_MS) },
      purchase_organization: 'TM',
      quantities: { limit: seed.eventLimit },
      service_fee_rollup: false,
      statuses: [{ type: 'onsale', value: isoSeconds(onsale) }],
      type: { id: 0 },
      url: `http://ticketmaster.com/event/${seed.id}`,
      venue: {
        id: seed.venue.id,
        location: {
          address: { city: seed.venue.city, country: { abbrev: seed.venue.country }, region: { abbrev: seed.venue.region } },
          time_zone: seed.venue.timeZone,
        },
        markets: [{ ...seed.venue.market }],
        name: seed.venue.name,
      },
    };
    return { api_transactable: seed.apiTransactable, event };
  }
}

/** Cents to the API's decimal number. */
export function money(cents: number): number {
  return Math.round(cents) / 100;
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
