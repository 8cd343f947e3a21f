const DELTA_SECONDS = /^\d+$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** IMF-fixdate, the HTTP date everyone sends: "Sun, 06 Nov 1994 08:49:37 GMT". */
const IMF_FIXDATE = /^[A-Za-z]{3}, (\d{2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
/** The obsolete forms HTTP still asks recipients to accept: RFC 850 and asctime. */
const RFC_850 = /^[A-Za-z]+, (\d{2})-([A-Za-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const ASCTIME = /^[A-Za-z]{3} ([A-Za-z]{3}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

function utc(year: number, monthName: string, day: number, hours: number, minutes: number, seconds: number) {
  const month = MONTHS.indexOf(monthName.toLowerCase());
  if (month < 0 || hours > 23 || minutes > 59 || seconds > 60) return undefined;
  const time = Date.UTC(year, month, day, hours, minutes, seconds);
  return new Date(time).getUTCDate() === day ? time : undefined;
}

/** The instant an HTTP date names, in ms since the epoch; `undefined` when it is not one. */
export function parseHttpDate(value: string): number | undefined {
  const text = value.trim();
  let match = IMF_FIXDATE.exec(text);
  if (match) {
    const [, day, month, year, h, m, s] = match;
    return utc(Number(year), month ?? '', Number(day), Number(h), Number(m), Number(s));
  }
  match = RFC_850.exec(text);
  if (match) {
    const [, day, month, year, h, m, s] = match;
    // Two-digit years: the RFC says to read one more than 50 years ahead as the past century.
    const nowYear = new Date().getUTCFullYear();
    let fullYear = Math.floor(nowYear / 100) * 100 + Number(year);
    if (fullYear > nowYear + 50) fullYear -= 100;
    return utc(fullYear, month ?? '', Number(day), Number(h), Number(m), Number(s));
  }
  match = ASCTIME.exec(text);
  if (match) {
    const [, month, day, h, m, s, year] = match;
    return utc(Number(year), month ?? '', Number(day), Number(h), Number(m), Number(s));
  }
  return undefined;
}

/**
 * A `Retry-After` header as ms to wait from `nowMs`: whole seconds or an HTTP date (a date in
 * the past is 0). `undefined` when the header is absent or not understood.
 */
export function parseRetryAfter(value: string | readonly string[] | undefined, nowMs: number): number | undefined {
  const header = typeof value === 'string' ? value : value?.[0];
  if (header === undefined) return undefined;
  const text = header.trim();
  if (DELTA_SECONDS.test(text)) {
    const ms = Number(text) * 1000;
    return Number.isSafeInteger(ms) ? ms : undefined;
  }
  const at = parseHttpDate(text);
  return at === undefined ? undefined : Math.max(0, Math.ceil(at - nowMs));
}
