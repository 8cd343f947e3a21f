import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function run(env: Record<string, string>): { child: ChildProcess; stdout: () => string; stderr: () => string } {
  // node itself with tsx's loader, not the tsx CLI: one process, so that signals (and a kill on
  // failure) reach the sandbox rather than a wrapper.
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return { child, stdout: () => out, stderr: () => err };
}

describe('pnpm start:sandbox (src/main.ts)', () => {
  it('listens on SANDBOX_PORT, says where, serves the configured shops, and stops on SIGTERM', async () => {
    const port = await freePort();
    const started = run({ SANDBOX_PORT: String(port), SANDBOX_SHOPS: 'shop1:key-1', SANDBOX_LENIENT: 'false' });
    const exited = once(started.child, 'exit');
    try {
      await expect.poll(() => started.stdout(), { timeout: 30_000 }).toContain('shopserve sandbox listening');
      const lines = started
        .stdout()
        .split('\n')
        .filter((l) => l.includes('shopserve sandbox listening'));
      const line = JSON.parse(lines[0] ?? '') as { url: string };
      expect(line.url).toBe(`http://127.0.0.1:${port}`);
      const ok = await fetch(`${line.url}/v2/orders/10000001`, {
        headers: { authorization: `Basic ${Buffer.from('shop1:key-1').toString('base64')}` },
      });
      expect(ok.status).toBe(404); // strict, and no orders listed
      started.child.kill('SIGTERM');
      const [code] = await exited;
      expect(code).toBe(0);
      expect(started.stdout()).toContain('shopserve sandbox stopped');
      expect(started.stdout()).not.toContain('key-1');
    } finally {
      started.child.kill('SIGKILL');
    }
  });

  it('stops at once with a message naming a wrong SANDBOX_* variable', async () => {
    const started = run({ SANDBOX_HANG_RATE: 'lots' });
    const [code] = await once(started.child, 'exit');
    expect(code).toBe(78);
    expect(started.stderr()).toContain('SANDBOX_HANG_RATE');
  });
});
