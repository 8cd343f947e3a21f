/**
 * Calendar arithmetic in Japan time (Asia/Tokyo: UTC+9 all year, no daylight saving), whatever the
 * process's `TZ`. Only UTC methods of `Date` are used: an instant shifted by nine hours has, in
 * UTC, the wall-clock fields it has in Japan.
 *
 * A calendar date is a string `YYYY-MM-DD` (years 0001–9999), so that dates compare as strings.
 */

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CalendarDateParts {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The parts of a `YYYY-MM-DD` date that exists (no 2026-02-30, no month 13, no year 0000); else undefined. */
export function parseCalendarDate(text: string): CalendarDateParts | undefined {
  const match = CALENDAR_DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export function isCalendarDate(text: string): boolean {
  return parseCalendarDate(text) !== undefined;
}

function requireCalendarDate(text: string): CalendarDateParts {
  const parts = parseCalendarDate(text);
  if (!parts) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(text)}`);
  return parts;
}

/** Milliseconds since the epoch of 00:00 UTC on that calendar day (setUTCFullYear keeps years < 100 as written). */
function utcMidnight({ year, month, day }: CalendarDateParts): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

/** The UTC calendar date of an epoch time, as `YYYY-MM-DD`. */
function formatUtcDate(epochMs: number): string {
  const date = new Date(epochMs);
  const year = date.getUTCFullYear();
  if (!Number.isFinite(epochMs) || year < 1 || year > 9999) {
    throw new RangeError(`outside the years 0001–9999: ${String(epochMs)}`);
  }
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(year, 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`;
}

/** The calendar date in Japan of an instant: 2026-03-01T14:59:59.999Z is '2026-03-01', 15:00:00.000Z is '2026-03-02'. */
export function jstDate(instant: Date): string {
  return formatUtcDate(instant.getTime() + JST_OFFSET_MS);
}

/** 00:00:00.000 in Japan of that day. */
export function startOfJstDay(date: string): Date {
  return new Date(utcMidnight(requireCalendarDate(date)) - JST_OFFSET_MS);
}

/** 23:59:59.999 in Japan of that day: the last millisecond that still has this date. */
export function endOfJstDay(date: string): Date {
  return new Date(utcMidnight(requireCalendarDate(date)) + DAY_MS - 1 - JST_OFFSET_MS);
}

/** The calendar date `days` days later (earlier when negative). */
export function addJstDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`not a whole number of days: ${String(days)}`);
  return formatUtcDate(utcMidnight(requireCalendarDate(date)) + days * DAY_MS);
}

/** The same calendar day one year before; a 29 February becomes the 28 February before it. */
export function oneYearBefore(date: string): string {
  const { year, month, day } = requireCalendarDate(date);
  const previous = year - 1;
  return formatUtcDate(utcMidnight({ year: previous, month, day: Math.min(day, daysInMonth(previous, month)) }));
}
