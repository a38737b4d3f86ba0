import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PERSONAL_NUMBER_SYSTEM } from '../fhir/urls.js';
import { maskPersonalNumber, parsePersonalNumber } from './personal-number.js';

const NOW = new Date('2026-06-15T10:00:00Z');

function luhnDigit(nine: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

function norwegianControl(nine: string): string | undefined {
  const w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
  const w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const k = (digits: string, w: number[]) => (11 - (w.reduce((a, x, i) => a + x * Number(digits[i]), 0) % 11)) % 11;
  const k1 = k(nine, w1);
  if (k1 === 10) return undefined;
  const k2 = k(nine + k1, w2);
  return k2 === 10 ? undefined : `${k1}${k2}`;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A birth date between 1901 and 2025 (always before NOW). */
const birthDate = fc.date({ min: new Date('1901-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }));

const swedish = fc.record({ date: birthDate, serial: fc.integer({ min: 0, max: 999 }), coordination: fc.boolean() }).map(({ date, serial, coordination }) => {
  const nine = `${pad(date.year % 100)}${pad(date.month)}${pad(date.day + (coordination ? 60 : 0))}${pad(serial, 3)}`;
  const ten = nine + luhnDigit(nine);
  return { ...date, coordination, ten, twelve: `${pad(Math.floor(date.year / 100))}${ten}` };
});

const norwegian = fc.record({ date: birthDate, pick: fc.integer({ min: 0, max: 10_000 }), dNumber: fc.boolean() })
  .map(({ date, pick, dNumber }) => {
    const yy = date.year % 100;
    // An individual number that encodes this century (Skatteetaten's table).
    const individual = date.year >= 2000 ? 500 + (pick % 500) : (yy >= 40 && pick % 2 === 0 ? 900 + (pick % 100) : pick % 500);
    const nine = `${pad(date.day + (dNumber ? 40 : 0))}${pad(date.month)}${pad(yy)}${pad(individual, 3)}`;
    const control = norwegianControl(nine);
    return control === undefined ? undefined : { ...date, dNumber, value: nine + control };
  })
  .filter((x): x is NonNullable<typeof x> => x !== undefined);

const iso = (x: { year: number; month: number; day: number }) => `${x.year}-${pad(x.month)}-${pad(x.day)}`;

describe('parsePersonalNumber: Swedish', () => {
  it('accepts every written form of the guide test number and normalises to 12 digits', () => {
    for (const input of ['19121212-1212', '191212121212', ' 19121212 - 1212 ', '121212+1212']) {
      const result = parsePersonalNumber(input, NOW);
      expect(result).toEqual({ ok: true, value: { kind: 'se-personnummer', country: 'SE', system: PERSONAL_NUMBER_SYSTEM.sePersonnummer, value: '191212121212', birthDate: '1912-12-12' } });
    }
  });

  it('infers the century from now: without + the person is under 100', () => {
    for (const input of ['121212-1212', '1212121212']) {
      const result = parsePersonalNumber(input, NOW);
      expect(result.ok && result.value.value).toBe('201212121212');
    }
    const result = parsePersonalNumber('850314-9828', NOW);
    expect(result.ok && result.value.value).toBe('198503149828');
    const young = parsePersonalNumber('140520-9865', NOW);
    expect(young.ok && young.value.birthDate).toBe('2014-05-20');
  });

  it('puts a 10-digit number whose date lies later this year into the previous century', () => {
    const nine = '261201123';
    const result = parsePersonalNumber(`${nine.slice(0, 6)}-${nine.slice(6)}${luhnDigit(nine)}`, NOW);
    expect(result.ok && result.value.birthDate).toBe('1926-12-01');
  });

  it('reads + as 100 years or older', () => {
    const result = parsePersonalNumber('121212+1212', NOW);
    expect(result.ok && result.value.value).toBe('191212121212');
    const nine = '260101123';
    const old = parsePersonalNumber(`260101+123${luhnDigit(nine)}`, NOW);
    expect(old.ok && old.value.birthDate).toBe('1926-01-01');
  });

  it('recognises a samordningsnummer (day + 60) and derives the real birth date', () => {
    const result = parsePersonalNumber('19880269-9937', NOW);
    expect(result).toEqual({ ok: true, value: { kind: 'se-samordningsnummer', country: 'SE', system: PERSONAL_NUMBER_SYSTEM.seSamordningsnummer, value: '198802699937', birthDate: '1988-02-09' } });
  });

  it('rejects bad checksums, impossible dates, future dates and malformed input', () => {
    expect(parsePersonalNumber('19121212-1213', NOW)).toEqual({ ok: false, error: 'invalid-checksum' });
    expect(parsePersonalNumber('19121312-1212', NOW)).toEqual({ ok: false, error: 'invalid-date' });
    expect(parsePersonalNumber('19230229-0000', NOW)).toEqual({ ok: false, error: 'invalid-date' });
    expect(parsePersonalNumber('20300101-0008', NOW)).toEqual({ ok: false, error: 'invalid-date' });
    expect(parsePersonalNumber('19121212+1212', NOW)).toEqual({ ok: false, error: 'invalid-format' });
    expect(parsePersonalNumber('1212-121212', NOW)).toEqual({ ok: false, error: 'invalid-format' });
    expect(parsePersonalNumber('12121212', NOW)).toEqual({ ok: false, error: 'invalid-format' });
    expect(parsePersonalNumber('abc', NOW)).toEqual({ ok: false, error: 'invalid-format' });
    expect(parsePersonalNumber('', NOW)).toEqual({ ok: false, error: 'invalid-format' });
  });

  it('accepts a leap-day birth only in leap years', () => {
    const nine = '000229123';
    const result = parsePersonalNumber(`20000229${nine.slice(6)}${luhnDigit(nine)}`, NOW);
    expect(result.ok && result.value.birthDate).toBe('2000-02-29');
  });

  it('restricts the kind to the system the caller names, and echoes that system', () => {
    expect(parsePersonalNumber('198802699937', NOW, PERSONAL_NUMBER_SYSTEM.sePersonnummer)).toEqual({ ok: false, error: 'invalid-format' });
    expect(parsePersonalNumber('191212121212', NOW, PERSONAL_NUMBER_SYSTEM.noFodselsnummer)).toEqual({ ok: false, error: 'invalid-format' });
    expect(parsePersonalNumber('191212121212', NOW, PERSONAL_NUMBER_SYSTEM.noHNumber)).toEqual({ ok: false, error: 'invalid-format' });
    const http = parsePersonalNumber('191212121212', NOW, PERSONAL_NUMBER_SYSTEM.sePersonnummerHttp);
    expect(http.ok && http.value.system).toBe(PERSONAL_NUMBER_SYSTEM.sePersonnummerHttp);
  });

  it('round-trips generated valid numbers in 12-digit, 10-digit and separated forms', () => {
    fc.assert(fc.property(swedish, (n) => {
      const expected = { kind: n.coordination ? 'se-samordningsnummer' : 'se-personnummer', value: n.twelve, birthDate: iso(n) };
      const separator = NOW.getUTCFullYear() - n.year >= 100 ? '+' : '-';
      for (const input of [n.twelve, `${n.twelve.slice(0, 8)}-${n.twelve.slice(8)}`, `${n.ten.slice(0, 6)}${separator}${n.ten.slice(6)}`]) {
        const result = parsePersonalNumber(input, NOW);
        expect(result.ok).toBe(true);
        if (result.ok) expect(result.value).toMatchObject(expected);
      }
    }));
  });

  it('fails on any single-digit change of the ten checksummed digits', () => {
    fc.assert(fc.property(swedish, fc.integer({ min: 2, max: 11 }), fc.integer({ min: 1, max: 9 }), (n, position, delta) => {
      const digits = n.twelve.split('');
      digits[position] = String((Number(digits[position]) + delta) % 10);
      expect(parsePersonalNumber(digits.join(''), NOW).ok).toBe(false);
    }));
  });
});

describe('parsePersonalNumber: Norwegian', () => {
  it('accepts a fødselsnummer with both control digits and derives the birth date', () => {
    expect(parsePersonalNumber('17048022480', NOW)).toEqual({ ok: true, value: { kind: 'no-fodselsnummer', country: 'NO', system: PERSONAL_NUMBER_SYSTEM.noFodselsnummer, value: '17048022480', birthDate: '1980-04-17' } });
    const spaced = parsePersonalNumber('170480 22480', NOW);
    expect(spaced.ok && spaced.value.value).toBe('17048022480');
    const dashed = parsePersonalNumber('170480-22480', NOW);
    expect(dashed.ok && dashed.value.value).toBe('17048022480');
  });

  it('recognises a D-number (day + 40)', () => {
    expect(parsePersonalNumber('43099242311', NOW)).toEqual({ ok: true, value: { kind: 'no-d-number', country: 'NO', system: PERSONAL_NUMBER_SYSTEM.noDNumber, value: '43099242311', birthDate: '1992-09-03' } });
  });

  it('takes the century from the individual number', () => {
    // 500–749 with year 54–99 → 1800s; 500–999 with year 00–39 → 2000s; 900–999 with 40–99 → 1900s.
    const cases: Array<[string, string]> = [['01016012315', '1960-01-01'], ['01016095040', '1960-01-01'], ['01011051037', '2010-01-01'], ['01016060085', '1860-01-01']];
    for (const [value, date] of cases) {
      expect(norwegianControl(value.slice(0, 9))).toBe(value.slice(9));
      const result = parsePersonalNumber(value, NOW);
      expect(result.ok && result.value.birthDate).toBe(date);
    }
    // 750–899 with a year from 40 to 99 encodes no century.
    expect(norwegianControl('010160800')).toBe('00');
    expect(parsePersonalNumber('01016080000', NOW)).toEqual({ ok: false, error: 'invalid-date' });
  });

  it('rejects wrong control digits, impossible dates and a + separator', () => {
    expect(parsePersonalNumber('17048022481', NOW)).toEqual({ ok: false, error: 'invalid-checksum' });
    expect(parsePersonalNumber('17048022490', NOW)).toEqual({ ok: false, error: 'invalid-checksum' });
    expect(parsePersonalNumber('32048022480', NOW)).toEqual({ ok: false, error: 'invalid-date' });
    expect(parsePersonalNumber('170480+22480', NOW)).toEqual({ ok: false, error: 'invalid-format' });
  });

  it('round-trips generated valid numbers', () => {
    fc.assert(fc.property(norwegian, (n) => {
      const result = parsePersonalNumber(n.value, NOW);
      expect(result).toEqual({ ok: true, value: expect.objectContaining({ kind: n.dNumber ? 'no-d-number' : 'no-fodselsnummer', value: n.value, birthDate: iso(n) }) });
    }));
  });

  it('fails on any single-digit change', () => {
    fc.assert(fc.property(norwegian, fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 9 }), (n, position, delta) => {
      const digits = n.value.split('');
      digits[position] = String((Number(digits[position]) + delta) % 10);
      expect(parsePersonalNumber(digits.join(''), NOW).ok).toBe(false);
    }));
  });
});

describe('maskPersonalNumber', () => {
  it('keeps the birth date and hides the rest', () => {
    expect(maskPersonalNumber('191212121212')).toBe('19121212-****');
    expect(maskPersonalNumber('19121212-1212')).toBe('19121212-****');
    expect(maskPersonalNumber('121212-1212')).toBe('121212-****');
    expect(maskPersonalNumber('17048022480')).toBe('170480-*****');
  });

  it('hides everything it cannot recognise', () => {
    expect(maskPersonalNumber('12345')).toBe('*****');
    expect(maskPersonalNumber('')).toBe('****');
  });
});
