import { describe, expect, it } from 'vitest';
import { authenticate, readBasicCredentials } from './basic-auth.ts';

const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;
const shops = new Map([
  ['shop1', { authKey: 'key-1', contracted: true }],
  ['shop2', { authKey: 'key-2', contracted: false }],
]);

describe('readBasicCredentials', () => {
  it('splits user and password at the first colon', () => {
    expect(readBasicCredentials(basic('shop1:a:b'))).toEqual({ shopId: 'shop1', authKey: 'a:b' });
    expect(readBasicCredentials(`basic ${Buffer.from('s:k').toString('base64')}`)).toEqual({
      shopId: 's',
      authKey: 'k',
    });
  });

  it.each([undefined, '', 'Bearer abc', 'Basic', 'Basic !!!', basic('no-colon'), basic(':key-only')])(
    'reads nothing from %j',
    (header) => {
      expect(readBasicCredentials(header)).toBeUndefined();
    },
  );
});

describe('authenticate', () => {
  it("needs a listed shop's own key", () => {
    expect(authenticate({ shopId: 'shop1', authKey: 'key-1' }, shops, false)).toEqual({
      ok: true,
      shopId: 'shop1',
      contracted: true,
    });
    expect(authenticate({ shopId: 'shop1', authKey: 'key-2' }, shops, true)).toEqual({ ok: false });
    expect(authenticate({ shopId: 'shop2', authKey: 'key-2' }, shops, false)).toEqual({
      ok: true,
      shopId: 'shop2',
      contracted: false,
    });
  });

  it('takes an unlisted shop at its word only in lenient mode, and never with an empty key', () => {
    expect(authenticate({ shopId: 'other', authKey: 'x' }, shops, false)).toEqual({ ok: false });
    expect(authenticate({ shopId: 'other', authKey: 'x' }, shops, true)).toEqual({
      ok: true,
      shopId: 'other',
      contracted: true,
    });
    expect(authenticate({ shopId: 'other', authKey: '' }, shops, true)).toEqual({ ok: false });
    expect(authenticate(undefined, shops, true)).toEqual({ ok: false });
  });
});
