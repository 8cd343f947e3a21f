import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basicCredentials } from './basic-auth.ts';
import { bearerToken } from './bearer-auth.ts';
import { constantTimeEquals } from './constant-time-equals.ts';

describe('constantTimeEquals', () => {
  it('is string equality, whatever the lengths', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(constantTimeEquals(a, b)).toBe(a === b);
        expect(constantTimeEquals(a, a)).toBe(true);
      }),
    );
  });
});

describe('bearerToken', () => {
  it('reads the token of a Bearer header only', () => {
    expect(bearerToken('Bearer abc.def-1')).toBe('abc.def-1');
    expect(bearerToken('bearer abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken('Bearer')).toBeUndefined();
    expect(bearerToken('Bearer a b')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});

describe('basicCredentials', () => {
  const header = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;

  it('splits at the first colon, so a password may hold colons', () => {
    expect(basicCredentials(header('user:pa:ss'))).toEqual({ username: 'user', password: 'pa:ss' });
    expect(basicCredentials(header('ユーザー:パス'))).toEqual({ username: 'ユーザー', password: 'パス' });
  });

  it('refuses anything else', () => {
    expect(basicCredentials(header('no-colon'))).toBeUndefined();
    expect(basicCredentials('Bearer x')).toBeUndefined();
    expect(basicCredentials('Basic !!!')).toBeUndefined();
    expect(basicCredentials(undefined)).toBeUndefined();
  });
});
