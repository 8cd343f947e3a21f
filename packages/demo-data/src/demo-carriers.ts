import type { Random } from './random.ts';

/**
 * Carrier names as operators type them into the OMS, by the ShopServe carrier code each one
 * means (the contract's `DeliveryCompanyCode`): official names, short and colloquial names,
 * service names, full-width Latin, and stray ASCII or full-width spaces. Weights follow how often
 * Japanese shops use each carrier.
 */
export const DEMO_CARRIER_SPELLINGS = {
  YAMATO: [
    { carrier: 'ヤマト運輸', weight: 30 },
    { carrier: 'ヤマト', weight: 6 },
    { carrier: 'クロネコヤマト', weight: 4 },
    { carrier: '宅急便', weight: 3 },
    { carrier: 'ＹＡＭＡＴＯ', weight: 1 },
    { carrier: ' ヤマト運輸', weight: 1 },
    { carrier: 'ヤマト運輸\u3000', weight: 1 },
  ],
  SAGAWA: [
    { carrier: '佐川急便', weight: 18 },
    { carrier: '佐川', weight: 4 },
    { carrier: '佐川急便 ', weight: 1 },
  ],
  JAPANPOST: [
    { carrier: '日本郵便', weight: 8 },
    { carrier: 'ゆうパック', weight: 8 },
    { carrier: 'ゆうパケット', weight: 5 },
    { carrier: '郵便', weight: 2 },
    { carrier: '\u3000ゆうパック', weight: 1 },
  ],
  SEINO: [{ carrier: '西濃運輸', weight: 3 }],
  FUKUYAMA: [{ carrier: '福山通運', weight: 2 }],
  ECOHAI: [{ carrier: 'エコ配', weight: 1 }],
  TONAMI: [{ carrier: 'トナミ運輸', weight: 1 }],
  KANGAROO: [{ carrier: '西濃カンガルー便', weight: 1 }],
} as const;

export type DemoCarrierCode = keyof typeof DEMO_CARRIER_SPELLINGS;

/** The one carrier name in the demo that maps to no ShopServe code: those orders must fail as `unknown_carrier`. */
export const DEMO_UNKNOWN_CARRIER = 'ドローン宅配便';

export interface CarrierSpelling {
  carrier: string;
  /** `null` for {@link DEMO_UNKNOWN_CARRIER}. */
  code: DemoCarrierCode | null;
  weight: number;
}

export const CARRIER_SPELLINGS: readonly CarrierSpelling[] = [
  ...Object.entries(DEMO_CARRIER_SPELLINGS).flatMap(([code, spellings]) =>
    spellings.map((spelling) => ({ ...spelling, code: code as DemoCarrierCode })),
  ),
  { carrier: DEMO_UNKNOWN_CARRIER, code: null, weight: 0.5 },
];

export function spellingOf(carrier: string): CarrierSpelling {
  const spelling = CARRIER_SPELLINGS.find((candidate) => candidate.carrier === carrier);
  if (spelling === undefined) throw new RangeError(`not a demo carrier: ${carrier}`);
  return spelling;
}

/** Yamato's and Sagawa's last digit checks the first eleven: their value modulo 7. */
function withMod7CheckDigit(random: Random): string {
  const body = String(random.int(1, 9)) + random.digits(10);
  return body + String(Number(BigInt(body) % 7n));
}

function groupsOfFour(digits: string): string {
  return digits.replace(/(\d{4})(?=\d)/g, '$1-');
}

/** A tracking number in the carrier's own format, written as its label prints it. */
export function trackingNumberFor(code: DemoCarrierCode | null, random: Random): string {
  switch (code) {
    case 'YAMATO': {
      const number = withMod7CheckDigit(random);
      return random.chance(0.6) ? groupsOfFour(number) : number;
    }
    case 'SAGAWA': {
      const number = withMod7CheckDigit(random);
      return random.chance(0.15) ? groupsOfFour(number) : number;
    }
    case 'JAPANPOST': {
      const number = random.digits(random.pick([11, 12, 12, 12, 13]));
      return number.length === 12 && random.chance(0.5) ? groupsOfFour(number) : number;
    }
    case 'SEINO':
    case 'KANGAROO':
      return random.digits(10);
    case 'FUKUYAMA':
    case 'TONAMI':
      return random.digits(random.pick([10, 12]));
    case 'ECOHAI':
      return random.digits(12);
    case null:
      return `DRN-${random.digits(8)}`;
  }
}

/** Dash look-alikes operators paste instead of `-` (katakana ー, full-width －, ‐ hyphen, − minus, ― bar). */
export const DASH_LOOK_ALIKES = ['ー', '－', '‐', '−', '―'] as const;

/** ASCII to its full-width form (`1` → `１`, `-` → `－`), as a Japanese IME types it. */
export function toFullWidth(text: string): string {
  return text.replace(/[!-~]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0));
}

/** Written in groups of four (`1234-5678-9012`) unless it already has hyphens. */
export function hyphenated(number: string): string {
  return number.includes('-') ? number : groupsOfFour(number);
}

/** Ways an operator's tracking number differs from the printed one; the export must normalise them all. */
export const TRACKING_WRITINGS = {
  asPrinted: (number: string) => number,
  fullWidth: (number: string) => toFullWidth(number),
  dashLookAlike: (number: string, random: Random) => hyphenated(number).replaceAll('-', random.pick(DASH_LOOK_ALIKES)),
  spacesBetweenGroups: (number: string) => hyphenated(number).replaceAll('-', ' '),
  surroundingSpaces: (number: string) => ` ${number} `,
} as const satisfies Record<string, (number: string, random: Random) => string>;

export type TrackingWriting = keyof typeof TRACKING_WRITINGS;

export const TRACKING_WRITING_WEIGHTS: readonly { writing: TrackingWriting; weight: number }[] = [
  { writing: 'asPrinted', weight: 88 },
  { writing: 'fullWidth', weight: 4 },
  { writing: 'dashLookAlike', weight: 4 },
  { writing: 'spacesBetweenGroups', weight: 2 },
  { writing: 'surroundingSpaces', weight: 2 },
];
