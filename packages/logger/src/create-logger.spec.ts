import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, REDACTED, workLogger } from './index.ts';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw.push(chunk.toString());
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { log: createLogger({ service: 'test', destination }), lines, raw };
}

describe('logger redaction', () => {
  it('hides an auth key wherever our objects carry it', () => {
    const { log, raw } = capture();
    log.info({ authKey: 'key-AAA' }, 'top');
    log.info({ settings: { authKey: 'key-BBB', shopserveShopId: 'shop1' } }, 'nested');
    log.info({ job: { data: { settings: { authKey: 'key-CCC' } } } }, 'deep');
    log.info({ auth_key: 'key-DDD', managerKey: 'key-EEE' }, 'spellings');
    const all = raw.join('');
    for (const secret of ['key-AAA', 'key-BBB', 'key-CCC', 'key-DDD', 'key-EEE']) expect(all).not.toContain(secret);
    expect(all).toContain('shop1');
    expect(all).toContain(REDACTED);
  });

  it('hides Authorization headers of requests and responses', () => {
    const { log, lines, raw } = capture();
    log.info({ req: { method: 'PATCH', headers: { authorization: 'Basic c2hvcDE6c2VjcmV0' } } }, 'request');
    log.info({ headers: { Authorization: 'Bearer tok-123' } }, 'bare headers');
    log.info({ request: { headers: { authorization: 'Bearer tok-456' } } }, 'request object');
    const all = raw.join('');
    expect(all).not.toContain('c2hvcDE6c2VjcmV0');
    expect(all).not.toContain('tok-123');
    expect(all).not.toContain('tok-456');
    expect((lines[0]?.req as { method: string }).method).toBe('PATCH');
  });

  it('hides tokens and passwords', () => {
    const { log, raw } = capture();
    log.info({ token: 't1', config: { API_TOKEN: 't2', BOARD_PASSWORD: 'p1' }, password: 'p2' }, 'x');
    expect(raw.join('')).not.toMatch(/t1|t2|p1|p2/);
  });

  it('carries the work context on child lines, leaving unset fields out', () => {
    const { log, lines } = capture();
    workLogger(log, { runId: 'r1', jobId: 'j1', shopId: 'shop-001', orderNumber: '10000001' }).info('pushed');
    workLogger(log, { runId: 'r2' }).info('run');
    expect(lines[0]).toMatchObject({
      runId: 'r1',
      jobId: 'j1',
      shopId: 'shop-001',
      orderNumber: '10000001',
      msg: 'pushed',
    });
    expect(lines[1]).not.toHaveProperty('shopId');
  });
});
