import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHttpDate, parseRetryAfter } from './retry-after.ts';

const NOW = Date.UTC(2026, 10, 18, 2, 0, 0);

describe('parseRetryAfter', () => {
  it.each([
    ['0', 0],
    ['1', 1000],
    ['120', 120_000],
    [' 21600 ', 21_600_000],
  ])('reads %j seconds', (header, ms) => {
    expect(parseRetryAfter(header, NOW)).toBe(ms);
  });

  it('reads an HTTP date as the time from now until then', () => {
    expect(parseRetryAfter('Wed, 18 Nov 2026 02:01:30 GMT', NOW)).toBe(90_000);
    expect(parseRetryAfter('Wednesday, 18-Nov-26 02:00:05 GMT', NOW)).toBe(5_000);
    expect(parseRetryAfter('Wed Nov 18 02:00:07 2026', NOW)).toBe(7_000);
    expect(parseRetryAfter('Wed Nov  8 02:00:00 2026', Date.UTC(2026, 10, 8, 1, 0, 0))).toBe(3_600_000);
  });

  it('never gives a negative wait for a date in the past', () => {
    expect(parseRetryAfter('Wed, 18 Nov 2026 01:59:00 GMT', NOW)).toBe(0);
  });

  it('takes the first of repeated headers', () => {
    expect(parseRetryAfter(['3', '9'], NOW)).toBe(3000);
  });

  it.each([
    undefined,
    '',
    'soon',
    '-5',
    '1.5',
    '1e3',
    '0x10',
    'Wed, 31 Feb 2026 02:00:00 GMT',
    'Wed, 18 Nov 2026 25:00:00 GMT',
    '2026-11-18T02:00:00Z',
    'Wed, 18 Nov 2026 02:00:00 JST',
  ])('ignores %j', (header) => {
    expect(parseRetryAfter(header, NOW)).toBeUndefined();
  });

  it('is never negative, whatever the header', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.integer({ min: 0, max: 4_102_444_800_000 }), (header, now) => {
        const ms = parseRetryAfter(header, now);
        if (ms !== undefined) expect(ms).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('reads back any instant written as an IMF-fixdate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800 }), (seconds) => {
        const at = seconds * 1000;
        expect(parseHttpDate(new Date(at).toUTCString())).toBe(at);
      }),
    );
  });
});
