/**
 * Japan-time calendar arithmetic for the demo's dates, whatever the process's `TZ`. Japan has no
 * daylight saving time, so a JST calendar day is a fixed 24-hour span starting at 15:00 UTC.
 * Days are counted as whole days since 1970-01-01 (JST).
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
const JST_OFFSET_MS = 9 * HOUR_MS;

/** The JST calendar day an instant falls on. */
export function jstDay(instant: Date): number {
  return Math.floor((instant.getTime() + JST_OFFSET_MS) / DAY_MS);
}

/** 00:00:00.000 JST of `day`, in epoch milliseconds. */
export function jstDayStartMs(day: number): number {
  return day * DAY_MS - JST_OFFSET_MS;
}

/** `day` as `YYYY-MM-DD`. */
export function jstDateString(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The earliest order date (JST day) still within one year of `now`: the same calendar day one
 * year back, with 29 February counting as 28 February.
 */
export function oneYearLineDay(now: Date): number {
  const today = new Date(jstDay(now) * DAY_MS);
  const month = today.getUTCMonth();
  const date = today.getUTCDate();
  const lineDate = month === 1 && date === 29 ? 28 : date;
  return Date.UTC(today.getUTCFullYear() - 1, month, lineDate) / DAY_MS;
}
