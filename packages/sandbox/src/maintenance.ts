/**
 * The nightly maintenance hour of a venue's ticketing system: 02:00–03:00 local time
 * in the venue's IANA zone (configurable). The check reads the local hour with
 * `Intl.DateTimeFormat`, so daylight-saving shifts come from the platform's zone data;
 * on the night the clock skips from 02:00 to 03:00 there is simply no window.
 */

/** Local hours of the window, `startHour` inclusive to `endHour` exclusive (may wrap past midnight). */
export interface MaintenanceHours {
  startHour: number;
  endHour: number;
}

/** The spec's window: 2 to 3 AM local time. */
export const DEFAULT_MAINTENANCE_HOURS: Readonly<MaintenanceHours> = Object.freeze({ startHour: 2, endHour: 3 });

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Local hour and minute in a time zone at an instant. */
export function localTime(timeZone: string, at: number): { hour: number; minute: number; second: number } {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, number> = {};
  for (const { type, value } of format.formatToParts(at)) parts[type] = Number(value);
  return { hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0 };
}

/** True when the venue's local time at `at` falls inside the maintenance window. */
export function inMaintenance(timeZone: string, at: number, hours: MaintenanceHours = DEFAULT_MAINTENANCE_HOURS): boolean {
  const { hour } = localTime(timeZone, at);
  const { startHour, endHour } = hours;
  return startHour <= endHour ? hour >= startHour && hour < endHour : hour >= startHour || hour < endHour;
}

/** Whole seconds until the window is over (for `Retry-After`); 0 when not in the window. */
export function secondsUntilOpen(timeZone: string, at: number, hours: MaintenanceHours = DEFAULT_MAINTENANCE_HOURS): number {
  if (!inMaintenance(timeZone, at, hours)) return 0;
  const { minute, second } = localTime(timeZone, at);
  // Step to each following full hour; zone offsets are whole quarter hours, so hour
  // boundaries stay on the local clock's minute 0 and at most a day needs checking.
  let next = at + ((60 - minute) * 60 - second) * 1000;
  for (let i = 0; i < 26 && inMaintenance(timeZone, next, hours); i++) next += 3_600_000;
  return Math.ceil((next - at) / 1000);
}
