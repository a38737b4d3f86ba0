/**
 * The sandbox's test persons as `npm start` prints them: name and personal number, formatted the
 * way the test-BankID page shows them. These are fictional people (sandbox seed), not real data.
 * @module
 */
import * as sandbox from '@itb/sandbox';

/** @returns {Promise<{ name: string, number: string, country: string }[]>} */
export async function testPersons() {
  const persons = sandbox.TEST_PERSONS ?? [];
  return persons.map((p) => ({
    name: `${p.givenName} ${p.familyName}`,
    number: p.country === 'SE' ? `${p.personalNumber.slice(0, 8)}-${p.personalNumber.slice(8)}` : `${p.personalNumber.slice(0, 6)} ${p.personalNumber.slice(6)}`,
    country: p.country,
  }));
}
