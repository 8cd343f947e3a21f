import fc from 'fast-check';
import { DASH_LOOK_ALIKES } from './dash-look-alikes.ts';

/** Test-only generators shared by the specs. */

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const FULL_WIDTH_OFFSET = 0xfee0;

export const SPACES = [' ', '\u3000', '\t', '\u00a0', '\u200b', '\n'] as const;

/** A slip number ShopServe accepts. */
export const validSlipNumber = fc
  .array(fc.constantFrom(...Array.from(ALNUM + ALNUM), '-'), { minLength: 1, maxLength: 40 })
  .map((chars) => chars.join(''));

export function fullWidth(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return code > 0x20 && code < 0x7f ? String.fromCodePoint(code + FULL_WIDTH_OFFSET) : char;
}

const optionalSpace = fc.constantFrom('', '', '', ...SPACES);

/** One character of a slip number as an operator might have typed it. */
function typedForm(char: string): fc.Arbitrary<string> {
  const forms = char === '-' ? ['-', ...DASH_LOOK_ALIKES] : [char, fullWidth(char)];
  return fc.tuple(optionalSpace, fc.constantFrom(...forms), optionalSpace).map((parts) => parts.join(''));
}

/** A valid slip number and a way an operator might have typed it. */
export const typedSlipNumber = validSlipNumber.chain((slip) =>
  fc.tuple(...Array.from(slip).map(typedForm)).map((parts) => ({ slip, typed: parts.join('') })),
);
