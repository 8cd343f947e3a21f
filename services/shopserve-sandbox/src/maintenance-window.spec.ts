import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  maintenanceRetryAfter,
  maintenanceWindowAt,
  monthlyMaintenanceWindow,
  nextMaintenanceWindow,
} from './maintenance-window.ts';

const at = (rfc3339: string) => Date.parse(rfc3339);
const iso = (ms: number) => new Date(ms).toISOString();

describe('the monthly maintenance window', () => {
  it.each([
    // year, month, the 3rd Wednesday
    [2026, 1, '2026-01-21'], // the month starts on a Thursday
    [2026, 4, '2026-04-15'], // starts on a Wednesday: the 1st counts
    [2026, 12, '2026-12-16'], // starts on a Tuesday
    [2027, 1, '2027-01-20'], // starts on a Friday
    [2024, 2, '2024-02-21'], // leap February
  ])('%i-%i falls on %s, 02:00-08:00 JST', (year, month, day) => {
    const window = monthlyMaintenanceWindow(year, month);
    expect(iso(window.startMs)).toBe(iso(at(`${day}T02:00:00+09:00`)));
    expect(iso(window.endMs)).toBe(iso(at(`${day}T08:00:00+09:00`)));
  });

  it('starts at 02:00 JST sharp and ends before 08:00 JST', () => {
    expect(maintenanceWindowAt(at('2026-01-21T01:59:59.999+09:00'))).toBeUndefined();
    expect(maintenanceWindowAt(at('2026-01-21T02:00:00.000+09:00'))).toBeDefined();
    expect(maintenanceWindowAt(at('2026-01-21T07:59:59.999+09:00'))).toBeDefined();
    expect(maintenanceWindowAt(at('2026-01-21T08:00:00.000+09:00'))).toBeUndefined();
  });

  it('goes by the Japanese date, which is the day before in UTC', () => {
    // 2026-01-20T17:30Z is Wednesday 21 January 02:30 in Japan.
    expect(maintenanceWindowAt(at('2026-01-20T17:30:00Z'))).toBeDefined();
    expect(maintenanceWindowAt(at('2026-01-21T03:00:00Z'))).toBeUndefined(); // 12:00 JST
  });

  it('is only the third Wednesday', () => {
    for (const day of ['2026-01-07', '2026-01-14', '2026-01-28', '2026-01-20', '2026-01-22']) {
      expect(maintenanceWindowAt(at(`${day}T03:00:00+09:00`))).toBeUndefined();
    }
  });

  it('finds the next window, across the turn of the year', () => {
    expect(iso(nextMaintenanceWindow(at('2026-12-16T09:00:00+09:00')).startMs)).toBe(
      iso(at('2027-01-20T02:00:00+09:00')),
    );
    expect(iso(nextMaintenanceWindow(at('2026-12-16T05:00:00+09:00')).startMs)).toBe(
      iso(at('2026-12-16T02:00:00+09:00')),
    );
    expect(iso(nextMaintenanceWindow(at('2026-12-01T00:00:00+09:00')).startMs)).toBe(
      iso(at('2026-12-16T02:00:00+09:00')),
    );
  });

  it('always lies on a Wednesday between the 15th and the 21st, 02:00-08:00 JST', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const window = monthlyMaintenanceWindow(year, month);
        const jst = new Date(window.startMs + 9 * 3600_000);
        expect(jst.getUTCDay()).toBe(3);
        expect(jst.getUTCDate()).toBeGreaterThanOrEqual(15);
        expect(jst.getUTCDate()).toBeLessThanOrEqual(21);
        expect(jst.getUTCHours()).toBe(2);
        expect(window.endMs - window.startMs).toBe(6 * 3600_000);
      }),
    );
  });
});

describe('maintenanceRetryAfter', () => {
  const inside = at('2026-01-21T07:59:30+09:00');

  it('under the schedule, answers the whole seconds to the window end', () => {
    expect(maintenanceRetryAfter({ mode: 'schedule', retryAfterSeconds: 60 }, inside)).toBe(30);
    expect(maintenanceRetryAfter({ mode: 'schedule', retryAfterSeconds: 60 }, at('2026-01-21T02:00:00+09:00'))).toBe(
      21_600,
    );
    expect(
      maintenanceRetryAfter({ mode: 'schedule', retryAfterSeconds: 60 }, at('2026-01-21T07:59:59.900+09:00')),
    ).toBe(1);
    expect(maintenanceRetryAfter({ mode: 'schedule', retryAfterSeconds: 60 }, at('2026-01-21T08:00:00+09:00'))).toBe(
      undefined,
    );
  });

  it('switched on by hand, answers the configured seconds at any time; off, never', () => {
    expect(maintenanceRetryAfter({ mode: 'on', retryAfterSeconds: 7 }, at('2026-01-01T12:00:00+09:00'))).toBe(7);
    expect(maintenanceRetryAfter({ mode: 'off', retryAfterSeconds: 7 }, inside)).toBeUndefined();
  });
});
