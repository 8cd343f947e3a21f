import { describe, expect, it } from 'vitest';
import { mergeSettings, parseSettings, publicSettings, SettingsError } from './sandbox-settings.ts';

describe('sandbox settings', () => {
  it('default to lenient, no rate limit, no latency, no faults, no maintenance', () => {
    expect(parseSettings({})).toEqual({
      shops: [],
      orders: [],
      lenient: true,
      rateLimit: null,
      latency: { fixedMs: 0, jitterMs: 0 },
      faults: { error500Rate: 0, error503Rate: 0, hangRate: 0, dropRate: 0 },
      maintenance: { mode: 'off', retryAfterSeconds: 60 },
      clock: { offsetMs: 0 },
      journalSize: 100_000,
    });
  });

  it('fill in what a shop, an order or a rate limit leaves out', () => {
    const settings = parseSettings({
      shops: [{ shopId: 's', authKey: 'k' }],
      orders: [{ shopId: 's', orderNumber: '1' }],
      rateLimit: { perSecond: 2.5 },
    });
    expect(settings.shops).toEqual([{ shopId: 's', authKey: 'k', contracted: true }]);
    expect(settings.orders).toEqual([{ shopId: 's', orderNumber: '1', cancelled: false }]);
    expect(settings.rateLimit).toEqual({ perSecond: 2.5, burst: 3 });
  });

  it('merge nested objects field by field and replace lists and the rate limit whole', () => {
    const base = parseSettings({ shops: [{ shopId: 'a', authKey: 'k' }], rateLimit: { perSecond: 1, burst: 1 } });
    const merged = mergeSettings(base, {
      faults: { error500Rate: 1 },
      rateLimit: { perSecond: 10 },
      shops: [{ shopId: 'b', authKey: 'k' }],
    });
    expect(merged.faults).toEqual({ error500Rate: 1, error503Rate: 0, hangRate: 0, dropRate: 0 });
    expect(merged.rateLimit).toEqual({ perSecond: 10, burst: 10 });
    expect(merged.shops.map((s) => s.shopId)).toEqual(['b']);
    expect(mergeSettings(merged, { rateLimit: null }).rateLimit).toBeNull();
  });

  it('refuse wrong values, naming each field', () => {
    const refusal = (patch: unknown) => {
      try {
        mergeSettings(parseSettings({}), patch);
      } catch (error) {
        expect(error).toBeInstanceOf(SettingsError);
        return (error as SettingsError).details.map((d) => d.field);
      }
      return [];
    };
    expect(refusal({ faults: { hangRate: 2 }, bogus: 1 }).sort()).toEqual(['bogus', 'faults.hangRate']);
    expect(refusal({ maintenance: { mode: 'sometimes' } })).toEqual(['maintenance.mode']);
    expect(refusal({ shops: [{ shopId: 'a:b', authKey: 'k' }] })).toEqual(['shops.0.shopId']);
    expect(
      refusal({
        shops: [
          { shopId: 'a', authKey: 'k' },
          { shopId: 'a', authKey: 'l' },
        ],
      }),
    ).toEqual(['shops.1']);
    expect(refusal(JSON.parse('{"__proto__": {"lenient": false}}'))).toEqual(['__proto__']);
    expect(refusal([])).toEqual(['(settings)']);
  });

  it('never show auth keys', () => {
    const shown = publicSettings(parseSettings({ shops: [{ shopId: 'a', authKey: 'secret-key' }] }));
    expect(JSON.stringify(shown)).not.toContain('secret-key');
    expect(shown.shops[0]?.authKey).toBe('***');
  });
});
