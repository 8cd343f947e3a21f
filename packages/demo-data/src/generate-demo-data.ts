import { SHOPSERVE_MALL, type OmsOrderRow, type OmsShopRow } from '@shopserve-sync/db';
import { TRACKING_WRITING_WEIGHTS, TRACKING_WRITINGS, CARRIER_SPELLINGS } from './demo-carriers.ts';
import {
  SHOWCASE,
  TIMELINE_CASES,
  printedTrackingNumber,
  shippingProfilesFor,
  type DemoClock,
  type ShippingProfile,
  type Timeline,
} from './demo-cases.ts';
import { DAY_MS, HOUR_MS, jstDateString, jstDay, oneYearLineDay } from './jst-calendar.ts';
import { DEMO_AUTO_EXPORT_SHOPS, DEMO_SHOPS, type DemoShop, type DemoShopSettingsRow } from './demo-shops.ts';
import { Random, itemAt } from './random.ts';

export type DemoOrderRow = Omit<OmsOrderRow, 'id'>;

export interface DemoData {
  shops: OmsShopRow[];
  /** Rows of `shopserve_sync.shop_settings`. */
  settings: DemoShopSettingsRow[];
  /** Oldest first, the order an OMS would have imported them in. */
  orders: DemoOrderRow[];
}

export interface GenerateDemoDataOptions {
  /** The same seed and `now` give the same rows, on any machine. */
  seed: number;
  /** The moment the data is made for: order and update times are placed relative to it. */
  now: Date;
  /** Orders per shop, the showcase included; a shop always gets at least its share of the showcase. Default 500. */
  ordersPerShop?: number;
}

export const DEMO_DEFAULT_SEED = 42;
export const DEMO_DEFAULT_ORDERS_PER_SHOP = 500;
/** ShopServe's order numbers are 8 digits counting up from here. */
export const FIRST_ORDER_NUMBER = 10_000_001;

type OrderDraft = Omit<DemoOrderRow, 'order_number' | 'ordered_at' | 'updated_at'> & Timeline;

/** OMS timestamps carry whole seconds. Rounding down keeps `ordered_at < updated_at <= now`. */
function wholeSeconds(ms: number): Date {
  return new Date(Math.floor(ms / 1000) * 1000);
}

function carrierFor(shop: DemoShop, random: Random): string {
  return random.chance(0.7) ? shop.usualCarrier : random.weighted(CARRIER_SPELLINGS).carrier;
}

function trackingNumber(carrier: string | null, random: Random): string {
  const { writing } = random.weighted(TRACKING_WRITING_WEIGHTS);
  return TRACKING_WRITINGS[writing](printedTrackingNumber(carrier, random), random);
}

function missingTrackingNumber(random: Random): null | '' {
  return random.chance(0.5) ? null : '';
}

/** A ship date on the order day or up to four days later, never after the order was last touched. */
function actualShipDate(timeline: Timeline, clock: DemoClock, random: Random): string {
  const orderedDay = jstDay(new Date(timeline.orderedAt));
  const lastDay = jstDay(new Date(timeline.updatedAt ?? clock.now));
  return jstDateString(Math.min(orderedDay + random.int(0, 4), lastDay));
}

/** A planned ship date, one to three days after the order; it may lie in the future. */
function plannedShipDate(timeline: Timeline, random: Random): string {
  return jstDateString(jstDay(new Date(timeline.orderedAt)) + random.int(1, 3));
}

function shippingFields(
  profile: ShippingProfile,
  shop: DemoShop,
  timeline: Timeline,
  clock: DemoClock,
  random: Random,
): Pick<DemoOrderRow, 'carrier' | 'tracking_number' | 'shipped_on'> {
  switch (profile) {
    case 'nothing':
      return { carrier: random.chance(0.7) ? null : '', tracking_number: null, shipped_on: null };
    case 'carrierOnly':
      return { carrier: carrierFor(shop, random), tracking_number: missingTrackingNumber(random), shipped_on: null };
    case 'carrierAndPlannedDate':
      return {
        carrier: carrierFor(shop, random),
        tracking_number: missingTrackingNumber(random),
        shipped_on: plannedShipDate(timeline, random),
      };
    case 'labelPrinted': {
      const carrier = carrierFor(shop, random);
      return {
        carrier,
        tracking_number: trackingNumber(carrier, random),
        shipped_on: plannedShipDate(timeline, random),
      };
    }
    case 'shipped':
    case 'shippedWithoutDate': {
      const carrier = carrierFor(shop, random);
      return {
        carrier,
        tracking_number: trackingNumber(carrier, random),
        shipped_on: profile === 'shipped' ? actualShipDate(timeline, clock, random) : null,
      };
    }
    case 'shippedTrackingMissing':
      return {
        carrier: carrierFor(shop, random),
        tracking_number: missingTrackingNumber(random),
        shipped_on: actualShipDate(timeline, clock, random),
      };
  }
}

function randomOrder(shop: DemoShop, clock: DemoClock, random: Random): OrderDraft {
  const timelineCase = random.weighted(TIMELINE_CASES);
  const timeline = timelineCase.timeline(clock, random);
  const { status } = random.weighted(timelineCase.statuses);
  const { profile } = random.weighted(shippingProfilesFor(status));
  return {
    shop_id: shop.shop.id,
    mall: random.weighted(shop.malls).mall,
    status,
    ...timeline,
    ...shippingFields(profile, shop, timeline, clock, random),
  };
}

function recentlyUpdated(clock: DemoClock, random: Random): Timeline {
  const updatedAt = clock.now - random.int(0, 3 * DAY_MS);
  return { orderedAt: updatedAt - random.int(HOUR_MS, 4 * DAY_MS), updatedAt };
}

function showcaseOrders(clock: DemoClock, random: Random): OrderDraft[] {
  return SHOWCASE.map((showcase, index) => {
    const shop = itemAt(DEMO_AUTO_EXPORT_SHOPS, index % DEMO_AUTO_EXPORT_SHOPS.length);
    const timeline = showcase.timeline?.(clock, random) ?? recentlyUpdated(clock, random);
    const carrier = showcase.carrier === undefined ? shop.usualCarrier : showcase.carrier;
    const given = showcase.trackingNumber;
    return {
      shop_id: shop.shop.id,
      mall: showcase.mall ?? SHOPSERVE_MALL,
      status: showcase.status ?? 'shipped',
      ...timeline,
      carrier,
      tracking_number:
        given === undefined
          ? printedTrackingNumber(carrier, random)
          : typeof given === 'function'
            ? given(random)
            : given,
      shipped_on: showcase.shippedOn === null ? null : actualShipDate(timeline, clock, random),
    };
  });
}

/** Code-unit order: the same everywhere, unlike `localeCompare`. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Numbers each shop's orders by order time, as ShopServe counts them up, and rounds times to seconds. */
function numbered(drafts: readonly OrderDraft[]): DemoOrderRow[] {
  const byShop = new Map<string, { draft: OrderDraft; index: number }[]>();
  drafts.forEach((draft, index) => {
    const list = byShop.get(draft.shop_id) ?? [];
    list.push({ draft, index });
    byShop.set(draft.shop_id, list);
  });
  const rows: DemoOrderRow[] = [];
  for (const list of byShop.values()) {
    list.sort((a, b) => a.draft.orderedAt - b.draft.orderedAt || a.index - b.index);
    list.forEach(({ draft: { orderedAt, updatedAt, ...fields } }, position) => {
      rows.push({
        ...fields,
        order_number: String(FIRST_ORDER_NUMBER + position),
        ordered_at: wholeSeconds(orderedAt),
        updated_at: updatedAt === null ? null : wholeSeconds(updatedAt),
      });
    });
  }
  return rows.sort(
    (a, b) =>
      a.ordered_at.getTime() - b.ordered_at.getTime() ||
      compareText(a.shop_id, b.shop_id) ||
      compareText(a.order_number, b.order_number),
  );
}

/**
 * The demo's shops, their ShopServe settings and orders, made for `now`. Pure: no I/O, no clock,
 * no `Math.random`; the same options give deep-equal results.
 */
export function generateDemoData(options: GenerateDemoDataOptions): DemoData {
  const { seed, now, ordersPerShop = DEMO_DEFAULT_ORDERS_PER_SHOP } = options;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid date');
  if (!Number.isSafeInteger(ordersPerShop) || ordersPerShop < 0) {
    throw new RangeError(`ordersPerShop must be a whole number, got ${ordersPerShop}`);
  }

  const random = new Random(seed);
  const clock: DemoClock = { now: now.getTime(), today: jstDay(now), oneYearLine: oneYearLineDay(now) };
  const drafts = showcaseOrders(clock, random);
  for (const shop of DEMO_SHOPS) {
    const showcased = drafts.filter((draft) => draft.shop_id === shop.shop.id).length;
    for (let i = showcased; i < ordersPerShop; i++) drafts.push(randomOrder(shop, clock, random));
  }

  return {
    shops: DEMO_SHOPS.map(({ shop }) => ({ ...shop })),
    settings: DEMO_SHOPS.flatMap(({ shop, settings }) =>
      settings === null ? [] : [{ shop_id: shop.id, ...settings }],
    ),
    orders: numbered(drafts),
  };
}
