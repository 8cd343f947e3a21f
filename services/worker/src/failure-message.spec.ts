import { describe, expect, it } from 'vitest';
import { PERMANENT_REASON_DESCRIPTIONS } from '@shopserve-sync/shopserve-client';
import { API_OPTION_OFF, exhaustedMessage, failureMessage, refusedEarlierSaid } from './failure-message.ts';

const order = { shopId: 'shop-001', orderNumber: '10000042' };

describe('failure messages', () => {
  it('name the reason, the order, what ShopServe said and what to do', () => {
    const message = failureMessage(
      order,
      'order_cancelled',
      'The order is cancelled on ShopServe (ShopServe: 409 ORDER_CANCELLED: キャンセル)',
    );
    expect(message).toBe(
      `order_cancelled: order 10000042 of shop shop-001 was not updated on ShopServe. The order is cancelled on ShopServe (ShopServe: 409 ORDER_CANCELLED: キャンセル). ${PERMANENT_REASON_DESCRIPTIONS.order_cancelled}`,
    );
  });

  it('after the last attempt say how often it was tried and that nothing is lost', () => {
    const message = exhaustedMessage(order, 14, 'ShopServe did not answer in time');
    expect(message).toMatch(/^retries_exhausted: order 10000042 of shop shop-001/);
    expect(message).toContain('Gave up after 14 attempts; the last: ShopServe did not answer in time.');
    expect(message).toContain('next export run sends the order again');
  });

  it('use their own advice where given', () => {
    expect(failureMessage(order, API_OPTION_OFF.reason, API_OPTION_OFF.said, API_OPTION_OFF.advice)).toContain(
      API_OPTION_OFF.advice,
    );
  });

  it('tell the shop’s other orders that no call was made', () => {
    expect(refusedEarlierSaid('ShopServe refused the shop ID or manager auth key (ShopServe: 401 UNAUTHORIZED).')).toBe(
      "Not sent: ShopServe already refused this shop's current settings (ShopServe refused the shop ID or manager auth key (ShopServe: 401 UNAUTHORIZED))",
    );
  });
});
