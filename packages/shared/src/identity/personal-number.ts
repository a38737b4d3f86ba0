/**
 * Swedish personnummer / samordningsnummer and Norwegian fødselsnummer / D-number:
 * parse, validate the checksum, normalise to digits (spec §9.5, §15: SE 12 digits, NO 11 digits)
 * and derive the birth date.
 * @module
 */
import { PERSONAL_NUMBER_SYSTEM } from '../fhir/urls.js';
import { localDate } from '../time/zoned.js';

/** The kinds we recognise. */
export type PersonalNumberKind = 'se-personnummer' | 'se-samordningsnummer' | 'no-fodselsnummer' | 'no-d-number';

/** A valid personal number. */
export interface PersonalNumber {
  readonly kind: PersonalNumberKind;
  readonly country: 'SE' | 'NO';
  /** `Identifier.system` from PERSONAL_NUMBER_SYSTEM. */
  readonly system: string;
  /** Digits only: 12 for SE (YYYYMMDDNNNC), 11 for NO. */
  readonly value: string;
  /** YYYY-MM-DD. */
  readonly birthDate: string;
}

/** Why a string is not a personal number. */
export type PersonalNumberError = 'invalid-format' | 'invalid-date' | 'invalid-checksum';

/** Result of {@link parsePersonalNumber}. */
export type PersonalNumberResult =
  | { readonly ok: true; readonly value: PersonalNumber }
  | { readonly ok: false; readonly error: PersonalNumberError };

const SYSTEM_KINDS: Readonly<Record<string, readonly PersonalNumberKind[]>> = {
  [PERSONAL_NUMBER_SYSTEM.sePersonnummer]: ['se-personnummer'],
  [PERSONAL_NUMBER_SYSTEM.sePersonnummerHttp]: ['se-personnummer'],
  [PERSONAL_NUMBER_SYSTEM.seSamordningsnummer]: ['se-samordningsnummer'],
  [PERSONAL_NUMBER_SYSTEM.noFodselsnummer]: ['no-fodselsnummer'],
  [PERSONAL_NUMBER_SYSTEM.noDNumber]: ['no-d-number'],
};

const KIND_SYSTEM: Readonly<Record<PersonalNumberKind, string>> = {
  'se-personnummer': PERSONAL_NUMBER_SYSTEM.sePersonnummer,
  'se-samordningsnummer': PERSONAL_NUMBER_SYSTEM.seSamordningsnummer,
  'no-fodselsnummer': PERSONAL_NUMBER_SYSTEM.noFodselsnummer,
  'no-d-number': PERSONAL_NUMBER_SYSTEM.noDNumber,
};

const fail = (error: PersonalNumberError): PersonalNumberResult => ({ ok: false, error });

/** Luhn over digits (the Swedish check digit is the Luhn digit of the 10-digit form). */
function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isoDate = (year: number, month: number, day: number) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

/** Today's calendar date in Sweden: the frame in which the `-`/`+` separator is chosen. */
function todayParts(now: Date): { year: number; iso: string } {
  const iso = localDate(now.getTime(), 'Europe/Stockholm');
  return { year: Number(iso.slice(0, 4)), iso };
}

function parseSwedish(compact: string, separator: string, now: Date): PersonalNumberResult {
  const ten = compact.length === 12 ? compact.slice(2) : compact;
  const month = Number(ten.slice(2, 4));
  const rawDay = Number(ten.slice(4, 6));
  const kind: PersonalNumberKind = rawDay > 60 ? 'se-samordningsnummer' : 'se-personnummer';
  const day = kind === 'se-samordningsnummer' ? rawDay - 60 : rawDay;
  const today = todayParts(now);
  let year: number;
  if (compact.length === 12) {
    year = Number(compact.slice(0, 4));
  } else {
    const yy = Number(ten.slice(0, 2));
    if (separator === '+') {
      // `+` is written from the year the person turns 100 (Skatteverket), so the birth year is
      // the latest one ending in YY that lies at least 100 years back.
      const limit = today.year - 100;
      year = limit - (((limit - yy) % 100) + 100) % 100;
    } else {
      year = today.year - (((today.year - yy) % 100) + 100) % 100;
      // Not born yet this year → the previous century (someone not yet 100).
      if (isCalendarDate(year, month, day) && isoDate(year, month, day) > today.iso) year -= 100;
    }
  }
  if (!isCalendarDate(year, month, day)) return fail('invalid-date');
  const birthDate = isoDate(year, month, day);
  if (birthDate > today.iso) return fail('invalid-date');
  if (!luhnValid(ten)) return fail('invalid-checksum');
  return { ok: true, value: { kind, country: 'SE', system: KIND_SYSTEM[kind], value: `${pad(year, 4)}${ten.slice(2)}`, birthDate } };
}

/** Century from the individual number (digits 7–9) and the two-digit year (Skatteetaten's table). */
function norwegianCentury(individual: number, yy: number): number | undefined {
  if (individual <= 499) return 1900;
  if (individual <= 749 && yy >= 54) return 1800;
  if (yy <= 39) return 2000;
  if (individual >= 900) return 1900;
  return undefined;
}

function norwegianControlDigits(nine: string): string | undefined {
  const weights1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
  const weights2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const control = (digits: string, weights: number[]) => {
    const sum = weights.reduce((acc, w, i) => acc + w * Number(digits[i]), 0);
    const k = (11 - (sum % 11)) % 11;
    return k === 10 ? undefined : String(k);
  };
  const k1 = control(nine, weights1);
  if (k1 === undefined) return undefined;
  const k2 = control(nine + k1, weights2);
  return k2 === undefined ? undefined : k1 + k2;
}

function parseNorwegian(digits: string, now: Date): PersonalNumberResult {
  const rawDay = Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  const yy = Number(digits.slice(4, 6));
  const kind: PersonalNumberKind = rawDay > 40 ? 'no-d-number' : 'no-fodselsnummer';
  const day = kind === 'no-d-number' ? rawDay - 40 : rawDay;
  const century = norwegianCentury(Number(digits.slice(6, 9)), yy);
  if (century === undefined) return fail('invalid-date');
  const year = century + yy;
  if (!isCalendarDate(year, month, day)) return fail('invalid-date');
  const birthDate = isoDate(year, month, day);
  if (birthDate > todayParts(now).iso) return fail('invalid-date');
  if (norwegianControlDigits(digits.slice(0, 9)) !== digits.slice(9)) return fail('invalid-checksum');
  return { ok: true, value: { kind, country: 'NO', system: KIND_SYSTEM[kind], value: digits, birthDate } };
}

/**
 * Parse what a person types (`19121212-1212`, `121212-1212`, `121212+1212`, `191212121212`,
 * `01010112345` …). 10-digit Swedish numbers need `now` to infer the century (`+` = 100 years or older).
 * `system` restricts the kind when the caller knows it (e.g. from an Identifier).
 * Whitespace is ignored; a Norwegian number may have one `-` or space after the birth date.
 * @example parsePersonalNumber('121212-1212', new Date()) // → { ok: true, value: { value: '191212121212', … } }
 */
export function parsePersonalNumber(input: string, now: Date, system?: string): PersonalNumberResult {
  if (typeof input !== 'string') return fail('invalid-format');
  const allowed = system === undefined ? undefined : SYSTEM_KINDS[system];
  if (system !== undefined && allowed === undefined) return fail('invalid-format');
  const trimmed = input.replace(/\s+/g, '');
  const match = /^(\d{6}|\d{8})([-+]?)(\d{4,5})$/.exec(trimmed) ?? /^(\d+)()()$/.exec(trimmed);
  if (match === null) return fail('invalid-format');
  const [, head = '', separator = '', tail = ''] = match;
  const compact = head + tail;
  let result: PersonalNumberResult;
  if (compact.length === 11) {
    if (separator === '+') return fail('invalid-format');
    result = parseNorwegian(compact, now);
  } else if (compact.length === 10 || compact.length === 12) {
    // A 12-digit number states its century; a `+` there would contradict or repeat it.
    if (compact.length === 12 && separator === '+') return fail('invalid-format');
    result = parseSwedish(compact, separator, now);
  } else {
    return fail('invalid-format');
  }
  if (!result.ok || allowed === undefined || system === undefined) return result;
  if (!allowed.includes(result.value.kind)) return fail('invalid-format');
  return { ok: true, value: { ...result.value, system } };
}

/**
 * Mask for display and logs: `19121212-****` (SE), `010101-*****` (NO).
 * Anything that does not look like a personal number is masked whole.
 */
export function maskPersonalNumber(value: string): string {
  const digits = String(value).replace(/\D/g, '');
  if (digits.length === 12) return `${digits.slice(0, 8)}-****`;
  if (digits.length === 10 || digits.length === 11) return `${digits.slice(0, 6)}-${'*'.repeat(digits.length - 6)}`;
  return '*'.repeat(Math.max(4, digits.length));
}
