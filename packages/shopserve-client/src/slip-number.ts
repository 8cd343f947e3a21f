import { DASH_LOOK_ALIKE } from './dash-look-alikes.ts';

/** Whitespace of any kind, and invisible format characters (zero-width space, soft hyphen, BOM). */
const INVISIBLE = /[\s\p{Cf}]/gu;

/**
 * A tracking number as operators typed it → the slip number to send: NFKC (full-width digits,
 * letters and hyphens become ASCII), whitespace and invisible characters removed, dash
 * look-alikes (ー ― ‐ − － …) turned into '-'. `undefined` when nothing is left.
 *
 * The result is not checked against ShopServe's pattern: a tracking number with other
 * characters (e.g. '〜' or '#') comes back with them, for the caller to refuse.
 */
export function normalizeSlipNumber(raw: string | null | undefined): string | undefined {
  if (raw === null || raw === undefined) return undefined;
  const normalized = raw.normalize('NFKC').replace(INVISIBLE, '').replace(DASH_LOOK_ALIKE, '-');
  return normalized === '' ? undefined : normalized;
}
