import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addJstDays,
  endOfJstDay,
  isCalendarDate,
  jstDate,
  oneYearBefore,
  parseCalendarDate,
  startOfJstDay,
} from './jst-calendar.ts';

/** An independent reading of the JST date: ICU's Asia/Tokyo zone. */
const icuTokyoDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const instants = fc.date({
  min: new Date('1971-01-01T00:00:00Z'),
  max: new Date('2099-12-31T00:00:00Z'),
  noInvalidDate: true,
});
const calendarDates = instants.map((instant) => instant.toISOString().slice(0, 10));

describe('jstDate', () => {
  it('turns the date at 15:00:00.000Z, which is midnight in Japan', () => {
    expect(jstDate(new Date('2026-03-01T14:59:59.999Z'))).toBe('2026-03-01');
    expect(jstDate(new Date('2026-03-01T15:00:00.000Z'))).toBe('2026-03-02');
    expect(jstDate(new Date('2026-03-01T00:00:00+09:00'))).toBe('2026-03-01');
  });

  it('reaches 29 February in a leap year and skips it otherwise', () => {
    expect(jstDate(new Date('2028-02-28T15:00:00.000Z'))).toBe('2028-02-29');
    expect(jstDate(new Date('2027-02-28T15:00:00.000Z'))).toBe('2027-03-01');
    expect(jstDate(new Date('2026-12-31T15:00:00.000Z'))).toBe('2027-01-01');
  });

  it('agrees with the Asia/Tokyo time zone for any instant', () => {
    fc.assert(
      fc.property(instants, (instant) => {
        expect(jstDate(instant)).toBe(icuTokyoDate.format(instant));
      }),
    );
  });

  it('refuses an invalid Date', () => {
    expect(() => jstDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('startOfJstDay and endOfJstDay', () => {
  it('are 00:00:00.000 and 23:59:59.999 in Japan', () => {
    expect(startOfJstDay('2026-03-01').toISOString()).toBe('2026-02-28T15:00:00.000Z');
    expect(endOfJstDay('2026-03-01').toISOString()).toBe('2026-03-01T14:59:59.999Z');
    expect(startOfJstDay('2028-02-29').toISOString()).toBe('2028-02-28T15:00:00.000Z');
    expect(endOfJstDay('2028-02-29').toISOString()).toBe('2028-02-29T14:59:59.999Z');
  });

  it('hold every instant of the day and no other', () => {
    fc.assert(
      fc.property(instants, (instant) => {
        const day = jstDate(instant);
        const [start, end] = [startOfJstDay(day), endOfJstDay(day)];
        expect(start.getTime()).toBeLessThanOrEqual(instant.getTime());
        expect(instant.getTime()).toBeLessThanOrEqual(end.getTime());
        expect(jstDate(start)).toBe(day);
        expect(jstDate(end)).toBe(day);
        expect(jstDate(new Date(start.getTime() - 1))).toBe(addJstDays(day, -1));
        expect(jstDate(new Date(end.getTime() + 1))).toBe(addJstDays(day, 1));
      }),
    );
  });

  it('refuse dates that do not exist', () => {
    for (const bad of [
      '2026-02-29',
      '2026-02-30',
      '2026-13-01',
      '2026-00-10',
      '2026-04-31',
      '0000-01-01',
      '2026-3-1',
      '',
    ]) {
      expect(() => startOfJstDay(bad), bad).toThrow(RangeError);
      expect(() => endOfJstDay(bad), bad).toThrow(RangeError);
    }
  });
});

describe('parseCalendarDate', () => {
  it('knows the length of each month and the leap years', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2000-02-29')).toBe(true);
    expect(isCalendarDate('1900-02-29')).toBe(false);
    expect(isCalendarDate('2100-02-29')).toBe(false);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-04-30')).toBe(true);
    expect(isCalendarDate('2026-04-31')).toBe(false);
    expect(isCalendarDate('2026-12-31')).toBe(true);
    expect(parseCalendarDate('2026-11-28')).toEqual({ year: 2026, month: 11, day: 28 });
  });

  it('accepts exactly the dates a Date round-trips', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const text = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const roundTrips = m >= 1 && d >= 1 && new Date(Date.UTC(y, m - 1, d)).toISOString().startsWith(text);
          expect(isCalendarDate(text)).toBe(roundTrips);
        },
      ),
    );
  });
});

describe('addJstDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addJstDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addJstDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addJstDays('2029-03-01', -1)).toBe('2029-02-28');
    expect(addJstDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addJstDays('2026-03-02', -4)).toBe('2026-02-26');
    expect(addJstDays('2026-03-02', 0)).toBe('2026-03-02');
  });

  it('counts whole days: n days later and back again is the same date, and the instants are n × 24 h apart', () => {
    fc.assert(
      fc.property(calendarDates, fc.integer({ min: -800, max: 800 }), (date, n) => {
        const later = addJstDays(date, n);
        expect(addJstDays(later, -n)).toBe(date);
        expect(startOfJstDay(later).getTime() - startOfJstDay(date).getTime()).toBe(n * 86_400_000);
      }),
    );
  });

  it('refuses fractions of a day', () => {
    expect(() => addJstDays('2026-03-01', 0.5)).toThrow(RangeError);
  });
});

describe('oneYearBefore', () => {
  it('is the same calendar day a year before', () => {
    expect(oneYearBefore('2026-11-28')).toBe('2025-11-28');
    expect(oneYearBefore('2029-02-28')).toBe('2028-02-28');
    expect(oneYearBefore('2029-03-01')).toBe('2028-03-01');
    expect(oneYearBefore('2028-03-01')).toBe('2027-03-01');
    expect(oneYearBefore('2027-01-01')).toBe('2026-01-01');
  });

  it('counts 29 February as 28 February', () => {
    expect(oneYearBefore('2028-02-29')).toBe('2027-02-28');
    expect(oneYearBefore('2000-02-29')).toBe('1999-02-28');
  });

  it('keeps month and day, except 29 February, and lands between 365 and 366 days before', () => {
    fc.assert(
      fc.property(calendarDates, (date) => {
        const before = oneYearBefore(date);
        expect(before.slice(0, 4)).toBe(String(Number(date.slice(0, 4)) - 1).padStart(4, '0'));
        expect(before.slice(5)).toBe(date.endsWith('-02-29') ? '02-28' : date.slice(5));
        const days = (startOfJstDay(date).getTime() - startOfJstDay(before).getTime()) / 86_400_000;
        expect([365, 366]).toContain(days);
      }),
    );
  });
});
