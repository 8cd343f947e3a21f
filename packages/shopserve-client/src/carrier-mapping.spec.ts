import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARRIER_ALIASES } from './carrier-aliases.ts';
import { carrierKey, mapCarrier } from './carrier-mapping.ts';
import { DELIVERY_COMPANY_CODES, type DeliveryCompanyCode } from './delivery-company.ts';
import { fullWidth } from './test-arbitraries.ts';

const everyAlias = DELIVERY_COMPANY_CODES.flatMap((code) => CARRIER_ALIASES[code].map((alias) => ({ code, alias })));
const aliasKeys = new Set(everyAlias.map(({ alias }) => carrierKey(alias)));

const KATAKANA_TO_HIRAGANA = 0x60;

/** One character as operators might also type it: other case, full width, hiragana for katakana. */
function variantsOf(char: string): string[] {
  const code = char.codePointAt(0) ?? 0;
  const variants = [char, char.toUpperCase(), char.toLowerCase(), fullWidth(char), fullWidth(char.toUpperCase())];
  if (code >= 0x30a1 && code <= 0x30f6) variants.push(String.fromCodePoint(code - KATAKANA_TO_HIRAGANA));
  return variants;
}

const decorated = (alias: string) =>
  fc
    .tuple(
      fc.tuple(...Array.from(alias).map((char) => fc.constantFrom(...variantsOf(char)))),
      fc.constantFrom('', '株式会社', '（株）', '㈱', '(株) ', ' '),
      fc.constantFrom('', '株式会社', '（株）', ' ', '\u3000', /^[A-Za-z -]+$/u.test(alias) ? ' Co., Ltd.' : ''),
    )
    .map(([chars, before, after]) => `${before}${chars.join('')}${after}`);

describe('mapCarrier', () => {
  it.each([
    ['ヤマト運輸', 'YAMATO'],
    ['ヤマト', 'YAMATO'],
    ['クロネコヤマト', 'YAMATO'],
    ['クロネコ', 'YAMATO'],
    ['宅急便', 'YAMATO'],
    ['ネコポス', 'YAMATO'],
    ['yamato', 'YAMATO'],
    ['YAMATO TRANSPORT', 'YAMATO'],
    ['ﾔﾏﾄ運輸', 'YAMATO'],
    ['ヤマト運輸株式会社', 'YAMATO'],
    ['ヤマト運輸（株）', 'YAMATO'],
    ['ヤマト運輸（宅急便）', 'YAMATO'],
    ['佐川急便', 'SAGAWA'],
    ['佐川', 'SAGAWA'],
    ['飛脚宅配便', 'SAGAWA'],
    ['sagawa', 'SAGAWA'],
    ['Sagawa Express Co., Ltd.', 'SAGAWA'],
    ['日本郵便', 'JAPANPOST'],
    ['郵便', 'JAPANPOST'],
    ['ゆうパック', 'JAPANPOST'],
    ['ゆうパケット', 'JAPANPOST'],
    ['ゆうメール', 'JAPANPOST'],
    ['郵便局', 'JAPANPOST'],
    ['レターパック', 'JAPANPOST'],
    ['クリックポスト', 'JAPANPOST'],
    ['japanpost', 'JAPANPOST'],
    ['japan post', 'JAPANPOST'],
    ['日本郵便株式会社', 'JAPANPOST'],
    ['日本郵便（ゆうパック）', 'JAPANPOST'],
    ['西濃運輸', 'SEINO'],
    ['西濃', 'SEINO'],
    ['セイノー', 'SEINO'],
    ['ｾｲﾉｰ', 'SEINO'],
    ['セイノ－', 'SEINO'],
    ['seino', 'SEINO'],
    ['福山通運', 'FUKUYAMA'],
    ['福山', 'FUKUYAMA'],
    ['fukuyama', 'FUKUYAMA'],
    ['エコ配', 'ECOHAI'],
    ['ecohai', 'ECOHAI'],
    ['トナミ運輸', 'TONAMI'],
    ['トナミ', 'TONAMI'],
    ['tonami', 'TONAMI'],
    ['西濃カンガルー便', 'KANGAROO'],
    ['カンガルー便', 'KANGAROO'],
    ['カンガルー', 'KANGAROO'],
    ['ｶﾝｶﾞﾙｰ便', 'KANGAROO'],
    ['西濃（カンガルー便）', 'KANGAROO'],
    ['西濃/カンガルー', 'KANGAROO'],
    ['カンガルー便（西濃運輸）', 'KANGAROO'],
    ['kangaroo', 'KANGAROO'],
  ] satisfies [string, DeliveryCompanyCode][])('%s → %s', (raw, code) => {
    expect(mapCarrier(raw)).toBe(code);
  });

  it.each([
    null,
    undefined,
    '',
    '   ',
    '-',
    '（株）',
    'ヤマ',
    'ト',
    '佐',
    '急便',
    '運輸',
    'カンガ',
    'カンガルーヤマト',
    'ヤマト佐川',
    '佐川急便（ゆうパック）',
    'ヤマト運輸/佐川急便',
    'ヤマト/カンガルー',
    'クロネコ急便',
    'ヤマト運輸2',
    'DHL',
    'FedEx',
    'UPS',
    'yamat',
    'yamatoo',
    'その他',
    '自社配送',
  ])('%j maps to nothing', (raw) => {
    expect(mapCarrier(raw)).toBeUndefined();
  });

  it('never lists one wording under two carriers, and lists several for each', () => {
    const owner = new Map<string, DeliveryCompanyCode>();
    for (const { code, alias } of everyAlias) {
      const key = carrierKey(alias);
      expect(key, alias).not.toBe('');
      expect(owner.get(key) ?? code, alias).toBe(code);
      owner.set(key, code);
    }
    for (const code of DELIVERY_COMPANY_CODES) expect(CARRIER_ALIASES[code].length).toBeGreaterThanOrEqual(3);
  });

  it('maps every listed wording, whatever its case, width, kana or company designator', () => {
    const aliasArbitrary = fc.constantFrom(...everyAlias);
    fc.assert(
      fc.property(
        aliasArbitrary.chain(({ code, alias }) => decorated(alias).map((typed) => ({ code, typed }))),
        ({ code, typed }) => {
          expect(mapCarrier(typed), typed).toBe(code);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('maps a wording with more text around it to nothing unless that is itself a listed wording', () => {
    const extra = fc.string({
      unit: fc.constantFrom(...Array.from('アイウカキクサシスタチツ便急運輸郵abcdxyz0123')),
      minLength: 1,
      maxLength: 4,
    });
    fc.assert(
      fc.property(fc.constantFrom(...everyAlias), extra, fc.boolean(), ({ alias }, more, before) => {
        const typed = before ? `${more}${alias}` : `${alias}${more}`;
        fc.pre(!aliasKeys.has(carrierKey(typed)));
        expect(mapCarrier(typed), typed).toBeUndefined();
      }),
      { numRuns: 1000 },
    );
  });

  it('maps arbitrary text only when it is a listed wording', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 12 }), (text) => {
        const code = mapCarrier(text);
        if (code !== undefined) {
          const segments = text.normalize('NFKC').split(/[()[\]{}<>「」『』【】〔〕〈〉《》/|,、・+&]+/u);
          const listed = [carrierKey(text), ...segments.map(carrierKey)].some((key) => aliasKeys.has(key));
          expect(listed, text).toBe(true);
        }
      }),
    );
  });
});
