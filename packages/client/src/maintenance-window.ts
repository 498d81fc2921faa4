/**
 * The nightly maintenance hour of the venue's ticketing system. The original docs put
 * it at 02:00–03:00 local time, later docs at 00:00–02:00; during it the event cannot
 * be transacted. Local time comes from `Intl.DateTimeFormat` in the venue's IANA zone
 * (`venue.location.time_zone`), so DST is handled by the platform's zone data.
 *
 * DST rules: the window runs from the moment the local clock first reaches its start
 * hour to the moment it first reaches its end hour. A repeated hour (fall-back) is
 * inside the window when its wall-clock time is. When the clock skips the start hour
 * (spring-forward at 02:00), maintenance is taken to begin as the clock jumps, and the
 * window is never shorter than its nominal length — the safe side for a client that
 * wants to avoid failed purchases.
 */
import { PartnerValidationError } from './errors.js';

/** Local hours of the window; defaults to the original docs' 02:00–03:00. */
export interface MaintenanceHours {
  /** Hour the window starts, 0–23. */
  startHour?: number;
  /** Hour the window ends, 1–24; smaller than `startHour` means the next day. */
  endHour?: number;
}

/** Where an instant stands relative to the maintenance window. */
export interface MaintenanceWindow {
  inWindow: boolean;
  /** End of the current window, when `inWindow`. */
  endsAt?: Date;
  /** Start of the next window that has not begun yet. */
  nextStartsAt: Date;
}

const SECOND = 1_000;
const HOUR = 3_600 * SECOND;
const DAY = 24 * HOUR;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Tells whether `at` falls in the venue's nightly maintenance window, and when it ends or next starts. */
export function maintenanceWindow(timeZone: string, at: Date = new Date(), options: MaintenanceHours = {}): MaintenanceWindow {
  const clock = new WallClock(timeZone);
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new PartnerValidationError('at', 'must be a valid Date');
  const startHour = options.startHour ?? 2;
  const endHour = options.endHour ?? 3;
  if (!Number.isInteger(startHour) || startHour < 0 || startHour > 23) {
    throw new PartnerValidationError('startHour', 'must be an integer from 0 to 23');
  }
  if (!Number.isInteger(endHour) || endHour < 1 || endHour > 24 || endHour % 24 === startHour) {
    throw new PartnerValidationError('endHour', 'must be an integer from 1 to 24, different from startHour');
  }
  const length = (endHour - startHour + 24) % 24;

  const now = at.getTime();
  const today = Math.floor(clock.wallTime(now) / DAY) * DAY;
  let current: { start: number; end: number } | undefined;
  let next = Number.POSITIVE_INFINITY;
  // Yesterday's window may reach into today (wrapping or DST-stretched); tomorrow's
  // and the day after cover "next" even when today's has passed.
  for (let day = -1; day <= 2; day++) {
    const dayStart = today + day * DAY;
    const start = clock.firstReaching(dayStart + startHour * HOUR);
    const end = Math.max(clock.firstReaching(dayStart + (startHour + length) * HOUR), start + length * HOUR);
    if (start <= now && now < end) current = { start, end };
    if (start > now && start < next) next = start;
  }
  return current
    ? { inWindow: true, endsAt: new Date(current.end), nextStartsAt: new Date(next) }
    : { inWindow: false, nextStartsAt: new Date(next) };
}

/** Converts between instants and the wall-clock time of one zone (as UTC-based milliseconds). */
class WallClock {
  private readonly format: Intl.DateTimeFormat;

  constructor(timeZone: string) {
    if (typeof timeZone !== 'string' || timeZone.trim() === '') {
      throw new PartnerValidationError('timeZone', 'must be an IANA time zone name such as "America/New_York"');
    }
    const cached = formatters.get(timeZone);
    if (cached) {
      this.format = cached;
      return;
    }
    try {
      this.format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new PartnerValidationError('timeZone', 'is not a known IANA time zone');
    }
    formatters.set(timeZone, this.format);
  }

  /** Local wall-clock time at an instant, written as if it were UTC, to whole seconds. */
  wallTime(instant: number): number {
    const part: Record<string, number> = {};
    for (const { type, value } of this.format.formatToParts(instant)) part[type] = Number(value);
    const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = part;
    return Date.UTC(year, month - 1, day, hour, minute, second);
  }

  /** UTC offset in force at an instant. */
  offset(instant: number): number {
    return this.wallTime(instant) - Math.floor(instant / SECOND) * SECOND;
  }

  /** The first instant at which the local clock shows `wall` or later (that day). */
  firstReaching(wall: number): number {
    // Offsets lie within ±14 h, so the answer sits near `wall`; sampling either side
    // catches the offsets before and after a transition on that day.
    const offsets = new Set([this.offset(wall - 15 * HOUR), this.offset(wall), this.offset(wall + 15 * HOUR)]);
    const exact = [...offsets].map((o) => wall - o).filter((t) => this.wallTime(t) === wall);
    // Two exact instants mean a repeated hour; the window starts at the first of them.
    if (exact.length > 0) return Math.min(...exact);

    // The wall time was skipped: find the transition, where the clock jumps past it.
    let before = wall - Math.max(...offsets);
    let after = wall - Math.min(...offsets);
    while (after - before > SECOND) {
      const mid = before + Math.max(1, Math.floor((after - before) / 2 / SECOND)) * SECOND;
      if (this.wallTime(mid) >= wall) after = mid;
      else before = mid;
    }
    return after;
  }
}
