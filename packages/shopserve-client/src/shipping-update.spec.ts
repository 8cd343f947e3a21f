import { describe, expect, it } from 'vitest';
import { OrderShipping } from './order-shipping.ts';
import { redactSecrets } from './redact-secrets.ts';
import { ShippingUpdate } from './shipping-update.ts';

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
