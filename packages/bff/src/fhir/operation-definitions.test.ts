import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readBookParameters } from '@itb/shared';
import { OPERATIONS, operationDefinitions } from './operation-definitions.js';
import type { ServedRoute } from './served-routes.js';

const route = (method: 'GET' | 'POST', url: string, querystring?: unknown): ServedRoute => ({ method, url, querystring, preParsing: [], config: {} });
const options = { fhirBase: 'https://bff.example/fhir', version: '1.2.3' };

describe('$book in-parameters (declared: its Parameters body has no schema to read them from)', () => {
  const declared = OPERATIONS['book']?.bodyIn ?? [];
  /** A Parameters entry of the declared type (a resource type, or a string value). */
  const entry = (name: string, type: string) =>
    type === 'string' ? { name, valueString: 'a note' } : { name, resource: { resourceType: type, ...(type === 'Appointment' ? { status: 'pending' } : {}) } };
  const body = (parameter: unknown[]) => ({ resourceType: 'Parameters', parameter });
  const required = declared.filter((p) => p.min > 0);

  it('declares what @itb/shared readBookParameters reads', () => {
    expect(declared.map((p) => p.name)).toEqual(['appointment-resource', 'patient-resource', 'comment']);
    expect(readBookParameters(body(required.map((p) => entry(p.name, p.type)))).ok).toBe(true);
    expect(readBookParameters(body(declared.map((p) => entry(p.name, p.type)))).ok).toBe(true);
    for (const parameter of declared) {
      const others = required.filter((p) => p.name !== parameter.name).map((p) => entry(p.name, p.type));
      if (parameter.min > 0) expect(readBookParameters(body(others)).ok, `${parameter.name} is required`).toBe(false);
      if (parameter.max === '1') expect(readBookParameters(body([...others, entry(parameter.name, parameter.type), entry(parameter.name, parameter.type)])).ok, `${parameter.name} at most once`).toBe(false);
      const wrongType = parameter.type === 'string' ? { name: parameter.name, valueInteger: 1 } : entry(parameter.name, parameter.type === 'Patient' ? 'Appointment' : 'Patient');
      expect(readBookParameters(body([...others, wrongType])).ok, `${parameter.name} of another type`).toBe(false);
    }
    // Nothing undeclared is taken.
    expect(readBookParameters(body([...required.map((p) => entry(p.name, p.type)), { name: 'appointment-reference', valueReference: { reference: 'Appointment/x' } }])).ok).toBe(false);
  });
});

describe('operationDefinitions', () => {
  const offersQuery = z.object({ includeHealthcareServicePortal: z.enum(['true', 'false']).optional(), includeActivityDefinitionPortal: z.enum(['true', 'false']).optional(), includePractitionerRolePortal: z.enum(['true', 'false']).optional() });

  it('takes levels and resource types from the routes, and parameters from the GET schema', () => {
    const definitions = operationDefinitions([
      route('GET', '/fhir/$get-offers-context', offersQuery),
      route('POST', '/fhir/$get-offers-context'),
      route('GET', '/fhir/HealthcareService/:id/$get-offers-context', offersQuery),
    ], options);
    expect(definitions.get('get-offers-context')).toMatchObject({
      url: 'https://bff.example/fhir/OperationDefinition/get-offers-context',
      version: '1.2.3',
      system: true,
      type: false,
      instance: true,
      resource: ['HealthcareService'],
      affectsState: false,
      parameter: [
        { name: 'includeHealthcareServicePortal', use: 'in', min: 0, max: '1', type: 'boolean' },
        { name: 'includeActivityDefinitionPortal', use: 'in' },
        { name: 'includePractitionerRolePortal', use: 'in' },
        { name: 'return', use: 'out', min: 1, max: '1', type: 'Bundle' },
      ],
    });
  });

  it('stops start-up for an operation route it has no declaration for, or a note for a parameter no route takes', () => {
    expect(() => operationDefinitions([route('GET', '/fhir/Appointment/$hold')], options)).toThrow(/\$hold has no OperationDefinition declaration/);
    expect(() => operationDefinitions([route('GET', '/fhir/$get-offers-context', z.object({}))], options)).toThrow(/note for 'include/);
    expect(() => operationDefinitions([route('POST', '/fhir/Appointment/$find')], options)).toThrow(/no GET form/);
  });
});
