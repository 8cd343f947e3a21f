import { describe, expect, it } from 'vitest';
import { unavailableDependency } from './unavailable-dependency.ts';

const ready = { status: 'ready' as const };
const away = { status: 'reconnecting' as const };

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('unavailableDependency', () => {
  it('blames Redis for a producer that cannot send', () => {
    expect(
      unavailableDependency(new Error("Stream isn't writeable and enableOfflineQueue options is false"), ready),
    ).toBe('Redis');
    expect(unavailableDependency(new Error('anything'), away)).toBe('Redis');
  });

  it('blames PostgreSQL for its connection errors', () => {
    expect(unavailableDependency(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'), ready)).toBe(
      'PostgreSQL',
    );
    expect(unavailableDependency(withCode('the database system is shutting down', '57P03'), away)).toBe('PostgreSQL');
    expect(unavailableDependency(new Error('timeout exceeded when trying to connect'), ready)).toBe('PostgreSQL');
  });

  it('blames nobody for other failures', () => {
    expect(unavailableDependency(new Error('boom'), ready)).toBeUndefined();
    expect(unavailableDependency(withCode('syntax error', '42601'), ready)).toBeUndefined();
  });
});
