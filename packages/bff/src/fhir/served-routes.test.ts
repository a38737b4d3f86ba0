import { describe, expect, it } from 'vitest';
import { fhirInteractionOf } from './served-routes.js';

describe('fhirInteractionOf', () => {
  it.each([
    ['GET', '/fhir/metadata', { kind: 'capabilities' }],
    ['GET', '/fhir/HealthcareService', { kind: 'search-type', type: 'HealthcareService' }],
    ['GET', '/fhir/HealthcareService/:id', { kind: 'read', type: 'HealthcareService' }],
    ['GET', '/fhir/Patient/me', { kind: 'read', type: 'Patient', fixedId: 'me' }],
    ['GET', '/fhir/$get-offers-context', { kind: 'operation', level: 'system', code: 'get-offers-context' }],
    ['POST', '/fhir/Appointment/$book', { kind: 'operation', level: 'type', type: 'Appointment', code: 'book' }],
    ['GET', '/fhir/PractitionerRole/:id/$get-offers-context', { kind: 'operation', level: 'instance', type: 'PractitionerRole', code: 'get-offers-context' }],
  ])('%s %s', (method, url, expected) => {
    expect(fhirInteractionOf(method, url)).toEqual(expected);
  });

  it.each([
    ['POST', '/fhir/HealthcareService'],
    ['GET', '/fhir/HealthcareService/:id/_history/:vid'],
    ['GET', '/fhir/healthcareService'],
    ['DELETE', '/fhir/Appointment/:id'],
    ['GET', '/fhir/Appointment/:id/extra'],
  ])('refuses what a CapabilityStatement cannot describe: %s %s', (method, url) => {
    expect(() => fhirInteractionOf(method, url)).toThrow(/cannot describe/);
  });
});
