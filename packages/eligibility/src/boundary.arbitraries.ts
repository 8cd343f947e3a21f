/**
 * fast-check generators for the tests of the eligibility rules: instants that crowd around every
 * edge the rules have (JST midnight, 4 calendar days, one year, 29 February, the window's ends).
 */
import { OMS_ORDER_STATUSES } from '@shopserve-sync/db';
import fc from 'fast-check';
import type { ExportWindow } from './export-window.ts';
import { resolveExportWindow } from './export-window.ts';
import { addJstDays, jstDate, oneYearBefore, startOfJstDay } from '@shopserve-sync/calendar';

const DAY_MS = 86_400_000;

/** Days in Japan whose neighbourhoods hold the leap-day and year edges. */
const ANCHOR_DAYS = [
  '2028-02-28',
  '2028-02-29',
  '2028-03-01',
  '2029-02-28',
  '2029-03-01',
  '2027-02-28',
  '2027-03-01',
  '2026-11-28',
  '2026-12-31',
  '2027-01-01',
  '2032-02-29',
  '2100-02-28',
  '2100-03-01',
];

const anyDay = fc
  .date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2031-12-31T00:00:00Z'), noInvalidDate: true })
  .map((instant) => jstDate(instant));

/** Where in its JST day `now` falls: the first and last milliseconds, or anywhere. */
const timeOfDay = fc.oneof(
  fc.constantFrom(0, 1, DAY_MS - 1, DAY_MS - 2, 9 * 3_600_000, 15 * 3_600_000),
  fc.integer({ min: 0, max: DAY_MS - 1 }),
);

export const nowArbitrary: fc.Arbitrary<Date> = fc
  .tuple(fc.oneof(fc.constantFrom(...ANCHOR_DAYS), anyDay), timeOfDay)
  .map(([day, offset]) => new Date(startOfJstDay(day).getTime() + offset));

/** Offsets from an edge: on it, one millisecond either side, a day either side, or a few days off. */
const nearEdge = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(0, -1, 1) },
  { weight: 1, arbitrary: fc.constantFrom(-DAY_MS, DAY_MS, -DAY_MS + 1, DAY_MS - 1) },
  { weight: 2, arbitrary: fc.integer({ min: -3 * DAY_MS, max: 3 * DAY_MS }) },
);

export function windowArbitrary(now: Date): fc.Arbitrary<ExportWindow> {
  const today = jstDate(now);
  const at = (ms: number) => new Date(ms);
  return fc.oneof(
    fc.constant(resolveExportWindow({}, now)),
    // Bare dates, as the manual trigger gives them.
    fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 })).map(([a, b]) =>
      resolveExportWindow(
        {
          updatedFrom: startOfJstDay(addJstDays(today, -Math.max(a, b))),
          updatedTo: at(startOfJstDay(addJstDays(today, 1 - Math.min(a, b))).getTime() - 1),
        },
        now,
      ),
    ),
    // Timestamps, ends in order or a single millisecond.
    fc.tuple(nearEdge, nearEdge, fc.integer({ min: 0, max: 5 * DAY_MS })).map(([end, start, span]) => {
      const to = now.getTime() + end;
      return { from: at(Math.min(to, to - span + start)), to: at(to) };
    }),
    // Only updatedFrom, in the future: the window is empty.
    fc
      .integer({ min: 1, max: DAY_MS })
      .map((ahead) => resolveExportWindow({ updatedFrom: at(now.getTime() + ahead) }, now)),
  );
}

/** Mostly ShopServe; the others differ in name, case or a trailing space. */
const mallArbitrary = fc.oneof(
  { weight: 6, arbitrary: fc.constant('shopserve') },
  { weight: 1, arbitrary: fc.constantFrom('rakuten', 'yahoo', 'ShopServe', 'shopserve ') },
);
/** Mostly the OMS's own values; the others are bad data. */
const statusArbitrary = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...OMS_ORDER_STATUSES) },
  { weight: 1, arbitrary: fc.constantFrom('unknown', 'Shipped', '', 'shipped ', '発送済み') },
);

/** An instant as PostgreSQL may hold it: whole milliseconds plus 0–999 microseconds. */
export interface PreciseInstant {
  ms: number;
  micros: number;
}

export interface GeneratedOrder {
  mall: string;
  status: string;
  ordered_at: PreciseInstant;
  updated_at: PreciseInstant | null;
}

export function orderArbitrary(now: Date, window: ExportWindow): fc.Arbitrary<GeneratedOrder> {
  const today = jstDate(now);
  const orderedEdges = [
    startOfJstDay(oneYearBefore(today)),
    startOfJstDay(addJstDays(today, -4)),
    startOfJstDay(today),
    startOfJstDay(addJstDays(today, 1)),
    now,
    window.from,
    window.to,
  ].map((edge) => edge.getTime());
  const updatedEdges = [window.from, window.to, now, startOfJstDay(today), startOfJstDay(addJstDays(today, -4))].map(
    (edge) => edge.getTime(),
  );
  const micros = fc.oneof(fc.constant(0), fc.constant(999), fc.integer({ min: 0, max: 999 }));
  const around = (edges: number[]) =>
    fc
      .tuple(fc.constantFrom(...edges), nearEdge, micros)
      .map(([edge, offset, extra]) => ({ ms: edge + offset, micros: extra }));
  const anywhere = fc
    .tuple(fc.integer({ min: now.getTime() - 800 * DAY_MS, max: now.getTime() + 2 * DAY_MS }), micros)
    .map(([ms, extra]) => ({ ms, micros: extra }));

  return fc.record({
    mall: mallArbitrary,
    status: statusArbitrary,
    ordered_at: fc.oneof({ weight: 4, arbitrary: around(orderedEdges) }, { weight: 1, arbitrary: anywhere }),
    updated_at: fc.oneof(
      { weight: 2, arbitrary: fc.constant(null) },
      { weight: 3, arbitrary: around(updatedEdges) },
      { weight: 1, arbitrary: anywhere },
    ),
  });
}

/** The Date `pg` gives for a PreciseInstant: microseconds cut off. */
export function asDate(instant: PreciseInstant): Date {
  return new Date(instant.ms);
}

/** A PreciseInstant as a timestamptz literal with all six fractional digits. */
export function asTimestamptz(instant: PreciseInstant): string {
  return `${new Date(instant.ms).toISOString().slice(0, -1)}${String(instant.micros).padStart(3, '0')}Z`;
}
