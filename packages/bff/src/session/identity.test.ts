import { describe, expect, it } from 'vitest';
import { PERSONAL_NUMBER_SYSTEM } from '@itb/shared';
import { identityFromClaims, identityFromPatientBody } from './identity.js';

const NOW = new Date('2026-03-02T10:00:00Z');

describe('identity', () => {
  it('reads the wof-profile claims and normalises the number to digits', () => {
    expect(identityFromClaims({
      personal_number: '19850314-9828', personal_number_system: PERSONAL_NUMBER_SYSTEM.sePersonnummer,
      given_name: 'Alva', family_name: 'Andersson', birthdate: '1985-03-14', name: 'Alva Andersson',
    }, NOW)).toEqual({
      personalNumber: { system: PERSONAL_NUMBER_SYSTEM.sePersonnummer, value: '198503149828' },
      givenName: 'Alva', familyName: 'Andersson', birthDate: '1985-03-14', displayName: 'Alva Andersson',
    });
  });

  it('has no identity without a usable personal number', () => {
    expect(identityFromClaims({ given_name: 'Alva' }, NOW)).toBeUndefined();
    expect(identityFromClaims({ personal_number: 'abc' }, NOW)).toBeUndefined();
    expect(identityFromClaims(undefined, NOW)).toBeUndefined();
  });

  it('falls back to the single Patient of an upstream answer, and refuses an ambiguous one', () => {
    const patient = {
      resourceType: 'Patient',
      identifier: [{ system: PERSONAL_NUMBER_SYSTEM.sePersonnummer, value: '198503149828' }],
      name: [{ given: ['Anna', 'Maria'], family: 'Lindqvist' }],
      birthDate: '1985-03-14',
    };
    expect(identityFromPatientBody({ resourceType: 'Bundle', entry: [{ resource: patient }] }, NOW)).toMatchObject({
      personalNumber: { value: '198503149828' }, givenName: 'Anna Maria', familyName: 'Lindqvist', displayName: 'Anna Maria Lindqvist',
    });
    expect(identityFromPatientBody({ resourceType: 'Bundle', entry: [{ resource: patient }, { resource: patient }] }, NOW)).toBeUndefined();
    expect(identityFromPatientBody({ resourceType: 'OperationOutcome' }, NOW)).toBeUndefined();
  });
});
