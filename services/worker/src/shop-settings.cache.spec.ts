import { describe, expect, it } from 'vitest';
import type { ShopCredentials } from '@shopserve-sync/db';
import { createShopSettingsCache } from './shop-settings.cache.ts';

function settings(revision: number): ShopCredentials {
  return { shopId: 's', shopserveShopId: 'ss', authKey: 'k', orderApiEnabled: true, revision, authFailure: null };
}

describe('shop settings cache', () => {
  it('reads once for jobs asking together, again after its time, and at once when asked fresh', async () => {
    let clock = 0;
    let reads = 0;
    const cache = createShopSettingsCache(
      () => {
        reads += 1;
        return Promise.resolve(settings(reads));
      },
      5_000,
      () => clock,
    );
    const [a, b] = await Promise.all([cache.get('s'), cache.get('s')]);
    expect([a?.revision, b?.revision, reads]).toEqual([1, 1, 1]);
    clock = 4_999;
    expect((await cache.get('s'))?.revision).toBe(1);
    clock = 5_000;
    expect((await cache.get('s'))?.revision).toBe(2);
    expect((await cache.get('s', { fresh: true }))?.revision).toBe(3);
    expect((await cache.get('s'))?.revision).toBe(3);
  });

  it('does not keep a failed read', async () => {
    let fail = true;
    const cache = createShopSettingsCache(
      () => (fail ? Promise.reject(new Error('db away')) : Promise.resolve(settings(1))),
      5_000,
    );
    await expect(cache.get('s')).rejects.toThrow('db away');
    fail = false;
    expect((await cache.get('s'))?.revision).toBe(1);
  });

  it('remembers an auth failure for its revision only', () => {
    const cache = createShopSettingsCache(() => Promise.resolve(null), 5_000);
    cache.rememberAuthFailure('s', 3, { reason: 'unauthorized', message: '401' });
    expect(cache.authFailure('s', 3)).toEqual({ reason: 'unauthorized', message: '401' });
    expect(cache.authFailure('s', 4)).toBeUndefined();
    expect(cache.authFailure('t', 3)).toBeUndefined();
  });
});
