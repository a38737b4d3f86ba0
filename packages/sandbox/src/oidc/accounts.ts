/**
 * Who can sign in: the seeded test persons plus any valid number typed on the login page.
 * Subjects are derived from the number by hashing, so `sub` stays stable across restarts and
 * the personal number itself never becomes an identifier in tokens or logs.
 * @module
 */
import { createHash } from 'node:crypto';
import { TEST_PERSONS, type TestPerson } from '../seed/persons.js';

/** The claims the `wof-profile` scope releases. */
export const WOF_PROFILE_CLAIMS = ['name', 'given_name', 'family_name', 'birthdate', 'personal_number', 'personal_number_system'] as const;

/** The `sub` of a person: opaque and stable, but not secret (the number space is small). */
export function subjectOf(person: Pick<TestPerson, 'country' | 'personalNumber'>): string {
  return createHash('sha256').update(`itb-sandbox-subject|${person.country}|${person.personalNumber}`).digest('base64url').slice(0, 22);
}

/** The user claims of a person, keyed as in the ID token. */
export function claimsOf(person: TestPerson): Record<(typeof WOF_PROFILE_CLAIMS)[number] | 'sub', string> {
  return {
    sub: subjectOf(person),
    name: `${person.givenName} ${person.familyName}`,
    given_name: person.givenName,
    family_name: person.familyName,
    birthdate: person.birthDate,
    personal_number: person.personalNumber,
    personal_number_system: person.system,
  };
}

/** Subject ↔ person for one provider instance. */
export interface AccountDirectory {
  /** Make `person` known (a generated one, typically) and return its subject. */
  remember(person: TestPerson): string;
  personOf(subject: string): TestPerson | undefined;
}

/** A directory pre-filled with the seeded persons. */
export function createAccountDirectory(): AccountDirectory {
  const bySubject = new Map<string, TestPerson>(TEST_PERSONS.map((person) => [subjectOf(person), person]));
  return {
    remember(person) {
      const subject = subjectOf(person);
      // A seeded person keeps the seeded record even if a caller passes a look-alike.
      if (!bySubject.has(subject)) bySubject.set(subject, person);
      return subject;
    },
    personOf(subject) {
      return bySubject.get(subject);
    },
  };
}
