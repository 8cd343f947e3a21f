import { jstDate, oneYearBefore, startOfJstDay } from '@shopserve-sync/calendar';

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
 * The earliest order date (JST day) still within one year of `now`, by the export's own rule
 * (the same calendar day one year back; 29 February counts as 28 February).
 */
export function oneYearLineDay(now: Date): number {
  return jstDay(startOfJstDay(oneYearBefore(jstDate(now))));
}
