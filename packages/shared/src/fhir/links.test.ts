import { describe, expect, it } from 'vitest';
import { fhirPathOf, isBasedAddress } from './links.js';

const COLON_ID = '001-2026-06-15T09:30:00-B9-E3-R1';

describe('fhirPathOf', () => {
  it('reads ResourceType/id under every base live data uses (spec §13.31)', () => {
    const bases = [
      'http://api.wellonfhir.se/acme/1.0/R4/fhir',
      'https://api-no.wellonfhir.se/acme/1.0/R4/fhir',
      'https://api.servicewell.se',
      'http://example.com/fhir',
      'https://api.wellonfhir.se/acme/portal/fhir',
      '[[baseurl]]',
      '',
    ];
    for (const base of bases) {
      expect(fhirPathOf(`${base}/Appointment/${COLON_ID}`), base).toEqual({ type: 'Appointment', id: COLON_ID, path: `Appointment/${COLON_ID}` });
    }
  });

  it('drops a version tail and decodes an encoded id', () => {
    expect(fhirPathOf('https://x/fhir/PractitionerRole/pr-1/_history/3')).toEqual({ type: 'PractitionerRole', id: 'pr-1', path: 'PractitionerRole/pr-1' });
    expect(fhirPathOf('https://x/fhir/Appointment/001%3A30')).toMatchObject({ id: '001:30' });
  });

  it('reads operations and searches with their query', () => {
    expect(fhirPathOf('http://x/R4/fhir/Appointment/$find?start=2026-06-08&visit-type=a|b')).toEqual({ type: 'Appointment', operation: '$find', path: 'Appointment/$find?start=2026-06-08&visit-type=a|b' });
    expect(fhirPathOf('[[baseurl]]/HealthcareService/hs-1/$get-offers-context')).toEqual({ type: 'HealthcareService', id: 'hs-1', operation: '$get-offers-context', path: 'HealthcareService/hs-1/$get-offers-context' });
    expect(fhirPathOf('https://x/fhir/$get-offers-context?includeActivityDefinitionPortal=true')).toEqual({ operation: '$get-offers-context', path: '$get-offers-context?includeActivityDefinitionPortal=true' });
    expect(fhirPathOf('https://x/fhir/HealthcareService?_count=10')).toEqual({ type: 'HealthcareService', path: 'HealthcareService?_count=10' });
  });

  it('finds nothing in urn:, local and pathless addresses', () => {
    expect(fhirPathOf('urn:uuid:0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0')).toBeUndefined();
    expect(fhirPathOf('#org1')).toBeUndefined();
    expect(fhirPathOf('https://clinic.example/')).toBeUndefined();
    expect(fhirPathOf('https://clinic.example/boka')).toBeUndefined();
  });
});

describe('isBasedAddress', () => {
  it('tells addresses under a base from relative ones', () => {
    expect(isBasedAddress('https://x/fhir/Appointment/1')).toBe(true);
    expect(isBasedAddress('[[baseurl]]/Appointment/1')).toBe(true);
    expect(isBasedAddress('Appointment/1')).toBe(false);
    expect(isBasedAddress('#c1')).toBe(false);
  });
});
