import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARRIER_ALIASES } from './carrier-aliases.ts';
import { DELIVERY_COMPANY_CODES } from './delivery-company.ts';
import { buildShippingUpdate, type ShippingSource } from './shipping-update.builder.ts';
import { ShippingUpdate, SLIP_NUMBER_PATTERN } from './shipping-update.ts';
import { typedSlipNumber } from './test-arbitraries.ts';

const order = (fields: Partial<ShippingSource>): ShippingSource => ({
  carrier: null,
  tracking_number: null,
  shipped_on: null,
  ...fields,
});

describe('buildShippingUpdate', () => {
  it('sends every field, in the contract order, when the order has them all', () => {
    const result = buildShippingUpdate(
      order({ carrier: 'ヤマト運輸', tracking_number: '１２３４－５６７８－９０１２', shipped_on: '2026-11-28' }),
    );
    expect(result).toEqual({
      kind: 'send',
      update: {
        shippingStatus: 'Shipped',
        deliveryCompanyCode: 'YAMATO',
        slipNumber: '1234-5678-9012',
        scheduledShipDate: '2026-11-28',
      },
    });
    expect(result.kind === 'send' && Object.keys(result.update)).toEqual([
      'shippingStatus',
      'deliveryCompanyCode',
      'slipNumber',
      'scheduledShipDate',
    ]);
  });

  it('marks the order shipped exactly when there is a slip number', () => {
    expect(buildShippingUpdate(order({ tracking_number: 'A-1' }))).toEqual({
      kind: 'send',
      update: { shippingStatus: 'Shipped', slipNumber: 'A-1' },
    });
    expect(buildShippingUpdate(order({ carrier: '佐川急便', tracking_number: '  ' }))).toEqual({
      kind: 'send',
      update: { deliveryCompanyCode: 'SAGAWA' },
    });
  });

  it('leaves out each field whose source is empty', () => {
    expect(buildShippingUpdate(order({ shipped_on: '2026-02-28' }))).toEqual({
      kind: 'send',
      update: { scheduledShipDate: '2026-02-28' },
    });
    expect(buildShippingUpdate(order({ carrier: '', tracking_number: '', shipped_on: '2026-02-28' }))).toEqual({
      kind: 'send',
      update: { scheduledShipDate: '2026-02-28' },
    });
    expect(buildShippingUpdate(order({ carrier: '\u3000', tracking_number: '123' }))).toEqual({
      kind: 'send',
      update: { shippingStatus: 'Shipped', slipNumber: '123' },
    });
  });

  it.each([
    order({}),
    order({ carrier: '', tracking_number: '' }),
    order({ carrier: ' ', tracking_number: '\u3000', shipped_on: null }),
  ])('ends as tracking_number_missing without a call when there is nothing to send (%j)', (source) => {
    expect(buildShippingUpdate(source)).toMatchObject({ kind: 'outcome', outcome: 'tracking_number_missing' });
  });

  it('refuses an unknown carrier without a call, naming it', () => {
    const result = buildShippingUpdate(order({ carrier: '黒豹便', tracking_number: '1234' }));
    expect(result).toMatchObject({ kind: 'outcome', outcome: 'unknown_carrier' });
    expect(result.kind === 'outcome' && result.message).toContain('黒豹便');
  });

  it.each([
    ['1234〜5678', null],
    ['伝票1234', null],
    ['1234#5678', null],
    ['1'.repeat(41), null],
    ['1234', '2026-02-30'],
    ['1234', '2026/11/28'],
    ['1234', '28.11.2026'],
  ])('refuses what ShopServe cannot take as invalid_data: %j, %j', (tracking, shipped) => {
    expect(
      buildShippingUpdate(order({ carrier: 'ヤマト', tracking_number: tracking, shipped_on: shipped })),
    ).toMatchObject({
      kind: 'outcome',
      outcome: 'invalid_data',
    });
  });

  it('takes a slip number of exactly 40 characters', () => {
    expect(buildShippingUpdate(order({ tracking_number: '１'.repeat(40) }))).toMatchObject({ kind: 'send' });
  });

  it('only ever sends a valid update, with only [0-9A-Za-z-] in the slip number', () => {
    const alias = fc.constantFrom(...DELIVERY_COMPANY_CODES.flatMap((code) => CARRIER_ALIASES[code]));
    const source = fc.record({
      carrier: fc.option(fc.oneof(alias, fc.string({ unit: 'grapheme', maxLength: 10 }))),
      tracking_number: fc.option(
        fc.oneof(
          typedSlipNumber.map(({ typed }) => typed),
          fc.string({ unit: 'grapheme', maxLength: 45 }),
          fc.string({ unit: 'binary', maxLength: 45 }),
        ),
      ),
      shipped_on: fc.option(
        fc.oneof(
          fc
            .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
            .map((date) => date.toISOString().slice(0, 10)),
          fc.string({ maxLength: 12 }),
        ),
      ),
    });
    fc.assert(
      fc.property(source, (input) => {
        const result = buildShippingUpdate(input);
        if (result.kind === 'outcome') return;
        const { update } = result;
        expect(ShippingUpdate.safeParse(update).success).toBe(true);
        if (update.slipNumber !== undefined) expect(update.slipNumber).toMatch(SLIP_NUMBER_PATTERN);
        expect(update.shippingStatus === 'Shipped').toBe(update.slipNumber !== undefined);
        expect(JSON.stringify(update)).not.toMatch(/[^\x20-\x7e]/u);
      }),
      { numRuns: 1000 },
    );
  });

  it('sends the slip number an operator meant, however it was typed', () => {
    fc.assert(
      fc.property(typedSlipNumber, ({ slip, typed }) => {
        expect(buildShippingUpdate(order({ tracking_number: typed }))).toEqual({
          kind: 'send',
          update: { shippingStatus: 'Shipped', slipNumber: slip },
        });
      }),
    );
  });
});
