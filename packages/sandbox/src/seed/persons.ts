/**
 * Fictional test persons of the sandbox: who you can sign in as on the test-BankID page, and whom
 * the seeded FHIR data refers to. Every number carries a valid checksum (Luhn for Swedish numbers,
 * both mod-11 control digits for Norwegian ones), so the same validation the product uses accepts them.
 * Phone numbers for Sweden come from the range PTS reserves for fiction (070-174 06 05 … 99).
 * @module
 */
import { PERSONAL_NUMBER_SYSTEM } from '@itb/shared';

/** A fictional person the sandbox knows. */
export interface TestPerson {
  /** Digits only: 12 for SE (YYYYMMDDNNNC), 11 for NO. */
  readonly personalNumber: string;
  /** `Identifier.system`, one of PERSONAL_NUMBER_SYSTEM. */
  readonly system: string;
  readonly givenName: string;
  readonly familyName: string;
  /** YYYY-MM-DD. */
  readonly birthDate: string;
  /** E.164. */
  readonly mobilePhone: string;
  readonly email?: string;
  readonly country: 'SE' | 'NO';
}

/** The seeded people, adults first, Swedish before Norwegian. */
export const TEST_PERSONS: readonly TestPerson[] = Object.freeze(([
  {
    personalNumber: '198503149828',
    system: PERSONAL_NUMBER_SYSTEM.sePersonnummer,
    givenName: 'Alva',
    familyName: 'Andersson',
    birthDate: '1985-03-14',
    mobilePhone: '+46701740605',
    email: 'alva.andersson@example.invalid',
    country: 'SE',
  },
  {
    personalNumber: '197211059840',
    system: PERSONAL_NUMBER_SYSTEM.sePersonnummer,
    givenName: 'Anna Maria',
    familyName: 'Lindqvist',
    birthDate: '1972-11-05',
    mobilePhone: '+46701740606',
    email: 'anna.maria.lindqvist@example.invalid',
    country: 'SE',
  },
  {
    personalNumber: '199007219919',
    system: PERSONAL_NUMBER_SYSTEM.sePersonnummer,
    givenName: 'Erik',
    familyName: 'Johansson',
    birthDate: '1990-07-21',
    mobilePhone: '+46701740607',
    country: 'SE',
  },
  {
    // Samordningsnummer: the day of birth plus 60 (09 → 69).
    personalNumber: '198802699937',
    system: PERSONAL_NUMBER_SYSTEM.seSamordningsnummer,
    givenName: 'Omar',
    familyName: 'Haddad',
    birthDate: '1988-02-09',
    mobilePhone: '+46701740608',
    email: 'omar.haddad@example.invalid',
    country: 'SE',
  },
  {
    // Under 18 until 2032-05-20: exercises age rules for years to come.
    personalNumber: '201405209865',
    system: PERSONAL_NUMBER_SYSTEM.sePersonnummer,
    givenName: 'Elsa',
    familyName: 'Berg',
    birthDate: '2014-05-20',
    mobilePhone: '+46701740609',
    country: 'SE',
  },
  {
    personalNumber: '17048022480',
    system: PERSONAL_NUMBER_SYSTEM.noFodselsnummer,
    givenName: 'Kari',
    familyName: 'Nordmann',
    birthDate: '1980-04-17',
    mobilePhone: '+4741234567',
    email: 'kari.nordmann@example.invalid',
    country: 'NO',
  },
  {
    personalNumber: '01127531508',
    system: PERSONAL_NUMBER_SYSTEM.noFodselsnummer,
    givenName: 'Ola',
    familyName: 'Hansen',
    birthDate: '1975-12-01',
    mobilePhone: '+4792345678',
    country: 'NO',
  },
  {
    // D-number: the first digit of the day plus 4 (03 → 43).
    personalNumber: '43099242311',
    system: PERSONAL_NUMBER_SYSTEM.noDNumber,
    givenName: 'Lars',
    familyName: 'Eriksen',
    birthDate: '1992-09-03',
    mobilePhone: '+4798765432',
    email: 'lars.eriksen@example.invalid',
    country: 'NO',
  },
] satisfies TestPerson[]).map((person): TestPerson => Object.freeze(person)));

/** Both spellings of the Swedish personnummer system name the same register. */
function canonicalSystem(system: string): string {
  return system === PERSONAL_NUMBER_SYSTEM.sePersonnummerHttp ? PERSONAL_NUMBER_SYSTEM.sePersonnummer : system;
}

/**
 * Find a seeded person by identifier. `value` may carry separators (`19850314-9828`, `170480 22480`);
 * a 10-digit Swedish number matches on its last ten digits.
 */
export function findPerson(system: string, value: string): TestPerson | undefined {
  const wanted = canonicalSystem(system);
  const digits = value.replace(/[\s+-]/g, '');
  if (!/^\d+$/.test(digits)) return undefined;
  return TEST_PERSONS.find((person) => {
    if (canonicalSystem(person.system) !== wanted) return false;
    if (person.personalNumber === digits) return true;
    return person.country === 'SE' && digits.length === 10 && person.personalNumber.slice(2) === digits;
  });
}

/** Fictional phone numbers for people the seed does not know (SE from the PTS fiction range). */
const GENERATED_PHONE: Readonly<Record<TestPerson['country'], string>> = { SE: '+46701740699', NO: '+4740000000' };

/**
 * A neutral test person for a valid number that is not seeded, so that any valid number can sign in.
 * The name gives away only the last four digits, which is what a tester needs to tell them apart.
 */
export function generatedTestPerson(identity: {
  readonly value: string;
  readonly system: string;
  readonly birthDate: string;
  readonly country: 'SE' | 'NO';
}): TestPerson {
  return Object.freeze({
    personalNumber: identity.value,
    system: identity.system,
    givenName: 'Testperson',
    familyName: identity.value.slice(-4),
    birthDate: identity.birthDate,
    mobilePhone: GENERATED_PHONE[identity.country],
    country: identity.country,
  });
}
