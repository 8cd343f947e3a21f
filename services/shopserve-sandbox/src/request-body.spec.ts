import { describe, expect, it } from 'vitest';
import { parseJsonBody } from './request-body.ts';

describe('parseJsonBody', () => {
  it('reads JSON declared as application/json, with or without parameters', () => {
    expect(parseJsonBody('{"a":1}', 'application/json')).toEqual({ ok: true, value: { a: 1 } });
    expect(parseJsonBody('[]', 'Application/JSON; charset=utf-8')).toEqual({ ok: true, value: [] });
    expect(parseJsonBody('1', 'application/merge-patch+json')).toEqual({ ok: true, value: 1 });
  });

  it.each([
    [undefined, 'application/json', 'a JSON body is required'],
    ['  ', 'application/json', 'a JSON body is required'],
    ['{"a":1}', undefined, 'Content-Type must be application/json'],
    ['{"a":1}', 'text/plain', 'Content-Type must be application/json'],
    ['{"a":1}', 'application/jsonp', 'Content-Type must be application/json'],
    ['{a:1}', 'application/json', 'not valid JSON'],
  ])('refuses %j as %s: %s', (raw, contentType, message) => {
    const parsed = parseJsonBody(raw, contentType);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.code).toBe('VALIDATION_ERROR');
      expect(parsed.error.details).toEqual([{ field: 'body', message }]);
    }
  });
});
