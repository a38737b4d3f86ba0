/**
 * Booking fixtures for BFF tests: find real times through the BFF's own `$find` and turn them into
 * the `$book` Parameters the widget sends. Not part of the build.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { IDEMPOTENCY_HEADER, type Appointment, type Bundle, type Parameters, type Patient } from '@itb/shared';
import type { PatientClient } from './patient-client.test-support.js';

/** The seeded persons the suites sign in as. */
export const PERSON = {
  alva: '198503149828',
  erik: '199007219919',
  /** Born 2014: too young for clinics with an 18-year limit. */
  elsa: '201405209865',
} as const;

/** A practitioner and treatment whose times a suite books. */
export interface Offer {
  readonly clinic: string;
  readonly role: string;
  readonly treatment: string;
}

export const STOCKHOLM_ANNA: Offer = { clinic: 'hs-stockholm-city', role: 'pr-anna-berg-sto', treatment: 'ad-examination-30' };

/** Free times of `offer` between `fromDays` and `toDays` days from `now`, via the BFF. */
export async function findTimes(client: PatientClient, offer: Offer, now: Date = new Date(), fromDays = 3, toDays = 10): Promise<Appointment[]> {
  const treatment = await client.json<{ code?: { coding?: Array<{ system?: string; code?: string }> } }>(`fhir/ActivityDefinition/${offer.treatment}`);
  const coding = treatment.body?.code?.coding?.[0];
  const query = new URLSearchParams({
    start: new Date(now.getTime() + fromDays * 86_400_000).toISOString(),
    end: new Date(now.getTime() + toDays * 86_400_000).toISOString(),
    healthcareService: `HealthcareService/${offer.clinic}`,
    practitionerRole: `PractitionerRole/${offer.role}`,
  });
  if (coding?.system !== undefined && coding.code !== undefined) query.set('visit-type', `${coding.system}|${coding.code}`);
  const found = await client.json<Bundle>(`fhir/Appointment/$find?${query.toString()}`);
  if (found.status !== 200) throw new Error(`$find answered ${found.status}: ${JSON.stringify(found.body)}`);
  return (found.body.entry ?? []).map((e) => e.resource).filter((r): r is Appointment => r?.resourceType === 'Appointment');
}

/**
 * A picker of free times nobody else in one test file has taken yet: each call skips ahead, so
 * bookings made by earlier tests never collide with later ones.
 */
export function freeTimePicker(): (client: PatientClient, offer?: Offer) => Promise<Appointment> {
  let used = 0;
  return async (client, offer = STOCKHOLM_ANNA) => {
    const times = await findTimes(client, offer);
    const time = times[used % times.length];
    used += 3;
    if (time === undefined) throw new Error(`no free times for ${offer.role}`);
    return time;
  };
}

/** `$book` Parameters as the widget sends them. */
export function bookParameters(appointment: Appointment, options: { phone?: string | null; email?: string; comment?: string } = {}): Parameters {
  const telecom = [
    ...(options.phone === null ? [] : [{ system: 'phone' as const, value: options.phone ?? '+46701740605', use: 'mobile' as const }]),
    ...(options.email === undefined ? [] : [{ system: 'email' as const, value: options.email }]),
  ];
  const patient: Patient = { resourceType: 'Patient', telecom };
  return {
    resourceType: 'Parameters',
    parameter: [
      { name: 'appointment-resource', resource: appointment },
      { name: 'patient-resource', resource: patient },
      ...(options.comment === undefined ? [] : [{ name: 'comment', valueString: options.comment }]),
    ],
  };
}

/** A create request body for a `$find` time. */
export function createBody(time: Appointment, options: { comment?: string; phone?: string | null; email?: string } = {}): Parameters {
  return bookParameters({ ...time, status: 'pending' }, options);
}

/** POST `$book` with JSON `body` (+ a fresh Idempotency-Key unless given or `null`). */
export async function postBook(client: PatientClient, body: unknown, key: string | null = randomUUID(), extra: RequestInit & { csrf?: boolean; origin?: string | null } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/fhir+json' };
  if (key !== null) headers[IDEMPOTENCY_HEADER] = key;
  return client.json<Bundle & { issue?: Array<{ details?: { coding?: Array<{ code?: string }> } }> }>('fhir/Appointment/$book', {
    method: 'POST',
    body: JSON.stringify(body),
    ...extra,
    headers: { ...headers, ...(extra.headers as Record<string, string> | undefined) },
  });
}

/** The reason code of an OperationOutcome body. */
export function reasonOf(body: unknown): string | undefined {
  return (body as { issue?: Array<{ details?: { coding?: Array<{ code?: string }> } }> } | undefined)?.issue?.[0]?.details?.coding?.[0]?.code;
}

/** The Appointment of a `$book` success Bundle. */
export function appointmentOf(body: Bundle): Appointment {
  const found = (body.entry ?? []).map((e) => e.resource).find((r): r is Appointment => r?.resourceType === 'Appointment');
  if (found === undefined) throw new Error('no Appointment in the answer');
  return found;
}
