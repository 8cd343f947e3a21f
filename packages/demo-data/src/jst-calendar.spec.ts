import { describe, expect, it } from 'vitest';
import { jstDateString, jstDay, jstDayStartMs, oneYearLineDay } from './jst-calendar.ts';

const jst = (instant: string) => jstDateString(jstDay(new Date(instant)));

describe('JST calendar', () => {
  it('puts 15:00 UTC on the next Japanese day', () => {
    expect(jst('2026-03-01T14:59:59.999Z')).toBe('2026-03-01');
    expect(jst('2026-03-01T15:00:00.000Z')).toBe('2026-03-02');
    expect(new Date(jstDayStartMs(jstDay(new Date('2026-03-01T20:00:00Z')))).toISOString()).toBe(
      '2026-03-01T15:00:00.000Z',
    );
  });

  it('draws the one-year line on the same calendar day a year back, 29 February as 28 February', () => {
    expect(jstDateString(oneYearLineDay(new Date('2026-11-28T03:00:00Z')))).toBe('2025-11-28');
    expect(jstDateString(oneYearLineDay(new Date('2026-11-27T15:30:00Z')))).toBe('2025-11-28');
    expect(jstDateString(oneYearLineDay(new Date('2028-02-29T12:00:00Z')))).toBe('2027-02-28');
    expect(jstDateString(oneYearLineDay(new Date('2029-03-01T00:00:00Z')))).toBe('2028-03-01');
  });
});
