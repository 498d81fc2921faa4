/**
 * The sandbox's notion of "now". Holds, tokens, captcha pages, orders and the
 * maintenance window all read this clock instead of `Date.now()`, so a test can move
 * time forward (or set it to 02:30 at a venue) without waiting or faking timers.
 */

/** What the sandbox reads time from. */
export interface Clock {
  /** Current time in milliseconds since the Unix epoch. */
  now(): number;
}

/** Controls a test gets over the sandbox clock. */
export interface ClockControls extends Clock {
  /** Current time as a Date. */
  date(): Date;
  /** Moves the clock forward (or back, with a negative value) by `ms` milliseconds. */
  advance(ms: number): void;
  /** Puts the clock at `at`; a running clock keeps running from there. */
  set(at: Date | number): void;
}

/**
 * A clock that either follows real time plus an offset ("running") or stands still
 * until moved ("frozen"). Both modes honour `advance` and `set`.
 */
export class SandboxClock implements ClockControls {
  private offset = 0;
  private frozenAt: number | undefined;

  /** Starts frozen at `startAt` when given, else running on the system clock. */
  constructor(startAt?: Date | number) {
    if (startAt !== undefined) this.frozenAt = toMillis(startAt);
  }

  /** Current time in epoch milliseconds. */
  now(): number {
    return this.frozenAt ?? Date.now() + this.offset;
  }

  /** Current time as a Date. */
  date(): Date {
    return new Date(this.now());
  }

  /** Moves the clock by `ms` milliseconds. */
  advance(ms: number): void {
    if (!Number.isFinite(ms)) throw new RangeError('advance(ms) needs a finite number of milliseconds');
    if (this.frozenAt !== undefined) this.frozenAt += ms;
    else this.offset += ms;
  }

  /** Puts the clock at a given instant. */
  set(at: Date | number): void {
    const target = toMillis(at);
    if (this.frozenAt !== undefined) this.frozenAt = target;
    else this.offset = target - Date.now();
  }
}

function toMillis(at: Date | number): number {
  const ms = at instanceof Date ? at.getTime() : at;
  if (!Number.isFinite(ms)) throw new RangeError('clock time must be a valid Date or epoch milliseconds');
  return ms;
}
