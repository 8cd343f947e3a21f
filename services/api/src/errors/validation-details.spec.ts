import { describe, expect, it } from 'vitest';
import { validationDetails, validationMessage } from './validation-details.ts';

describe('validationDetails', () => {
  it('names nested fields with dots, each unknown field on its own, and the part for a whole-part problem', () => {
    const details = validationDetails(
      [
        { instancePath: '/shopIds/0', message: 'must be 1-64 characters', keyword: 'too_small' },
        {
          instancePath: '',
          message: 'Unrecognized keys',
          keyword: 'unrecognized_keys',
          params: { keys: ['foo', 'bar'] },
        },
        { instancePath: '', message: 'expected object', keyword: 'invalid_type' },
      ],
      'body',
    );
    expect(details).toEqual([
      { field: 'shopIds.0', message: 'must be 1-64 characters' },
      { field: 'foo', message: 'unknown field' },
      { field: 'bar', message: 'unknown field' },
      { field: 'body', message: 'expected object' },
    ]);
    expect(validationMessage(details)).toBe(
      'Invalid request: shopIds.0: must be 1-64 characters; foo: unknown field; bar: unknown field; body: expected object',
    );
  });

  it('calls the query string "query"', () => {
    expect(validationDetails([{ instancePath: '', message: 'x' }], 'querystring')).toEqual([
      { field: 'query', message: 'x' },
    ]);
  });
});
