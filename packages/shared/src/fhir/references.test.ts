import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { booleanValue, codesOf, findExtension, numberValue, subExtension, textValue } from './extensions.js';
import { referenceId, referenceType, resolveContained, resourceId } from './references.js';
import { EXT, EXT_AS_SEEN_LIVE } from './urls.js';

describe('referenceId', () => {
  it('reads every reference form live data uses', () => {
    expect(referenceId({ reference: 'HealthcareService/hs-1' }, 'HealthcareService')).toBe('hs-1');
    expect(referenceId('http://api.example/fhir/HealthcareService/hs:1:2', 'HealthcareService')).toBe('hs:1:2');
    expect(referenceId('https://api.example/fhir/PractitionerRole/pr-1/_history/3', 'PractitionerRole')).toBe('pr-1');
    expect(referenceId('#org1')).toBe('org1');
    expect(referenceId('Organization/#org1', 'Organization')).toBe('org1');
    expect(referenceId('bare:id')).toBe('bare:id');
  });

  it('refuses another type and unusable values', () => {
    expect(referenceId('PractitionerRole/pr-1', 'HealthcareService')).toBeUndefined();
    expect(referenceId({ display: 'Only a name' })).toBeUndefined();
    expect(referenceId('')).toBeUndefined();
    expect(referenceId('#')).toBeUndefined();
    expect(referenceId(42)).toBeUndefined();
  });

  it('tells the type of a reference', () => {
    expect(referenceType('HealthcareService/1')).toBe('HealthcareService');
    expect(referenceType('#x')).toBeUndefined();
    expect(referenceType('x')).toBeUndefined();
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
      referenceId(a, 'X');
      referenceType(a);
      resolveContained(a, b);
      if (typeof a === 'object' && a !== null && !Array.isArray(a)) resourceId(a, b);
    }), { numRuns: 200 });
  });
});

describe('resolveContained and resourceId', () => {
  const resource = { contained: [{ resourceType: 'Location', id: 'addr' }, null, { resourceType: 'Organization', id: 'org' }] };

  it('resolves #id, Type/#id and (tolerated) Type/id against contained resources', () => {
    expect(resolveContained(resource, { reference: '#addr' })?.resourceType).toBe('Location');
    expect(resolveContained(resource, 'Organization/#org')?.resourceType).toBe('Organization');
    expect(resolveContained(resource, 'Organization/org')?.resourceType).toBe('Organization');
    expect(resolveContained(resource, '#missing')).toBeUndefined();
    expect(resolveContained({}, '#addr')).toBeUndefined();
  });

  it('takes the id from the resource, else from fullUrl', () => {
    expect(resourceId({ id: 'a' }, 'http://x/fhir/T/b')).toBe('a');
    expect(resourceId({}, 'http://x/fhir/T/b:c/_history/1')).toBe('b:c');
    expect(resourceId({}, 'urn:uuid:1234')).toBeUndefined();
    expect(resourceId({})).toBeUndefined();
  });
});

describe('extension readers', () => {
  const clinic = {
    extension: [
      { url: EXT_AS_SEEN_LIVE.bookingRules, extension: [
        { url: 'cancellationAllowed', valueString: 'false' },
        { url: 'minimumPatientAgeYears', valueString: '18' },
        { url: 'allowCancellationRemainingHours', valueDecimal: 1.5 },
      ] },
      { url: EXT.characteristic, extension: [{ url: 'scheduling', extension: [{ url: 'schedulingAvailability', valueCodeableConcept: { coding: [{ code: 'scheduling-accepts-new' }, null] } }] }] },
      'junk',
    ],
  };

  it('finds extensions by last segment and reads tolerant values', () => {
    const rules = findExtension(clinic, EXT.bookingRules);
    expect(booleanValue(subExtension(rules, 'cancellationAllowed'))).toBe(false);
    expect(numberValue(subExtension(rules, 'minimumPatientAgeYears'))).toBe(18);
    expect(numberValue(subExtension(rules, 'allowCancellationRemainingHours'))).toBe(1.5);
    expect(numberValue(subExtension(rules, 'missing'))).toBeUndefined();
    expect(textValue({ url: 'x', valueCode: 'abc' })).toBe('abc');
    const scheduling = subExtension(findExtension(clinic, EXT.characteristic), 'scheduling');
    expect(codesOf(subExtension(scheduling, 'schedulingAvailability'))).toEqual(['scheduling-accepts-new']);
    expect(findExtension('not an element', EXT.bookingRules)).toBeUndefined();
  });
});
