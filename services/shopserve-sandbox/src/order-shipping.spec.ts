import { describe, expect, it } from 'vitest';
import { applyShippingUpdate, newOrder, orderShipping } from './order-shipping.ts';

const created = Date.parse('2026-11-28T01:00:00Z');
const later = created + 60_000;

describe('applyShippingUpdate', () => {
  it('changes only the fields given', () => {
    const first = applyShippingUpdate(
      newOrder('s', '10000001', false, created),
      { slipNumber: 'A-1', deliveryCompanyCode: 'YAMATO' },
      later,
    );
    const second = applyShippingUpdate(first, { scheduledShipDate: '2026-11-29', slipNumber: 'A-1' }, later + 1000);
    expect(orderShipping(second)).toEqual({
      orderNumber: '10000001',
      orderStatus: 'Active',
      shippingStatus: 'Unshipped',
      deliveryCompanyCode: 'YAMATO',
      slipNumber: 'A-1',
      scheduledShipDate: '2026-11-29',
      updatedAt: '2026-11-28T10:01:01+09:00',
    });
  });

  it('keeps updatedAt when nothing changes, so a repeated PATCH answers the same', () => {
    const update = { slipNumber: 'A-1', deliveryCompanyCode: 'SAGAWA' as const, shippingStatus: 'Shipped' as const };
    const once = applyShippingUpdate(newOrder('s', '1', false, created), update, later);
    const twice = applyShippingUpdate(once, update, later + 5_000);
    expect(orderShipping(twice)).toEqual(orderShipping(once));
  });

  it('reads a cancelled order as Cancelled', () => {
    expect(orderShipping(newOrder('s', '1', true, created)).orderStatus).toBe('Cancelled');
  });
});
