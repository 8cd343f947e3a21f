import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const fixture = fileURLToPath(new URL('./print-config.fixture.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

async function start(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(tsx, [fixture], {
      env: { PATH: process.env.PATH, API_TOKEN: 'dev-token', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('a process started with a wrong variable', () => {
  it.each([
    ['API_PORT', 'not-a-port'],
    ['REDIS_URL', 'localhost'],
    ['SHOPSERVE_REQUESTS_PER_SECOND', 'fast'],
    ['QUEUE_PREFIX', 'a:b'],
  ])('stops with a message naming %s', async (variable, value) => {
    const result = await start({ [variable]: value });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain(variable);
    expect(result.stderr).not.toContain(value);
    expect(result.stdout).toBe('');
  });

  it('stops when a required secret is missing', async () => {
    const result = await start({ API_TOKEN: '' });
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(/API_TOKEN: required/);
  });

  it('starts with good values', async () => {
    const result = await start({ API_PORT: '8080' });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ API_PORT: 8080, QUEUE_PREFIX: 'shopserve-sync' });
  });
});
