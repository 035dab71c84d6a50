import { describe, expect, it } from 'vitest';
import { checkSchema } from './schemaCheck.js';

const root = { components: { schemas: { N: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'], additionalProperties: false } } } };

describe('the contract tests’ schema checker', () => {
  it('accepts what fits and names where a value does not', () => {
    expect(checkSchema({ n: 1 }, { $ref: '#/components/schemas/N' }, root)).toEqual([]);
    expect(checkSchema({ n: 1.5 }, { $ref: '#/components/schemas/N' }, root)).toEqual(['$.n: expected integer, got number']);
    expect(checkSchema({}, { $ref: '#/components/schemas/N' }, root)).toEqual(['$.n: missing']);
    expect(checkSchema({ n: 1, x: 2 }, { $ref: '#/components/schemas/N' }, root)).toEqual(['$.x: not allowed']);
    expect(checkSchema(null, { anyOf: [{ type: 'string' }, { type: 'null' }] }, root)).toEqual([]);
    expect(checkSchema(3, { anyOf: [{ type: 'string' }, { type: 'null' }] }, root)).toHaveLength(1);
    expect(checkSchema(['a', 2], { type: 'array', items: { type: 'string' } }, root)).toEqual(['$[1]: expected string, got number']);
    expect(checkSchema('x', { type: 'string', enum: ['a', 'b'] }, root)).toHaveLength(1);
  });
});
