import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderShipping } from './order-shipping.ts';
import { redactSecrets } from './redact-secrets.ts';
import { CalendarDate, ShippingUpdate } from './shipping-update.ts';

/** What ShopServe's own check takes as a date: the day `Date.UTC` reads it as is the day written. */
function roundTrips(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

describe('CalendarDate', () => {
  it.each([
    ['2028-02-29', true],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2026-02-29', false],
    ['2026-04-31', false],
    ['2026-12-31', true],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['0099-01-01', false],
    ['0100-01-01', true],
  ])('%s is a date: %s', (text, expected) => {
    expect(CalendarDate.safeParse(text).success).toBe(expected);
  });

  it("agrees with ShopServe's check on any YYYY-MM-DD, real or not", () => {
    const digits = (length: number) =>
      fc.string({ unit: fc.integer({ min: 0, max: 9 }).map(String), minLength: length, maxLength: length });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.tuple(digits(4), digits(2), digits(2)).map(([y, m, d]) => `${y}-${m}-${d}`),
          // Month ends, leap days and the day after, in any year.
          fc
            .tuple(digits(4), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 27, max: 32 }))
            .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
          fc
            .date({ min: new Date('0100-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
            .map((date) => date.toISOString().slice(0, 10)),
        ),
        (text) => {
          expect(CalendarDate.safeParse(text).success).toBe(roundTrips(text));
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe('ShippingUpdate', () => {
  it('takes what the contract takes', () => {
    const update = {
      shippingStatus: 'Shipped',
      deliveryCompanyCode: 'YAMATO',
      slipNumber: '1234-5678-9012',
      scheduledShipDate: '2026-11-28',
    };
    expect(ShippingUpdate.parse(update)).toEqual(update);
    expect(ShippingUpdate.parse({ deliveryCompanyCode: 'KANGAROO' })).toEqual({ deliveryCompanyCode: 'KANGAROO' });
  });

  it.each([
    {},
    { shippingStatus: 'Unshipped' },
    { deliveryCompanyCode: 'DHL' },
    { slipNumber: '' },
    { slipNumber: '１２３４' },
    { slipNumber: '1234 5678' },
    { slipNumber: 'a'.repeat(41) },
    { scheduledShipDate: '2026-02-29' },
    { scheduledShipDate: '2026-11-28T00:00:00Z' },
    { slipNumber: '1234', extra: true },
  ])('refuses %j', (body) => {
    expect(ShippingUpdate.safeParse(body).success).toBe(false);
  });
});

describe('OrderShipping', () => {
  it("reads ShopServe's order state, with or without the nullable fields", () => {
    const order = {
      orderNumber: '10000001',
      orderStatus: 'Active',
      shippingStatus: 'Shipped',
      deliveryCompanyCode: 'YAMATO',
      slipNumber: '1234',
      scheduledShipDate: '2026-11-28',
      updatedAt: '2026-11-28T10:00:00+09:00',
    };
    expect(OrderShipping.parse(order)).toEqual(order);
    expect(
      OrderShipping.safeParse({
        orderNumber: '1',
        orderStatus: 'Active',
        shippingStatus: 'Unshipped',
        deliveryCompanyCode: null,
        updatedAt: '2026-11-28T01:00:00Z',
      }).success,
    ).toBe(true);
    expect(OrderShipping.safeParse({ ...order, updatedAt: 'yesterday' }).success).toBe(false);
  });
});

describe('redactSecrets', () => {
  it('replaces every occurrence of every secret, longest first', () => {
    expect(redactSecrets('key=abc, again abc; Basic xabc', ['abc', 'Basic xabc', ''])).toBe(
      'key=[redacted], again [redacted]; [redacted]',
    );
  });
});
