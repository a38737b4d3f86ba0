import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { queryParameters } from './query-parameters.js';
import { dateOrDateTime, elementsParam, referenceTo } from './schemas.js';

describe('queryParameters', () => {
  it('reads names, presence, repetition, type and the schema\'s own rule from the schema', () => {
    const role = referenceTo('PractitionerRole');
    const schema = z.object({
      start: dateOrDateTime,
      day: z.string().refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v), 'must be a date').optional(),
      flag: z.enum(['true', 'false'], { error: "must be 'true' or 'false'" }).optional(),
      service: referenceTo('HealthcareService').optional(),
      role: z.union([role, z.array(role).max(5)]).optional(),
      code: z.string().regex(/^[^|]+\|[^|]+$/, "must be '{system}|{code}'").optional(),
      count: z.coerce.number().int().optional(),
      note: z.string().max(20).optional(),
      _elements: elementsParam,
    }).superRefine(() => undefined);
    expect(queryParameters(schema)).toEqual([
      { name: 'start', required: true, repeatable: false, kind: 'dateTime', rule: expect.stringMatching(/^must be a date/) },
      { name: 'day', required: false, repeatable: false, kind: 'date', rule: 'must be a date' },
      { name: 'flag', required: false, repeatable: false, kind: 'boolean', rule: "must be 'true' or 'false'" },
      { name: 'service', required: false, repeatable: false, kind: 'reference', target: 'HealthcareService', rule: "must be 'HealthcareService/{id}'" },
      { name: 'role', required: false, repeatable: true, kind: 'reference', target: 'PractitionerRole', rule: "must be 'PractitionerRole/{id}'" },
      { name: 'code', required: false, repeatable: false, kind: 'token', rule: "must be '{system}|{code}'" },
      // No message of its own: zod's wording never becomes documentation.
      { name: 'count', required: false, repeatable: false, kind: 'number' },
      { name: 'note', required: false, repeatable: false, kind: 'string' },
      { name: '_elements', required: false, repeatable: true, kind: 'string' },
    ]);
  });

  it('has nothing to say about a route without a querystring schema, and refuses one it cannot read', () => {
    expect(queryParameters(undefined)).toEqual([]);
    expect(queryParameters(z.object({}))).toEqual([]);
    expect(() => queryParameters({ type: 'object', properties: {} })).toThrow(/must be a z.object/);
  });
});
