import { parseCalendarDate } from '@shopserve-sync/calendar';

// date-time per RFC 3339 §5.6: the offset is required (a time without one names no instant).
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * The instant an RFC 3339 timestamp names, e.g. `2026-03-01T09:30:00+09:00` or
 * `2026-03-01T00:30:00.250Z`; undefined for anything else, including fields that do not exist
 * (2026-02-30, hour 24, second 60, offset +24:00). Fractions finer than a millisecond are cut off.
 */
export function parseRfc3339(text: string): Date | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, date = '', hourText, minuteText, secondText, fraction, zulu, sign, offsetHourText, offsetMinuteText] = match;
  const day = parseCalendarDate(date);
  const [hour, minute, second] = [Number(hourText), Number(minuteText), Number(secondText)];
  if (!day || hour > 23 || minute > 59 || second > 59) return undefined;

  let offsetMinutes = 0;
  if (zulu === undefined) {
    const [offsetHour, offsetMinute] = [Number(offsetHourText), Number(offsetMinuteText)];
    if (offsetHour > 23 || offsetMinute > 59) return undefined;
    offsetMinutes = (sign === '-' ? -1 : 1) * (offsetHour * 60 + offsetMinute);
  }
  const milliseconds = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));

  const instant = new Date(0);
  instant.setUTCFullYear(day.year, day.month - 1, day.day);
  instant.setUTCHours(hour, minute - offsetMinutes, second, milliseconds);
  return instant;
}
