import { OMS_ORDER_STATUSES } from '@shopserve-sync/db';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asDate, nowArbitrary, orderArbitrary, windowArbitrary } from './boundary.arbitraries.ts';
import { checkEligibility, INELIGIBILITY_REASONS, type EligibilityOrder } from './check-eligibility.ts';
import type { ExportWindow } from './export-window.ts';

const on = { orderApiEnabled: true };
const now = new Date('2026-03-02T03:00:00.000Z'); // 2026-03-02 12:00 JST
const window: ExportWindow = { from: new Date('2026-02-26T03:00:00.000Z'), to: now };

function order(overrides: Partial<EligibilityOrder> = {}): EligibilityOrder {
  return {
    mall: 'shopserve',
    status: 'shipped',
    ordered_at: new Date('2026-03-01T03:00:00.000Z'),
    updated_at: new Date('2026-03-01T04:00:00.000Z'),
    ...overrides,
  };
}

const reason = (o: EligibilityOrder, shop: { orderApiEnabled: boolean } | null = on, w = window, at = now) => {
  const result = checkEligibility(o, shop, w, at);
  return result.eligible ? 'eligible' : result.reason;
};

describe('checkEligibility: mall and API option', () => {
  it('takes ShopServe orders of a shop with the API option on', () => {
    expect(checkEligibility(order(), on, window, now)).toEqual({ eligible: true });
  });

  it('leaves out other malls, spelled exactly', () => {
    for (const mall of ['rakuten', 'yahoo', 'ShopServe', 'shopserve ', '']) {
      expect(reason(order({ mall })), mall).toBe('other_mall');
    }
  });

  it('leaves out shops with the option off or without settings', () => {
    expect(reason(order(), { orderApiEnabled: false })).toBe('api_option_off');
    expect(reason(order(), null)).toBe('api_option_off');
  });
});

describe('checkEligibility: status', () => {
  it.each([
    ['new', 'excluded_status'],
    ['awaiting_payment', 'eligible'],
    ['awaiting_shipment', 'eligible'],
    ['shipped', 'eligible'],
    ['completed', 'eligible'],
    ['on_hold', 'excluded_status'],
    ['cancelled', 'excluded_status'],
  ] as const)('%s → %s', (status, expected) => {
    expect(reason(order({ status }))).toBe(expected);
  });

  it('covers every OMS status in the table above', () => {
    expect([...OMS_ORDER_STATUSES].sort()).toEqual(
      ['new', 'awaiting_payment', 'awaiting_shipment', 'shipped', 'completed', 'on_hold', 'cancelled'].sort(),
    );
  });

  it('refuses an unknown status as unknown_status, for the run to report', () => {
    for (const status of ['unknown', 'Shipped', 'shipped ', '', '発送済み', 'canceled']) {
      expect(reason(order({ status })), status).toBe('unknown_status');
    }
  });

  it('gives unknown_status only to orders every other rule admits', () => {
    expect(reason(order({ status: 'bogus', mall: 'rakuten' }))).toBe('other_mall');
    expect(reason(order({ status: 'bogus', ordered_at: new Date('2024-01-01T00:00:00Z') }))).toBe(
      'ordered_over_a_year_ago',
    );
    expect(reason(order({ status: 'bogus', updated_at: new Date('2026-01-01T00:00:00Z') }))).toBe(
      'updated_outside_window',
    );
    expect(reason(order({ status: 'bogus', updated_at: null, ordered_at: new Date('2026-02-01T00:00:00Z') }))).toBe(
      'never_updated_over_4_days',
    );
  });
});

describe('checkEligibility: one year', () => {
  // today (JST) 2026-11-28: ordered on 2025-11-28 (JST) is in, 2025-11-27 is out.
  const lateNovember = new Date('2026-11-28T05:00:00.000Z');
  const wide: ExportWindow = { from: new Date('2020-01-01T00:00:00Z'), to: new Date('2030-01-01T00:00:00Z') };
  const ordered = (iso: string) => reason(order({ ordered_at: new Date(iso) }), on, wide, lateNovember);

  it('counts from the same calendar day one year before, in JST', () => {
    expect(ordered('2025-11-27T15:00:00.000Z')).toBe('eligible'); // 2025-11-28 00:00 JST
    expect(ordered('2025-11-27T14:59:59.999Z')).toBe('ordered_over_a_year_ago'); // 2025-11-27 23:59:59.999 JST
  });

  it('uses the JST date of now, which turns at 15:00Z', () => {
    const orderedAt = new Date('2025-11-27T15:00:00.000Z'); // 2025-11-28 JST
    const lastMomentIn = new Date('2026-11-28T14:59:59.999Z'); // 2026-11-28 23:59:59.999 JST
    const firstMomentOut = new Date('2026-11-28T15:00:00.000Z'); // 2026-11-29 00:00 JST
    expect(reason(order({ ordered_at: orderedAt }), on, wide, lastMomentIn)).toBe('eligible');
    expect(reason(order({ ordered_at: orderedAt }), on, wide, firstMomentOut)).toBe('ordered_over_a_year_ago');
  });

  it('counts 29 February one year back as 28 February', () => {
    const leapDay = new Date('2028-02-29T03:00:00.000Z'); // today 2028-02-29 JST → bound 2027-02-28
    expect(reason(order({ ordered_at: new Date('2027-02-27T15:00:00.000Z') }), on, wide, leapDay)).toBe('eligible');
    expect(reason(order({ ordered_at: new Date('2027-02-27T14:59:59.999Z') }), on, wide, leapDay)).toBe(
      'ordered_over_a_year_ago',
    );
  });

  it('keeps an order of 29 February exactly until 28 February and 1 March of the next year', () => {
    const leapOrder = order({ ordered_at: new Date('2028-02-28T15:00:00.000Z') }); // 2028-02-29 JST
    expect(reason(leapOrder, on, wide, new Date('2029-02-28T03:00:00Z'))).toBe('eligible'); // bound 2028-02-28
    expect(reason(leapOrder, on, wide, new Date('2029-03-01T03:00:00Z'))).toBe('ordered_over_a_year_ago'); // bound 2028-03-01
    const dayBefore = order({ ordered_at: new Date('2028-02-27T15:00:00.000Z') }); // 2028-02-28 JST
    expect(reason(dayBefore, on, wide, new Date('2029-02-28T14:59:59.999Z'))).toBe('eligible');
    expect(reason(dayBefore, on, wide, new Date('2029-02-28T15:00:00.000Z'))).toBe('ordered_over_a_year_ago');
  });
});

describe('checkEligibility: updated_at within the window', () => {
  const updated = (iso: string) => reason(order({ updated_at: new Date(iso) }));

  it('includes both ends, to the millisecond', () => {
    expect(updated(window.from.toISOString())).toBe('eligible');
    expect(updated(window.to.toISOString())).toBe('eligible');
    expect(updated(new Date(window.from.getTime() - 1).toISOString())).toBe('updated_outside_window');
    expect(updated(new Date(window.to.getTime() + 1).toISOString())).toBe('updated_outside_window');
  });

  it('holds a window of one millisecond', () => {
    const instant = new Date('2026-03-01T00:00:00.123Z');
    const single = { from: instant, to: instant };
    expect(reason(order({ updated_at: instant }), on, single)).toBe('eligible');
    expect(reason(order({ updated_at: new Date(instant.getTime() + 1) }), on, single)).toBe('updated_outside_window');
  });

  it('ignores the order date within the year once the order has been updated', () => {
    expect(
      reason(order({ ordered_at: new Date('2025-06-01T00:00:00Z'), updated_at: new Date('2026-03-01T00:00:00Z') })),
    ).toBe('eligible');
  });

  it('admits no updated order when the window is empty', () => {
    const empty = { from: new Date(now.getTime() + 1), to: now };
    expect(reason(order({ updated_at: now }), on, empty)).toBe('updated_outside_window');
  });
});

describe('checkEligibility: never updated', () => {
  // today (JST) 2026-03-02; 4 calendar days before is 2026-02-26.
  const ordered = (iso: string, at = now) =>
    reason(order({ updated_at: null, ordered_at: new Date(iso) }), on, window, at);

  it('takes orders of today and the 4 calendar days before, by JST date', () => {
    expect(ordered('2026-02-25T15:00:00.000Z')).toBe('eligible'); // 2026-02-26 00:00 JST
    expect(ordered('2026-02-25T14:59:59.999Z')).toBe('never_updated_over_4_days'); // 2026-02-25 23:59:59.999 JST
    expect(ordered('2026-03-02T14:59:59.999Z')).toBe('eligible'); // today, 23:59:59.999 JST
  });

  it('does not depend on the window', () => {
    const empty = { from: new Date('2000-01-01T00:00:00Z'), to: new Date('2000-01-01T00:00:00Z') };
    expect(reason(order({ updated_at: null }), on, empty)).toBe('eligible');
  });

  it('refuses an order date after today', () => {
    expect(ordered('2026-03-02T15:00:00.000Z')).toBe('never_updated_ordered_after_today');
  });

  it('counts calendar days across 29 February', () => {
    const march2nd2028 = new Date('2028-03-02T00:00:00.000Z'); // 2028-03-02 09:00 JST → from 2028-02-27
    expect(ordered('2028-02-26T15:00:00.000Z', march2nd2028)).toBe('eligible');
    expect(ordered('2028-02-26T14:59:59.999Z', march2nd2028)).toBe('never_updated_over_4_days');
    const march2nd2029 = new Date('2029-03-02T00:00:00.000Z'); // → from 2029-02-26
    expect(ordered('2029-02-25T15:00:00.000Z', march2nd2029)).toBe('eligible');
    expect(ordered('2029-02-25T14:59:59.999Z', march2nd2029)).toBe('never_updated_over_4_days');
  });

  it('counts days, not hours: a run at 00:00 JST and one at 23:59 JST take the same days', () => {
    const first = new Date('2026-03-01T15:00:00.000Z'); // 2026-03-02 00:00 JST
    const last = new Date('2026-03-02T14:59:59.999Z'); // 2026-03-02 23:59:59.999 JST
    for (const at of [first, last]) {
      expect(ordered('2026-02-25T15:00:00.000Z', at)).toBe('eligible');
      expect(ordered('2026-02-25T14:59:59.999Z', at)).toBe('never_updated_over_4_days');
    }
  });
});

/** The rules again, written apart: dates from ICU's Asia/Tokyo zone, day counts from Date.UTC. */
const tokyoParts = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});
function tokyoDay(instant: Date): { y: number; m: number; d: number; serial: number } {
  const parts = Object.fromEntries(tokyoParts.formatToParts(instant).map((part) => [part.type, part.value]));
  const [y, m, d] = [Number(parts.year), Number(parts.month), Number(parts.day)];
  return { y, m, d, serial: Date.UTC(y, m - 1, d) / 86_400_000 };
}
function oracle(o: EligibilityOrder, shop: { orderApiEnabled: boolean } | null, w: ExportWindow, at: Date): boolean {
  if (o.mall !== 'shopserve' || !shop?.orderApiEnabled) return false;
  if (!['awaiting_payment', 'awaiting_shipment', 'shipped', 'completed'].includes(o.status)) return false;
  const today = tokyoDay(at);
  const ordered = tokyoDay(o.ordered_at);
  const boundDay = today.m === 2 && today.d === 29 ? 28 : today.d;
  const bound = [today.y - 1, today.m, boundDay];
  const orderedTuple = [ordered.y, ordered.m, ordered.d];
  const cmp = orderedTuple.map((value, i) => value - (bound[i] ?? 0)).find((diff) => diff !== 0) ?? 0;
  if (cmp < 0) return false;
  if (o.updated_at === null) return ordered.serial >= today.serial - 4 && ordered.serial <= today.serial;
  return w.from <= o.updated_at && o.updated_at <= w.to;
}

describe('checkEligibility: property', () => {
  it('agrees with an independent reading of the rules around every edge', () => {
    const scenario = nowArbitrary.chain((at) =>
      windowArbitrary(at).chain((w) =>
        fc.tuple(
          fc.constant(at),
          fc.constant(w),
          fc.array(orderArbitrary(at, w), { minLength: 50, maxLength: 50 }),
          fc.boolean(),
        ),
      ),
    );
    const seen = new Set<string>();
    fc.assert(
      fc.property(scenario, ([at, w, orders, optionOn]) => {
        const shop = optionOn ? on : null;
        for (const generated of orders) {
          const o = {
            ...generated,
            ordered_at: asDate(generated.ordered_at),
            updated_at: generated.updated_at && asDate(generated.updated_at),
          };
          const result = checkEligibility(o, shop, w, at);
          seen.add(result.eligible ? 'eligible' : result.reason);
          if (result.eligible !== oracle(o, shop, w, at)) {
            expect.fail(`disagrees: ${JSON.stringify({ o, result, w, at })}`);
          }
        }
      }),
      { numRuns: 150 },
    );
    // The generators reach every outcome, so the agreement above means something for each.
    expect([...seen].sort()).toEqual(['eligible', ...INELIGIBILITY_REASONS].sort());
  });
});
