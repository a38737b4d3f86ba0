/**
 * Who signed in: read from the ID-token claims (`wof-profile`: personal_number,
 * personal_number_system, given_name, family_name, birthdate, name) or, when the IdP leaves them
 * out, from the Patient resource ITB returns for the patient token (spec §3.5, §15.2).
 * @module
 */
import { PERSONAL_NUMBER_SYSTEM, parsePersonalNumber, type Patient, type PatientIdentity } from '@itb/shared';

/** The identity kept in the session (with the name to show). */
export type SessionIdentity = PatientIdentity & { readonly displayName: string };

const KNOWN_SYSTEMS = new Set<string>(Object.values(PERSONAL_NUMBER_SYSTEM));

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Normalise a personal number to digits with its system (spec §15.12). A number our parser
 * recognises takes the parser's system (it tells samordningsnummer from personnummer); one it does
 * not know (e.g. a Norwegian H-number) keeps the system the IdP stated.
 */
function personalNumberOf(value: string, statedSystem: string | undefined, now: Date): { system: string; value: string } | undefined {
  const parsed = parsePersonalNumber(value, now);
  if (parsed.ok) return { system: parsed.value.system, value: parsed.value.value };
  const digits = value.replace(/\D/g, '');
  if (statedSystem === undefined || digits.length < 10) return undefined;
  return { system: statedSystem, value: digits };
}

function identity(
  number: { system: string; value: string },
  givenName: string | undefined,
  familyName: string | undefined,
  birthDate: string | undefined,
  displayName: string | undefined,
): SessionIdentity {
  const given = givenName ?? '';
  const family = familyName ?? '';
  const shown = displayName ?? `${given} ${family}`.trim();
  return {
    personalNumber: number,
    givenName: given,
    familyName: family,
    ...(birthDate === undefined ? {} : { birthDate }),
    displayName: shown,
  };
}

/** The identity from ID-token claims, or undefined when they carry no usable personal number. */
export function identityFromClaims(claims: Readonly<Record<string, unknown>> | undefined, now: Date): SessionIdentity | undefined {
  if (claims === undefined) return undefined;
  const raw = text(claims['personal_number']);
  if (raw === undefined) return undefined;
  const number = personalNumberOf(raw, text(claims['personal_number_system']), now);
  if (number === undefined) return undefined;
  const birthDate = text(claims['birthdate']);
  return identity(number, text(claims['given_name']), text(claims['family_name']), birthDate !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(birthDate) ? birthDate : undefined, text(claims['name']));
}

/** The identity from a Patient (or a searchset Bundle of Patients) returned for the patient token. */
export function identityFromPatientBody(body: unknown, now: Date): SessionIdentity | undefined {
  const patients: Patient[] = [];
  const resource = body as { resourceType?: unknown; entry?: Array<{ resource?: unknown }> } | null;
  if (resource?.resourceType === 'Patient') patients.push(resource as unknown as Patient);
  if (resource?.resourceType === 'Bundle' && Array.isArray(resource.entry)) {
    for (const entry of resource.entry) {
      if ((entry?.resource as { resourceType?: unknown } | undefined)?.resourceType === 'Patient') patients.push(entry.resource as Patient);
    }
  }
  // More than one patient for one token would make "who is this" ambiguous: refuse rather than guess.
  if (patients.length !== 1) return undefined;
  const patient = patients[0] as Patient;
  const id = (patient.identifier ?? []).find((i) => i.system !== undefined && KNOWN_SYSTEMS.has(i.system) && text(i.value) !== undefined);
  if (id?.value === undefined) return undefined;
  const number = personalNumberOf(id.value, id.system, now);
  if (number === undefined) return undefined;
  const name = patient.name?.[0];
  const given = name?.given?.filter((g) => text(g) !== undefined).join(' ');
  return identity(number, text(given), text(name?.family), text(patient.birthDate), text(name?.text));
}
