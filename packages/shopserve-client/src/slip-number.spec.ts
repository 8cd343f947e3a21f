import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SLIP_NUMBER_PATTERN } from './shipping-update.ts';
import { normalizeSlipNumber } from './slip-number.ts';
import { SPACES, typedSlipNumber } from './test-arbitraries.ts';

describe('normalizeSlipNumber', () => {
  it.each([
    ['１２３４－５６７８－９０１２', '1234-5678-9012'],
    ['1234ー5678', '1234-5678'],
    ['1234―5678‐9012−3456', '1234-5678-9012-3456'],
    ['ＡＢ１２３ｰ４', 'AB123-4'],
    [' 1234 5678 ', '12345678'],
    ['\u30001234\u3000\u30005678\u3000', '12345678'],
    ['12\u200b34\u00ad56', '123456'],
    ['1234–5678—9012', '1234-5678-9012'],
    ['abc-DEF', 'abc-DEF'],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeSlipNumber(raw)).toBe(expected);
  });

  it.each([null, undefined, '', '   ', '\u3000\u3000', '\u200b'])('%j has no slip number', (raw) => {
    expect(normalizeSlipNumber(raw)).toBeUndefined();
  });

  it('leaves characters it cannot read as a slip number for the caller to refuse', () => {
    expect(normalizeSlipNumber('1234〜5678')).toBe('1234〜5678');
    expect(normalizeSlipNumber('伝票1234')).toBe('伝票1234');
  });

  it('turns any full-width, spaced or dashed typing of a slip number into that slip number', () => {
    fc.assert(
      fc.property(typedSlipNumber, ({ slip, typed }) => {
        expect(normalizeSlipNumber(typed)).toBe(slip);
      }),
      { numRuns: 500 },
    );
  });

  it('never leaves whitespace, and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.constantFrom(...SPACES), (text, space) => {
        const normalized = normalizeSlipNumber(`${space}${text}${space}`);
        if (normalized === undefined) return;
        expect(normalized).not.toMatch(/\s/u);
        expect(normalizeSlipNumber(normalized)).toBe(normalized);
      }),
    );
  });

  it('gives a slip number ShopServe accepts whenever the typed one was valid', () => {
    fc.assert(
      fc.property(typedSlipNumber, ({ typed }) => {
        expect(normalizeSlipNumber(typed)).toMatch(SLIP_NUMBER_PATTERN);
      }),
    );
  });
});
