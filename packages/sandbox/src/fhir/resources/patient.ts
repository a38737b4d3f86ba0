/**
 * PortalPatient (spec §7.10) for a signed-in test person.
 * @module
 */
import { createHash } from 'node:crypto';
import { PROFILE, SYSTEM, type Patient } from '@itb/shared';
import type { TestPerson } from '../../seed/persons.js';
import { canonicalPersonSystem } from '../../store.js';
import { typedIdentifier, type FhirContext } from '../dialect.js';

/** A stable Patient id that does not reveal the personal number. */
export function patientId(person: Pick<TestPerson, 'system' | 'personalNumber'>): string {
  return `pat-${createHash('sha256').update(`${canonicalPersonSystem(person.system)}|${person.personalNumber}`).digest('base64url').slice(0, 16).replace(/[_]/g, '-')}`;
}

export function buildPatient(ctx: FhirContext, person: TestPerson): Patient {
  const telecom: NonNullable<Patient['telecom']> = [{ system: 'phone', value: person.mobilePhone, use: 'mobile' }];
  if (person.email !== undefined) telecom.push({ system: 'email', value: person.email });
  return {
    resourceType: 'Patient',
    id: patientId(person),
    meta: { profile: [PROFILE.patient] },
    identifier: [typedIdentifier(ctx, { system: person.system, value: person.personalNumber }, { system: SYSTEM.v2IdentifierType, code: 'PN', text: 'Personal number' })],
    // One given name only (spec §13.26): double first names travel as one string.
    name: [{ family: person.familyName, given: [person.givenName], text: `${person.givenName} ${person.familyName}` }],
    telecom,
    birthDate: person.birthDate,
  };
}
