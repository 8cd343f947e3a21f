/**
 * Characters operators type (or IMEs produce) where a hyphen is meant, as they stand after NFKC
 * (which already turns － ﹣ ‑ and the vertical dashes into one of these or into '-').
 * Deliberately absent: 〜 and ～ (a range "from–to" in Japanese, not a hyphen) and '_'.
 */
export const DASH_LOOK_ALIKES = [
  '\u2010', // ‐ hyphen
  '\u2011', // ‑ non-breaking hyphen
  '\u2012', // ‒ figure dash
  '\u2013', // – en dash
  '\u2014', // — em dash
  '\u2015', // ― horizontal bar
  '\u2043', // ⁃ hyphen bullet
  '\u2212', // − minus sign
  '\u02D7', // ˗ modifier letter minus
  '\u2E3A', // ⸺ two-em dash
  '\u2E3B', // ⸻ three-em dash
  '\uFE58', // ﹘ small em dash
  '\uFE63', // ﹣ small hyphen-minus
  '\uFF0D', // － full-width hyphen-minus
  '\u30FC', // ー katakana prolonged sound mark (what a Japanese IME types for '-')
  '\uFF70', // ｰ half-width prolonged sound mark
  '\u2500', // ─ box-drawing line, an IME candidate for 'ー'
  '\u2501', // ━ heavy box-drawing line
  '\u058A', // ֊ armenian hyphen
  '\u1806', // ᠆ mongolian todo soft hyphen
] as const;

/** Matches one dash look-alike (not the ASCII hyphen itself). */
export const DASH_LOOK_ALIKE = new RegExp(`[${DASH_LOOK_ALIKES.join('')}]`, 'gu');
