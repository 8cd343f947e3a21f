import { describe, expect, it, vi } from 'vitest';
import { decideShippingUpdate, isRealCalendarDate } from './shipping-update.rules.ts';

const active = { cancelled: false };
const cancelled = { cancelled: true };
const full = {
  shippingStatus: 'Shipped',
  deliveryCompanyCode: 'YAMATO',
  slipNumber: '1234-5678-9012',
  scheduledShipDate: '2026-11-28',
};

/** `order` null: the order does not exist. */
function codeOf(body: unknown, order: { cancelled: boolean } | null = active): string {
  const decision = decideShippingUpdate(body, () => order ?? undefined);
  return decision.ok ? 'OK' : decision.error.code;
}

function detailsOf(body: unknown) {
  const decision = decideShippingUpdate(body, () => active);
  return decision.ok ? [] : (decision.error.details ?? []);
}

describe('isRealCalendarDate', () => {
  it.each([
    ['2026-11-28', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2100-02-29', false],
    ['2000-02-29', true],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-1-1', false],
  ])('%s → %s', (date, real) => {
    expect(isRealCalendarDate(date)).toBe(real);
  });
});

describe('updateShipping rule 1: the body matches ShippingUpdate', () => {
  it.each([
    ['an unknown field', { ...full, note: 'x' }, [{ field: 'note', message: 'unknown field' }]],
    ['an empty object', {}, [{ field: 'body', message: 'at least one field is required' }]],
    ['an array', [full], [{ field: 'body', message: 'expected a JSON object' }]],
    ['null', null, [{ field: 'body', message: 'expected a JSON object' }]],
    ['a number for slipNumber', { slipNumber: 123 }, [{ field: 'slipNumber', message: 'expected a string' }]],
    ['null for slipNumber', { slipNumber: null }, [{ field: 'slipNumber', message: 'expected a string' }]],
    [
      'a number for the carrier',
      { slipNumber: '1', deliveryCompanyCode: 7 },
      [{ field: 'deliveryCompanyCode', message: 'expected a string' }],
    ],
    [
      '"Unshipped"',
      { slipNumber: '1', shippingStatus: 'Unshipped' },
      [{ field: 'shippingStatus', message: 'expected "Shipped"' }],
    ],
    [
      'an empty slip number',
      { slipNumber: '' },
      [{ field: 'slipNumber', message: 'expected 1-40 ASCII letters, digits or hyphens' }],
    ],
    [
      'a full-width slip number',
      { slipNumber: '１２３４' },
      [{ field: 'slipNumber', message: 'expected 1-40 ASCII letters, digits or hyphens' }],
    ],
    [
      'a slip number with a space',
      { slipNumber: '1234 5678' },
      [{ field: 'slipNumber', message: 'expected 1-40 ASCII letters, digits or hyphens' }],
    ],
    [
      'a 41-character slip number',
      { slipNumber: '1'.repeat(41) },
      [{ field: 'slipNumber', message: 'expected 1-40 ASCII letters, digits or hyphens' }],
    ],
    [
      'a date with slashes',
      { slipNumber: '1', scheduledShipDate: '2026/11/28' },
      [{ field: 'scheduledShipDate', message: 'expected a date YYYY-MM-DD' }],
    ],
    [
      'a date that does not exist',
      { slipNumber: '1', scheduledShipDate: '2026-02-30' },
      [{ field: 'scheduledShipDate', message: 'expected a real calendar date' }],
    ],
  ])('refuses %s with details', (_what, body, details) => {
    expect(codeOf(body)).toBe('VALIDATION_ERROR');
    expect(detailsOf(body)).toEqual(details);
  });

  it('names every wrong field at once', () => {
    const fields = detailsOf({ slipNumber: 5, scheduledShipDate: '2026-02-30', extra: true }).map((d) => d.field);
    expect(fields.sort()).toEqual(['extra', 'scheduledShipDate', 'slipNumber']);
  });

  it('leaves a carrier code outside the list to rule 3', () => {
    expect(codeOf({ slipNumber: '1', deliveryCompanyCode: 'KURONEKO' })).toBe('UNKNOWN_DELIVERY_COMPANY');
    expect(codeOf({ slipNumber: '1', deliveryCompanyCode: '' })).toBe('UNKNOWN_DELIVERY_COMPANY');
  });

  it('does not look the order up for an invalid body', () => {
    const findOrder = vi.fn(() => active);
    decideShippingUpdate({ bogus: 1 }, findOrder);
    expect(findOrder).not.toHaveBeenCalled();
  });
});

describe('updateShipping rules 2-5, in order', () => {
  it('accepts a complete update', () => {
    const decision = decideShippingUpdate(full, () => active);
    expect(decision).toEqual({ ok: true, update: full, order: active });
  });

  it.each([
    ['rule 2: an unknown order', { ...full, deliveryCompanyCode: 'NOPE' }, null, 'ORDER_NOT_FOUND'],
    ['rule 2: a cancelled order', { shippingStatus: 'Shipped' }, cancelled, 'ORDER_CANCELLED'],
    [
      'rule 3: an unknown carrier without a slip number',
      { deliveryCompanyCode: 'NOPE', shippingStatus: 'Shipped' },
      active,
      'UNKNOWN_DELIVERY_COMPANY',
    ],
    [
      'rule 4: no slip number, "Shipped" without carrier',
      { shippingStatus: 'Shipped' },
      active,
      'SLIP_NUMBER_REQUIRED',
    ],
    [
      'rule 4: a carrier and a date without a slip number',
      { deliveryCompanyCode: 'SAGAWA', scheduledShipDate: '2026-11-28' },
      active,
      'SLIP_NUMBER_REQUIRED',
    ],
    [
      'rule 5: "Shipped" without carrier',
      { shippingStatus: 'Shipped', slipNumber: 'A-1' },
      active,
      'DELIVERY_COMPANY_REQUIRED',
    ],
  ])('%s → the earliest broken rule', (_what, body, order, code) => {
    expect(codeOf(body, order)).toBe(code);
  });

  it('accepts a slip number alone, or with a carrier and no status', () => {
    expect(codeOf({ slipNumber: 'A-1' })).toBe('OK');
    expect(codeOf({ slipNumber: 'A-1', deliveryCompanyCode: 'JAPANPOST' })).toBe('OK');
  });
});
