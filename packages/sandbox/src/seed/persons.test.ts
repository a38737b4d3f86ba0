import { describe, expect, it } from 'vitest';
import { PERSONAL_NUMBER_SYSTEM } from '@itb/shared';
import { TEST_PERSONS, findPerson, generatedTestPerson } from './persons.js';

// Independent checksum arithmetic, so these tests do not lean on the code under test elsewhere.
function luhnOk(tenDigits: string): boolean {
  let sum = 0;
  for (let i = 0; i < tenDigits.length; i += 1) {
    let d = Number(tenDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return sum % 10 === 0;
}

function mod11Ok(elevenDigits: string): boolean {
  const d = [...elevenDigits].map(Number);
  const check = (weights: number[]) => {
    const rest = weights.reduce((acc, w, i) => acc + w * (d[i] ?? 0), 0) % 11;
    return rest === 0 ? 0 : 11 - rest;
  };
  return check([3, 7, 6, 1, 8, 9, 4, 5, 2]) === d[9] && check([5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) === d[10];
}

function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

describe('TEST_PERSONS', () => {
  it('carries valid checksums and birth dates that match the numbers', () => {
    for (const person of TEST_PERSONS) {
      if (person.country === 'SE') {
        expect(person.personalNumber).toMatch(/^\d{12}$/);
        expect(luhnOk(person.personalNumber.slice(2)), person.givenName).toBe(true);
        const day = Number(person.personalNumber.slice(6, 8));
        const realDay = person.system === PERSONAL_NUMBER_SYSTEM.seSamordningsnummer ? day - 60 : day;
        const digitsDate = `${person.personalNumber.slice(0, 4)}-${person.personalNumber.slice(4, 6)}-${String(realDay).padStart(2, '0')}`;
        expect(digitsDate).toBe(person.birthDate);
        expect(person.mobilePhone).toMatch(/^\+467\d{8}$/);
      } else {
        expect(person.personalNumber).toMatch(/^\d{11}$/);
        expect(mod11Ok(person.personalNumber), person.givenName).toBe(true);
        const day = Number(person.personalNumber.slice(0, 2));
        const realDay = person.system === PERSONAL_NUMBER_SYSTEM.noDNumber ? day - 40 : day;
        const [year, month, date] = person.birthDate.split('-');
        expect(String(realDay).padStart(2, '0')).toBe(date);
        expect(person.personalNumber.slice(2, 4)).toBe(month);
        expect(person.personalNumber.slice(4, 6)).toBe(year?.slice(2));
        expect(person.mobilePhone).toMatch(/^\+47[49]\d{7}$/);
      }
      if (person.email !== undefined) expect(person.email).toMatch(/@example\.invalid$/);
    }
  });

  it('covers the kinds of people the product must handle', () => {
    const se = TEST_PERSONS.filter((p) => p.country === 'SE');
    const no = TEST_PERSONS.filter((p) => p.country === 'NO');
    expect(se.filter((p) => ageOn(p.birthDate, '2026-01-01') >= 18).length).toBeGreaterThanOrEqual(3);
    expect(no.filter((p) => ageOn(p.birthDate, '2026-01-01') >= 18).length).toBeGreaterThanOrEqual(2);
    expect(se.some((p) => ageOn(p.birthDate, '2030-12-31') < 18)).toBe(true);
    expect(TEST_PERSONS.some((p) => p.system === PERSONAL_NUMBER_SYSTEM.seSamordningsnummer)).toBe(true);
    expect(TEST_PERSONS.some((p) => p.system === PERSONAL_NUMBER_SYSTEM.noDNumber)).toBe(true);
    expect(TEST_PERSONS.some((p) => p.givenName === 'Anna Maria')).toBe(true);
    expect(new Set(TEST_PERSONS.map((p) => p.personalNumber)).size).toBe(TEST_PERSONS.length);
  });
});

describe('findPerson', () => {
  it('finds by digits, with separators, under both Swedish system URIs, and by 10 digits', () => {
    const alva = findPerson(PERSONAL_NUMBER_SYSTEM.sePersonnummer, '198503149828');
    expect(alva?.givenName).toBe('Alva');
    expect(findPerson(PERSONAL_NUMBER_SYSTEM.sePersonnummerHttp, '19850314-9828')).toBe(alva);
    expect(findPerson(PERSONAL_NUMBER_SYSTEM.sePersonnummer, '850314-9828')).toBe(alva);
    expect(findPerson(PERSONAL_NUMBER_SYSTEM.noFodselsnummer, '170480 22480')?.givenName).toBe('Kari');
    expect(findPerson(PERSONAL_NUMBER_SYSTEM.noDNumber, '43099242311')?.givenName).toBe('Lars');
  });

  it('misses on the wrong system, an unknown number or garbage', () => {
    expect(findPerson(PERSONAL_NUMBER_SYSTEM.noFodselsnummer, '198503149828')).toBeUndefined();
    expect(findPerson(PERSONAL_NUMBER_SYSTEM.sePersonnummer, '198802699937')).toBeUndefined();
    expect(findPerson(PERSONAL_NUMBER_SYSTEM.sePersonnummer, '191212121212')).toBeUndefined();
    expect(findPerson(PERSONAL_NUMBER_SYSTEM.sePersonnummer, '19850314x9828')).toBeUndefined();
  });
});

describe('generatedTestPerson', () => {
  it('names an unknown person neutrally after the last four digits', () => {
    const person = generatedTestPerson({ value: '191212121212', system: PERSONAL_NUMBER_SYSTEM.sePersonnummer, birthDate: '1912-12-12', country: 'SE' });
    expect(`${person.givenName} ${person.familyName}`).toBe('Testperson 1212');
    expect(person.mobilePhone).toMatch(/^\+46/);
  });
});
