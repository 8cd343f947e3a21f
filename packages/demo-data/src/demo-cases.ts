import { OMS_ORDER_STATUSES, SHOPSERVE_MALL } from '@shopserve-sync/db';
import {
  CARRIER_SPELLINGS,
  DASH_LOOK_ALIKES,
  DEMO_UNKNOWN_CARRIER,
  hyphenated,
  toFullWidth,
  trackingNumberFor,
} from './demo-carriers.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, jstDayStartMs } from './jst-calendar.ts';
import type { Random } from './random.ts';

/**
 * The situations the demo shows, as weighted tables: when an order was placed and last updated,
 * which status it has, and how complete its shipping fields are. Random orders draw from these;
 * the showcase below adds the cases every demo must contain whatever the seed.
 */

/** The moment the demo is generated for, and the JST days derived from it. */
export interface DemoClock {
  now: number;
  /** Today's JST day. */
  today: number;
  /** The earliest JST order date still within one year. */
  oneYearLine: number;
}

export interface Timeline {
  orderedAt: number;
  /** `null`: never updated since the OMS imported the order. */
  updatedAt: number | null;
}

/** Status values that are none of the OMS's: bad data the service reports and never exports. */
export const DEMO_BAD_STATUSES = ['returned', 'partially_shipped'] as const;

type Weighted<T> = readonly (T & { weight: number })[];

const USUAL_STATUSES: Weighted<{ status: string }> = [
  { status: 'shipped', weight: 38 },
  { status: 'completed', weight: 25 },
  { status: 'awaiting_shipment', weight: 12 },
  { status: 'awaiting_payment', weight: 6 },
  { status: 'new', weight: 7 },
  { status: 'on_hold', weight: 3 },
  { status: 'cancelled', weight: 7 },
  { status: 'returned', weight: 0.15 },
];

/** Orders nobody has touched yet are mostly new or waiting for something. */
const UNTOUCHED_STATUSES: Weighted<{ status: string }> = [
  { status: 'new', weight: 35 },
  { status: 'awaiting_payment', weight: 20 },
  { status: 'awaiting_shipment', weight: 20 },
  { status: 'shipped', weight: 15 },
  { status: 'on_hold', weight: 5 },
  { status: 'cancelled', weight: 5 },
];

const SETTLED_STATUSES: Weighted<{ status: string }> = [
  { status: 'completed', weight: 60 },
  { status: 'shipped', weight: 20 },
  { status: 'cancelled', weight: 15 },
  { status: 'on_hold', weight: 2 },
  { status: 'returned', weight: 0.3 },
];

function timeWithinDay(day: number, random: Random, notAfter: number): number {
  const start = jstDayStartMs(day);
  return start + random.next() * (Math.min(start + DAY_MS, notAfter) - start);
}

/** How long before its last update an order was placed: mostly days, sometimes weeks. */
function orderAge(random: Random): number {
  const roll = random.next();
  if (roll < 0.6) return random.int(10 * MINUTE_MS, 3 * DAY_MS);
  if (roll < 0.9) return random.int(3 * DAY_MS, 14 * DAY_MS);
  return random.int(14 * DAY_MS, 60 * DAY_MS);
}

/** Updated at a random time between `fromDaysAgo` and `toDaysAgo` before now. */
function updatedBetween(clock: DemoClock, random: Random, fromDaysAgo: number, toDaysAgo: number): number {
  return clock.now - random.int(fromDaysAgo * DAY_MS, toDaysAgo * DAY_MS);
}

export interface TimelineCase {
  name: string;
  weight: number;
  statuses: Weighted<{ status: string }>;
  timeline: (clock: DemoClock, random: Random) => Timeline;
}

/** When random orders were placed and updated. Most updates fall in the last four days, the default export window. */
export const TIMELINE_CASES: readonly TimelineCase[] = [
  {
    name: 'updated in the last 4 days',
    weight: 40,
    statuses: USUAL_STATUSES,
    timeline: (clock, random) => {
      const updatedAt = updatedBetween(clock, random, 0, 4);
      return { orderedAt: updatedAt - orderAge(random), updatedAt };
    },
  },
  {
    name: 'updated 4 to 10 days ago',
    weight: 20,
    statuses: USUAL_STATUSES,
    timeline: (clock, random) => {
      const updatedAt = updatedBetween(clock, random, 4, 10);
      return { orderedAt: updatedAt - orderAge(random), updatedAt };
    },
  },
  {
    name: 'settled long ago',
    weight: 22,
    statuses: SETTLED_STATUSES,
    timeline: (clock, random) => {
      const orderedAt = clock.now - random.int(12 * DAY_MS, 364 * DAY_MS);
      const updatedAt = Math.min(orderedAt + random.int(30 * MINUTE_MS, 20 * DAY_MS), clock.now - 10 * DAY_MS);
      return { orderedAt, updatedAt };
    },
  },
  {
    name: 'never updated, ordered in the last 6 days',
    weight: 12,
    statuses: UNTOUCHED_STATUSES,
    timeline: (clock, random) => ({
      orderedAt: timeWithinDay(clock.today - random.int(0, 6), random, clock.now),
      updatedAt: null,
    }),
  },
  {
    name: 'ordered around the one-year line, updated lately',
    weight: 3,
    statuses: USUAL_STATUSES,
    timeline: (clock, random) => ({
      orderedAt: timeWithinDay(clock.oneYearLine + random.int(-3, 3), random, clock.now),
      updatedAt: updatedBetween(clock, random, 0, 4),
    }),
  },
  {
    name: 'ordered more than a year ago, updated lately',
    weight: 3,
    statuses: USUAL_STATUSES,
    timeline: (clock, random) => ({
      orderedAt: timeWithinDay(clock.oneYearLine - random.int(1, 135), random, clock.now),
      updatedAt: updatedBetween(clock, random, 0, 10),
    }),
  },
];

/**
 * How far an order's shipping fields are filled in. `missing` tracking numbers are NULL or '':
 * the OMS holds both.
 */
export type ShippingProfile =
  | 'nothing'
  | 'carrierOnly'
  | 'carrierAndPlannedDate'
  | 'labelPrinted'
  | 'shipped'
  | 'shippedWithoutDate'
  | 'shippedTrackingMissing';

const BY_STATUS: Record<string, Weighted<{ profile: ShippingProfile }>> = {
  new: [
    { profile: 'nothing', weight: 90 },
    { profile: 'carrierOnly', weight: 10 },
  ],
  awaiting_payment: [
    { profile: 'nothing', weight: 70 },
    { profile: 'carrierOnly', weight: 30 },
  ],
  awaiting_shipment: [
    { profile: 'carrierOnly', weight: 45 },
    { profile: 'carrierAndPlannedDate', weight: 30 },
    { profile: 'labelPrinted', weight: 25 },
  ],
  shipped: [
    { profile: 'shipped', weight: 80 },
    { profile: 'shippedWithoutDate', weight: 8 },
    { profile: 'shippedTrackingMissing', weight: 12 },
  ],
  completed: [
    { profile: 'shipped', weight: 88 },
    { profile: 'shippedWithoutDate', weight: 6 },
    { profile: 'shippedTrackingMissing', weight: 6 },
  ],
  on_hold: [
    { profile: 'nothing', weight: 50 },
    { profile: 'carrierOnly', weight: 30 },
    { profile: 'labelPrinted', weight: 20 },
  ],
  cancelled: [
    { profile: 'nothing', weight: 80 },
    { profile: 'carrierOnly', weight: 20 },
  ],
};

const BAD_STATUS_PROFILES: Weighted<{ profile: ShippingProfile }> = [{ profile: 'shipped', weight: 1 }];

export function shippingProfilesFor(status: string): Weighted<{ profile: ShippingProfile }> {
  return BY_STATUS[status] ?? BAD_STATUS_PROFILES;
}

/** Draws a tracking number of the carrier's format (a made-up one when `carrier` is empty). */
export function printedTrackingNumber(carrier: string | null, random: Random): string {
  const spelling = CARRIER_SPELLINGS.find((candidate) => candidate.carrier === carrier);
  return trackingNumberFor(spelling === undefined ? 'YAMATO' : spelling.code, random);
}

/**
 * One order every demo contains, whatever the seed. Unset fields take a typical exportable
 * order's values: a ShopServe order of a shop with automatic export, `shipped`, updated in the
 * last few days, with the shop's usual carrier, a printed tracking number and a ship date.
 */
export interface ShowcaseOrder {
  /** What the order demonstrates. */
  shows: string;
  mall?: string;
  status?: string;
  carrier?: string | null;
  trackingNumber?: string | null | ((random: Random) => string);
  /** `null` leaves the ship date out. */
  shippedOn?: null;
  timeline?: (clock: DemoClock, random: Random) => Timeline;
}

function neverUpdated(daysAgo: number, msIntoDay: number): ShowcaseOrder {
  return {
    shows: `never updated, ordered ${daysAgo} JST days ago at ${new Date(msIntoDay).toISOString().slice(11, 19)} JST`,
    timeline: (clock) => ({ orderedAt: jstDayStartMs(clock.today - daysAgo) + msIntoDay, updatedAt: null }),
  };
}

function orderedOnDay(shows: string, day: (clock: DemoClock) => number, msIntoDay: number): ShowcaseOrder {
  return {
    shows,
    timeline: (clock, random) => ({
      orderedAt: jstDayStartMs(day(clock)) + msIntoDay,
      updatedAt: updatedBetween(clock, random, 0, 3),
    }),
  };
}

const yamatoWrittenAs = (write: (printed: string) => string) => (random: Random) =>
  write(hyphenated(trackingNumberFor('YAMATO', random)));

const LAST_SECOND = DAY_MS - 5_000;

export const SHOWCASE: readonly ShowcaseOrder[] = [
  ...CARRIER_SPELLINGS.map((spelling) => ({
    shows: `carrier typed as "${spelling.carrier}"`,
    carrier: spelling.carrier,
  })),
  { shows: 'unknown carrier, again', carrier: DEMO_UNKNOWN_CARRIER },
  { shows: 'unknown carrier without a tracking number', carrier: DEMO_UNKNOWN_CARRIER, trackingNumber: null },

  { shows: 'full-width tracking number', carrier: 'ヤマト運輸', trackingNumber: yamatoWrittenAs(toFullWidth) },
  {
    shows: 'full-width digits without hyphens',
    carrier: '佐川急便',
    trackingNumber: (random) => toFullWidth(trackingNumberFor('SAGAWA', random).replaceAll('-', '')),
  },
  ...DASH_LOOK_ALIKES.map((dash) => ({
    shows: `tracking number with "${dash}" for a hyphen`,
    carrier: 'ヤマト運輸',
    trackingNumber: yamatoWrittenAs((printed) => printed.replaceAll('-', dash)),
  })),
  {
    shows: 'tracking number in groups with spaces',
    carrier: 'クロネコヤマト',
    trackingNumber: yamatoWrittenAs((printed) => printed.replaceAll('-', ' ')),
  },
  {
    shows: 'tracking number with stray full-width spaces',
    carrier: '日本郵便',
    trackingNumber: (random) => `\u3000${trackingNumberFor('JAPANPOST', random)} `,
  },

  { shows: 'shipped, tracking number NULL', carrier: 'ヤマト運輸', trackingNumber: null },
  { shows: 'shipped, tracking number NULL, other carrier', carrier: '佐川急便', trackingNumber: null },
  { shows: "shipped, tracking number ''", carrier: 'ヤマト運輸', trackingNumber: '' },
  { shows: "shipped, tracking number '', other carrier", carrier: 'ゆうパック', trackingNumber: '' },
  { shows: 'tracking number of blanks only', carrier: '佐川急便', trackingNumber: '\u3000 ' },
  { shows: 'only a ship date', carrier: null, trackingNumber: null },
  { shows: 'nothing to send', carrier: null, trackingNumber: null, shippedOn: null },
  { shows: "carrier '' with a tracking number", carrier: '' },
  { shows: 'carrier NULL with a tracking number', carrier: null },
  { shows: 'no ship date', shippedOn: null },

  ...OMS_ORDER_STATUSES.map((status) => ({ shows: `status ${status}`, status })),
  ...DEMO_BAD_STATUSES.map((status) => ({ shows: `bad status ${status}`, status })),

  ...[3, 4, 5].flatMap((daysAgo) => [
    neverUpdated(daysAgo, 30_000),
    neverUpdated(daysAgo, 12 * HOUR_MS),
    neverUpdated(daysAgo, DAY_MS - 30_000),
  ]),
  {
    shows: 'never updated, ordered minutes ago',
    timeline: (clock, random) => ({ orderedAt: clock.now - random.int(MINUTE_MS, 90 * MINUTE_MS), updatedAt: null }),
  },
  neverUpdated(1, 20 * HOUR_MS),
  neverUpdated(2, 9 * HOUR_MS),

  orderedOnDay('ordered at the start of the one-year line day', (clock) => clock.oneYearLine, 5_000),
  orderedOnDay('ordered at the end of the one-year line day', (clock) => clock.oneYearLine, LAST_SECOND),
  orderedOnDay('ordered at the end of the day before the one-year line', (clock) => clock.oneYearLine - 1, LAST_SECOND),
  orderedOnDay('ordered at the start of the day before the one-year line', (clock) => clock.oneYearLine - 1, 5_000),
  orderedOnDay('ordered a year and a month ago', (clock) => clock.oneYearLine - 35, 14 * HOUR_MS),
  orderedOnDay('ordered about 500 days ago', (clock) => clock.oneYearLine - 135, 10 * HOUR_MS),

  { shows: 'an otherwise exportable Rakuten order', mall: 'rakuten' },
  { shows: 'an otherwise exportable Rakuten order', mall: 'rakuten' },
  { shows: 'an otherwise exportable Yahoo! order', mall: 'yahoo' },
  { shows: 'an otherwise exportable Yahoo! order', mall: 'yahoo' },
  { shows: 'an ordinary ShopServe order', mall: SHOPSERVE_MALL },
];
