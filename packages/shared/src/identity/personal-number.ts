/**
 * Swedish personnummer / samordningsnummer and Norwegian fødselsnummer / D-number:
 * parse, validate the checksum, normalise to digits (spec §9.5, §15: SE 12 digits, NO 11 digits)
 * and derive the birth date.
 * @module
 */

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

/**
 * Parse what a person types (`19121212-1212`, `121212-1212`, `121212+1212`, `191212121212`,
 * `01010112345` …). 10-digit Swedish numbers need `now` to infer the century (`+` = 100 years or older).
 * `system` restricts the kind when the caller knows it (e.g. from an Identifier).
 */
export function parsePersonalNumber(input: string, now: Date, system?: string): PersonalNumberResult {
  void input; void now; void system; throw new Error('TODO');
}

/** Mask for display and logs: `19121212-****`. */
export function maskPersonalNumber(value: string): string { void value; throw new Error('TODO'); }
