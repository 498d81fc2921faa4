import { describe, expect, it } from 'vitest';
import { PartnerValidationError } from '../../packages/client/src/errors.js';
import { maintenanceWindow } from '../../packages/client/src/maintenance-window.js';
import type { MaintenanceHours } from '../../packages/client/src/maintenance-window.js';

const at = (iso: string) => new Date(iso);
const MINUTE = 60_000;

/** The window state, as ISO strings, so a failure shows readable instants. */
function state(zone: string, iso: string, hours?: MaintenanceHours) {
  const result = maintenanceWindow(zone, at(iso), hours);
  return { inWindow: result.inWindow, endsAt: result.endsAt?.toISOString(), nextStartsAt: result.nextStartsAt.toISOString() };
}

/** Local wall-clock "HH:MM" in a zone, to cross-check results against the platform. */
function localTime(zone: string, date: Date): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

describe('maintenanceWindow on ordinary nights (02:00–03:00)', () => {
  // [zone, a UTC instant at local 02:30, the UTC start and end of that night's window]
  const nights: Array<[string, string, string, string]> = [
    ['America/New_York', '2026-06-15T06:30:00Z', '2026-06-15T06:00:00Z', '2026-06-15T07:00:00Z'], // EDT −4
    ['America/New_York', '2026-01-15T07:30:00Z', '2026-01-15T07:00:00Z', '2026-01-15T08:00:00Z'], // EST −5
    ['America/Los_Angeles', '2026-01-15T10:30:00Z', '2026-01-15T10:00:00Z', '2026-01-15T11:00:00Z'], // PST −8
    ['America/Los_Angeles', '2026-07-15T09:30:00Z', '2026-07-15T09:00:00Z', '2026-07-15T10:00:00Z'], // PDT −7
    ['Europe/London', '2026-01-15T02:30:00Z', '2026-01-15T02:00:00Z', '2026-01-15T03:00:00Z'], // GMT
    ['Europe/London', '2026-07-15T01:30:00Z', '2026-07-15T01:00:00Z', '2026-07-15T02:00:00Z'], // BST +1
    ['Australia/Sydney', '2026-01-14T15:30:00Z', '2026-01-14T15:00:00Z', '2026-01-14T16:00:00Z'], // AEDT +11
    ['Australia/Sydney', '2026-07-14T16:30:00Z', '2026-07-14T16:00:00Z', '2026-07-14T17:00:00Z'], // AEST +10
  ];

  it.each(nights)('%s at %s is inside, with the exact end and the next night as next start', (zone, inside, start, end) => {
    expect(localTime(zone, at(inside))).toBe('02:30');
    const nextStart = new Date(at(start).getTime() + 24 * 60 * MINUTE).toISOString();
    expect(state(zone, inside)).toEqual({ inWindow: true, endsAt: at(end).toISOString(), nextStartsAt: nextStart });
  });

  it.each(nights)('%s: one minute before the start is outside and points at the start', (zone, _inside, start) => {
    const before = new Date(at(start).getTime() - MINUTE).toISOString();
    expect(state(zone, before)).toEqual({ inWindow: false, endsAt: undefined, nextStartsAt: at(start).toISOString() });
  });

  it.each(nights)('%s: the start is inside and the end is outside (half-open)', (zone, _inside, start, end) => {
    expect(maintenanceWindow(zone, at(start)).inWindow).toBe(true);
    expect(maintenanceWindow(zone, new Date(at(end).getTime() - 1)).inWindow).toBe(true);
    const after = maintenanceWindow(zone, at(end));
    expect(after.inWindow).toBe(false);
    expect(after.endsAt).toBeUndefined();
    expect(localTime(zone, after.nextStartsAt)).toBe('02:00');
    expect(after.nextStartsAt.getTime() - at(end).getTime()).toBe(23 * 60 * MINUTE);
  });

  it('midday is outside, and the next start is that night at local 02:00', () => {
    const result = maintenanceWindow('America/Los_Angeles', at('2026-01-15T20:00:00Z'));
    expect(result.inWindow).toBe(false);
    expect(result.nextStartsAt.toISOString()).toBe('2026-01-16T10:00:00.000Z');
  });

  it('uses the current time when none is given', () => {
    const result = maintenanceWindow('Europe/London');
    expect(result.nextStartsAt.getTime()).toBeGreaterThan(Date.now() - 1000);
    expect(localTime('Europe/London', result.nextStartsAt)).toMatch(/^0[23]:00$/);
  });
});

describe('maintenanceWindow across DST changes', () => {
  it('New York spring-forward (2026-03-08): 02:00 is skipped, so the window starts as the clock jumps', () => {
    // 01:59 EST is outside; the clock then jumps from 02:00 EST to 03:00 EDT at 07:00Z.
    expect(state('America/New_York', '2026-03-08T06:59:00Z')).toEqual({
      inWindow: false,
      endsAt: undefined,
      nextStartsAt: '2026-03-08T07:00:00.000Z',
    });
    // It keeps its full hour: 03:00–04:00 EDT.
    expect(state('America/New_York', '2026-03-08T07:30:00Z')).toEqual({
      inWindow: true,
      endsAt: '2026-03-08T08:00:00.000Z',
      nextStartsAt: '2026-03-09T06:00:00.000Z',
    });
    expect(maintenanceWindow('America/New_York', at('2026-03-08T08:00:00Z')).inWindow).toBe(false);
  });

  it('New York fall-back (2026-11-01): both 01:xx hours are outside, 02:00–03:00 EST happens once', () => {
    for (const iso of ['2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z']) {
      expect(localTime('America/New_York', at(iso))).toBe('01:30');
      expect(state('America/New_York', iso)).toEqual({ inWindow: false, endsAt: undefined, nextStartsAt: '2026-11-01T07:00:00.000Z' });
    }
    expect(state('America/New_York', '2026-11-01T07:15:00Z')).toEqual({
      inWindow: true,
      endsAt: '2026-11-01T08:00:00.000Z',
      nextStartsAt: '2026-11-02T07:00:00.000Z',
    });
  });

  it('New York fall-back with the later 00:00–02:00 hours: the window spans three real hours', () => {
    const hours = { startHour: 0, endHour: 2 };
    // 00:00 EDT = 04:00Z until 02:00 EST = 07:00Z; the second 01:30 (EST) is still inside.
    expect(state('America/New_York', '2026-11-01T06:30:00Z', hours)).toEqual({
      inWindow: true,
      endsAt: '2026-11-01T07:00:00.000Z',
      nextStartsAt: '2026-11-02T05:00:00.000Z',
    });
    expect(maintenanceWindow('America/New_York', at('2026-11-01T03:59:00Z'), hours).nextStartsAt.toISOString()).toBe(
      '2026-11-01T04:00:00.000Z',
    );
  });

  it('New York spring-forward with 00:00–02:00: starts at 00:00 EST and ends as the clock jumps', () => {
    expect(state('America/New_York', '2026-03-08T06:30:00Z', { startHour: 0, endHour: 2 })).toEqual({
      inWindow: true,
      endsAt: '2026-03-08T07:00:00.000Z',
      nextStartsAt: '2026-03-09T04:00:00.000Z',
    });
  });

  it('Sydney spring-forward (2026-10-04): 02:00 AEST jumps to 03:00 AEDT; the window is 16:00Z–17:00Z', () => {
    expect(state('Australia/Sydney', '2026-10-03T15:59:00Z')).toEqual({
      inWindow: false,
      endsAt: undefined,
      nextStartsAt: '2026-10-03T16:00:00.000Z',
    });
    expect(state('Australia/Sydney', '2026-10-03T16:30:00Z')).toEqual({
      inWindow: true,
      endsAt: '2026-10-03T17:00:00.000Z',
      nextStartsAt: '2026-10-04T15:00:00.000Z',
    });
  });

  it('Sydney fall-back (2026-04-05): 02:00–03:00 happens twice and both are inside', () => {
    for (const iso of ['2026-04-04T15:30:00Z', '2026-04-04T16:30:00Z']) {
      expect(localTime('Australia/Sydney', at(iso))).toBe('02:30');
      expect(state('Australia/Sydney', iso)).toEqual({
        inWindow: true,
        endsAt: '2026-04-04T17:00:00.000Z',
        nextStartsAt: '2026-04-05T16:00:00.000Z',
      });
    }
  });

  it('London spring-forward (2026-03-29) skips 01:00, not 02:00: the window is 01:00Z–02:00Z', () => {
    expect(state('Europe/London', '2026-03-29T00:59:00Z')).toEqual({
      inWindow: false,
      endsAt: undefined,
      nextStartsAt: '2026-03-29T01:00:00.000Z',
    });
    expect(maintenanceWindow('Europe/London', at('2026-03-29T01:59:00Z')).endsAt?.toISOString()).toBe('2026-03-29T02:00:00.000Z');
  });
});

describe('maintenanceWindow options and input checks', () => {
  it('moves the window with startHour/endHour, including one that wraps past midnight', () => {
    expect(state('America/New_York', '2026-06-15T05:00:00Z', { startHour: 0, endHour: 2 })).toEqual({
      inWindow: true,
      endsAt: '2026-06-15T06:00:00.000Z',
      nextStartsAt: '2026-06-16T04:00:00.000Z',
    });
    expect(maintenanceWindow('America/New_York', at('2026-06-15T06:30:00Z'), { startHour: 0, endHour: 2 }).inWindow).toBe(false);
    // 23:00–01:00 EDT, seen at 23:30 EDT.
    expect(state('America/New_York', '2026-06-15T03:30:00Z', { startHour: 23, endHour: 1 })).toEqual({
      inWindow: true,
      endsAt: '2026-06-15T05:00:00.000Z',
      nextStartsAt: '2026-06-16T03:00:00.000Z',
    });
  });

  it('rejects an unknown or empty time zone, naming timeZone', () => {
    for (const zone of ['Mars/Olympus_Mons', '', 'America/Nowhere']) {
      try {
        maintenanceWindow(zone, at('2026-06-15T06:30:00Z'));
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(PartnerValidationError);
        expect((error as PartnerValidationError).field).toBe('timeZone');
      }
    }
  });

  it('rejects bad hours and an invalid date, naming the field', () => {
    const cases: Array<[MaintenanceHours, string]> = [
      [{ startHour: 24 }, 'startHour'],
      [{ startHour: -1 }, 'startHour'],
      [{ startHour: 1.5 }, 'startHour'],
      [{ endHour: 0 }, 'endHour'],
      [{ endHour: 25 }, 'endHour'],
      [{ startHour: 2, endHour: 2 }, 'endHour'],
      [{ startHour: 0, endHour: 24 }, 'endHour'],
    ];
    for (const [hours, field] of cases) {
      expect(() => maintenanceWindow('UTC', at('2026-06-15T06:30:00Z'), hours)).toThrow(PartnerValidationError);
      try {
        maintenanceWindow('UTC', at('2026-06-15T06:30:00Z'), hours);
      } catch (error) {
        expect((error as PartnerValidationError).field).toBe(field);
      }
    }
    expect(() => maintenanceWindow('UTC', new Date(Number.NaN))).toThrow(/at/);
  });
});
