import { CARRIER_ALIASES } from './carrier-aliases.ts';
import { DASH_LOOK_ALIKES } from './dash-look-alikes.ts';
import { DELIVERY_COMPANY_CODES, type DeliveryCompanyCode } from './delivery-company.ts';

/** 株式会社, (株) and ㈱ (NFKC makes both of the latter "(株)") and their 有限/合同 kin. */
const COMPANY_DESIGNATOR = /\((?:株|有|合)\)|株式会社|有限会社|合同会社/gu;
const HIRAGANA = /[\u3041-\u3096]/gu;
const HIRAGANA_TO_KATAKANA = 0x60;
/** A hyphen written after katakana stands for the prolonged sound mark (セイノ－ → セイノー). */
const DASH_AFTER_KATAKANA = new RegExp(`(?<=\\p{Script=Katakana})[-${DASH_LOOK_ALIKES.join('')}]`, 'gu');
const WORD_SEPARATOR = /[^\p{L}\p{N}]+/u;
/** Trailing English company words, dropped so that "Sagawa Express Co., Ltd." is "sagawaexpress". */
const COMPANY_SUFFIX_WORDS: ReadonlySet<string> = new Set([
  'co',
  'ltd',
  'limited',
  'inc',
  'corp',
  'corporation',
  'company',
  'kk',
  'llc',
]);
/** Where operators join two wordings of one carrier: "ヤマト運輸（宅急便）", "日本郵便/ゆうパケット". */
const SEGMENT_SEPARATOR = /[()[\]{}<>「」『』【】〔〕〈〉《》/|,、・+&]+/u;

function prepare(raw: string): string {
  return raw.normalize('NFKC').replace(COMPANY_DESIGNATOR, ' ');
}

function keyOfPrepared(prepared: string): string {
  const folded = prepared
    .toLowerCase()
    .replace(HIRAGANA, (kana) => String.fromCodePoint((kana.codePointAt(0) ?? 0) + HIRAGANA_TO_KATAKANA))
    .replace(DASH_AFTER_KATAKANA, 'ー');
  const words = folded.split(WORD_SEPARATOR).filter((word) => word !== '');
  while (words.length > 1 && COMPANY_SUFFIX_WORDS.has(words.at(-1) ?? '')) words.pop();
  return words.join('');
}

/**
 * The form carrier names are compared in: NFKC, lower case, hiragana as katakana, without
 * spaces, punctuation or company designators. Empty when nothing is left.
 */
export function carrierKey(raw: string): string {
  return keyOfPrepared(prepare(raw));
}

function buildIndex(): ReadonlyMap<string, DeliveryCompanyCode> {
  const index = new Map<string, DeliveryCompanyCode>();
  for (const code of DELIVERY_COMPANY_CODES) {
    for (const alias of CARRIER_ALIASES[code]) {
      const key = carrierKey(alias);
      const taken = index.get(key);
      if (taken !== undefined && taken !== code) {
        throw new Error(`carrier alias "${alias}" is listed for both ${taken} and ${code}`);
      }
      index.set(key, code);
    }
  }
  return index;
}

const ALIAS_INDEX = buildIndex();

/**
 * The ShopServe carrier code for a carrier as operators wrote it, or `undefined` when it is
 * empty or not a listed wording. Never a guess: no partial or fuzzy matching. A name made of
 * several listed wordings ("ヤマト運輸（宅急便）") maps only when all of them name one carrier.
 */
export function mapCarrier(raw: string | null | undefined): DeliveryCompanyCode | undefined {
  if (raw === null || raw === undefined) return undefined;
  const prepared = prepare(raw);
  const whole = keyOfPrepared(prepared);
  if (whole === '') return undefined;
  const direct = ALIAS_INDEX.get(whole);
  if (direct !== undefined) return direct;

  const segments = prepared
    .split(SEGMENT_SEPARATOR)
    .map(keyOfPrepared)
    .filter((key) => key !== '');
  if (segments.length < 2) return undefined;
  const codes = new Set(segments.map((key) => ALIAS_INDEX.get(key)));
  if (codes.size !== 1) return undefined;
  const [only] = codes;
  return only;
}
