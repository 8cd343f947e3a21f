import { ConfigError, loadSandboxEnv, sandboxEnvSchema } from '@shopserve-sync/config';
import { describe, expect, it } from 'vitest';
import { loadSandboxSettings } from './settings-from-env.ts';

/** One wrong value per variable: each must be refused with the variable's name. */
const badValues: Record<string, string> = {
  SANDBOX_HOST: 'two words',
  SANDBOX_CONFIG_FILE: '', // empty counts as unset, so this one is tested below with a missing file
  SANDBOX_SHOPS: 'shop-without-key',
  SANDBOX_ORDERS: 'shop1:1:shipped',
  SANDBOX_LENIENT: 'perhaps',
  SANDBOX_RATE_LIMIT_PER_SECOND: '-1',
  SANDBOX_RATE_LIMIT_BURST: '1.5',
  SANDBOX_LATENCY_MS: 'slow',
  SANDBOX_LATENCY_JITTER_MS: '-5',
  SANDBOX_ERROR_500_RATE: '1.5',
  SANDBOX_ERROR_503_RATE: 'often',
  SANDBOX_HANG_RATE: '-0.1',
  SANDBOX_DROP_RATE: '2',
  SANDBOX_MAINTENANCE: 'sometimes',
  SANDBOX_MAINTENANCE_RETRY_AFTER_SECONDS: '0',
  SANDBOX_CLOCK_OFFSET_MS: '1.5',
  SANDBOX_JOURNAL_SIZE: '0',
};

function thrown(action: () => unknown): ConfigError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

async function rejected(action: () => Promise<unknown>): Promise<ConfigError> {
  const error: unknown = await action().then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

describe('SANDBOX_* variables', () => {
  it('has a bad-value case for every declared variable', () => {
    expect(Object.keys(badValues).sort()).toEqual(Object.keys(sandboxEnvSchema.shape).sort());
  });

  for (const [variable, value] of Object.entries(badValues).filter(([, v]) => v !== '')) {
    it(`refuses a wrong ${variable}, naming it and not its value`, () => {
      const error = thrown(() => loadSandboxEnv({ [variable]: value }));
      expect(error.problems.map((p) => p.variable)).toEqual([variable]);
      expect(error.message).not.toContain(value);
    });
  }

  it('never echoes an auth key', () => {
    const error = thrown(() => loadSandboxEnv({ SANDBOX_SHOPS: 'good:key-AAA,bad key-BBB' }));
    expect(error.message).not.toMatch(/key-AAA|key-BBB/);
  });

  it('gives the default settings when nothing is set', async () => {
    const settings = await loadSandboxSettings(loadSandboxEnv({}));
    expect(settings).toMatchObject({
      shops: [],
      lenient: true,
      rateLimit: null,
      faults: { error500Rate: 0, error503Rate: 0, hangRate: 0, dropRate: 0 },
      maintenance: { mode: 'off' },
      journalSize: 100_000,
    });
    expect(loadSandboxEnv({}).SANDBOX_HOST).toBe('127.0.0.1');
  });

  it('turns every variable into its setting', async () => {
    const env = loadSandboxEnv({
      SANDBOX_SHOPS: 'shop1:key-1, shop2:key-2:uncontracted',
      SANDBOX_ORDERS: 'shop1:10000001,shop1:10000002:cancelled',
      SANDBOX_LENIENT: 'false',
      SANDBOX_RATE_LIMIT_PER_SECOND: '2',
      SANDBOX_RATE_LIMIT_BURST: '5',
      SANDBOX_LATENCY_MS: '20',
      SANDBOX_LATENCY_JITTER_MS: '10',
      SANDBOX_ERROR_500_RATE: '0.1',
      SANDBOX_ERROR_503_RATE: '0.2',
      SANDBOX_HANG_RATE: '0.01',
      SANDBOX_DROP_RATE: '0.02',
      SANDBOX_MAINTENANCE: 'schedule',
      SANDBOX_MAINTENANCE_RETRY_AFTER_SECONDS: '30',
      SANDBOX_CLOCK_OFFSET_MS: '-1000',
      SANDBOX_JOURNAL_SIZE: '500',
    });
    expect(await loadSandboxSettings(env)).toEqual({
      shops: [
        { shopId: 'shop1', authKey: 'key-1', contracted: true },
        { shopId: 'shop2', authKey: 'key-2', contracted: false },
      ],
      orders: [
        { shopId: 'shop1', orderNumber: '10000001', cancelled: false },
        { shopId: 'shop1', orderNumber: '10000002', cancelled: true },
      ],
      lenient: false,
      rateLimit: { perSecond: 2, burst: 5 },
      latency: { fixedMs: 20, jitterMs: 10 },
      faults: { error500Rate: 0.1, error503Rate: 0.2, hangRate: 0.01, dropRate: 0.02 },
      maintenance: { mode: 'schedule', retryAfterSeconds: 30 },
      clock: { offsetMs: -1000 },
      journalSize: 500,
    });
  });

  it('names SANDBOX_SHOPS for a shop listed twice', async () => {
    const error = await rejected(() => loadSandboxSettings(loadSandboxEnv({ SANDBOX_SHOPS: 'a:k,a:l' })));
    expect(error.problems.map((p) => p.variable)).toEqual(['SANDBOX_SHOPS']);
  });
});

describe('SANDBOX_CONFIG_FILE', () => {
  const files = (content: string) => () => Promise.resolve(content);

  it('wins over the variables, field by field', async () => {
    const env = loadSandboxEnv({
      SANDBOX_CONFIG_FILE: '/sandbox.json',
      SANDBOX_LENIENT: 'false',
      SANDBOX_HANG_RATE: '0.5',
    });
    const settings = await loadSandboxSettings(
      env,
      files(JSON.stringify({ lenient: true, faults: { error500Rate: 0.25 }, shops: [{ shopId: 's', authKey: 'k' }] })),
    );
    expect(settings.lenient).toBe(true);
    expect(settings.faults).toEqual({ error500Rate: 0.25, error503Rate: 0, hangRate: 0.5, dropRate: 0 });
    expect(settings.shops).toEqual([{ shopId: 's', authKey: 'k', contracted: true }]);
  });

  it.each([
    ['a file that is not JSON', files('{ nope'), /JSON/],
    ['a wrong setting', files('{"faults":{"dropRate":3}}'), /faults\.dropRate/],
    ['an unknown setting', files('{"colour":"red"}'), /colour/],
    ['a missing file', () => Promise.reject(Object.assign(new Error('gone'), { code: 'ENOENT' })), /ENOENT/],
  ])('refuses %s, naming the variable', async (_what, read, expected) => {
    const error = await rejected(() => loadSandboxSettings(loadSandboxEnv({ SANDBOX_CONFIG_FILE: '/x.json' }), read));
    expect(error.problems.map((p) => p.variable)).toEqual(['SANDBOX_CONFIG_FILE']);
    expect(error.message).toMatch(expected);
  });
});
