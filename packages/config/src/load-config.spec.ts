import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, serviceEnvSchema } from './index.ts';

/** One wrong value per variable: each must be refused with the variable's name. */
const badValues: Record<string, string> = {
  REDIS_URL: 'localhost:6379',
  DATABASE_URL: 'mysql://root@localhost/db',
  QUEUE_PREFIX: 'has:colon',
  SHOPSERVE_API_BASE_URL: 'ftp://example.test',
  API_HOST: 'local host',
  API_PORT: '70000',
  API_TOKEN: '',
  BOARD_USERNAME: '',
  BOARD_PASSWORD: '',
  WORKER_CONCURRENCY: '0',
  SHOPSERVE_REQUESTS_PER_SECOND: '-1',
  SHOPSERVE_TIMEOUT_MS: 'ten seconds',
  EXPORT_EVERY_MINUTES: '1.5',
  SANDBOX_PORT: 'abc',
  LOG_LEVEL: 'loud',
  LOG_FORMAT: 'xml',
};

describe('loadConfig', () => {
  it('gives the contract defaults when nothing is set', () => {
    const config = loadConfig({ env: {} });
    expect(config).toMatchObject({
      REDIS_URL: 'redis://127.0.0.1:6379',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
      QUEUE_PREFIX: 'shopserve-sync',
      SHOPSERVE_API_BASE_URL: 'http://127.0.0.1:4010',
      API_HOST: '127.0.0.1',
      API_PORT: 3000,
      WORKER_CONCURRENCY: 50,
      SHOPSERVE_REQUESTS_PER_SECOND: 1,
      SHOPSERVE_TIMEOUT_MS: 10_000,
      EXPORT_EVERY_MINUTES: 30,
      SANDBOX_PORT: 4010,
      LOG_LEVEL: 'info',
    });
    expect(config.API_TOKEN).toBeUndefined();
  });

  it('has a bad-value case for every declared variable', () => {
    expect(Object.keys(badValues).sort()).toEqual(Object.keys(serviceEnvSchema.shape).sort());
  });

  const secrets = new Set(['API_TOKEN', 'BOARD_USERNAME', 'BOARD_PASSWORD']);
  for (const [variable, value] of Object.entries(badValues)) {
    it(`refuses a wrong ${variable}, naming it`, () => {
      // Empty secrets count as unset, so they are refused through `require`.
      const options = secrets.has(variable)
        ? { env: { [variable]: value }, require: [variable as 'API_TOKEN'] }
        : { env: { [variable]: value } };
      let thrown: unknown;
      try {
        loadConfig(options);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ConfigError);
      const problems = (thrown as ConfigError).problems;
      expect(problems.map((p) => p.variable)).toEqual([variable]);
      expect((thrown as ConfigError).message).toContain(variable);
    });
  }

  it('never echoes a value in its message', () => {
    expect(() => loadConfig({ env: { API_PORT: 'sekret-value-123' } })).toThrow(ConfigError);
    try {
      loadConfig({ env: { API_PORT: 'sekret-value-123' } });
    } catch (error) {
      expect(String(error)).not.toContain('sekret-value-123');
    }
  });

  it('requires the variables a process names', () => {
    expect(() => loadConfig({ env: {}, require: ['API_TOKEN', 'BOARD_PASSWORD'] })).toThrow(
      /API_TOKEN[\s\S]*BOARD_PASSWORD/,
    );
    expect(loadConfig({ env: { API_TOKEN: 't0k' }, require: ['API_TOKEN'] }).API_TOKEN).toBe('t0k');
  });

  it('coerces numbers', () => {
    expect(loadConfig({ env: { SHOPSERVE_REQUESTS_PER_SECOND: '2.5', API_PORT: '8080' } })).toMatchObject({
      SHOPSERVE_REQUESTS_PER_SECOND: 2.5,
      API_PORT: 8080,
    });
  });
});
