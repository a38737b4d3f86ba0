/**
 * Fixtures for the state modules' unit tests (Node, vitest): a store whose events are recorded,
 * a small offers-context answer, times and appointments, and a BFF client double that answers
 * from queues and records what it was asked.
 * @module
 */
import { EXT, SYSTEM, indexOffersContext } from '@itb/shared';
import type { Appointment, AvailableTime, Bundle, Catalog, ItbProblem, Patient } from '@itb/shared';
import { BffError, type BffClient, type FindQuery } from '../bff-client.js';
import { en } from '../locales/en.js';
import { initialSnapshot, type BookingSnapshot } from './booking-state.js';
import { BookingStore } from './booking-store.js';
import type { JourneyStorage, SavedJourney } from './journey-storage.js';
import type { SignInFlow } from './sign-in.js';
import type { TimesFlow } from './times.js';

export const CLINIC = 'hs-city';
export const HYGIENE = 'ad-hygiene';
export const CAMPAIGN_ONLY = 'ad-spring';
export const ELIN = 'pr-elin';
export const OMAR = 'pr-omar';
export const VISIT_TYPE = `${SYSTEM.serviceTypeId}|hyg45`;

/** A store on a plain EventTarget, with every event it sent. */
export function testStore(patch: Partial<BookingSnapshot> = {}): { store: BookingStore; events: Event[]; snapshots: BookingSnapshot[] } {
  const host = new EventTarget();
  const events: Event[] = [];
  for (const type of ['itb-step-change', 'itb-booked', 'itb-rescheduled', 'itb-cancelled', 'itb-signed-in', 'itb-error']) {
    host.addEventListener(type, (event) => events.push(event));
  }
  const store = new BookingStore(host, Object.freeze({ ...initialSnapshot(en), ...patch }));
  const snapshots: BookingSnapshot[] = [];
  store.subscribe((s) => snapshots.push(s));
  return { store, events, snapshots };
}

/** `[type, detail]` of each event, for one-line assertions. */
export function eventsOf(events: readonly Event[]): [string, unknown][] {
  return events.map((e) => [e.type, (e as CustomEvent).detail]);
}

const offer = (id: string, treatment: string, practitioner: string) => ({
  resourceType: 'Parameters', id,
  parameter: [{
    name: 'offering',
    part: [
      { name: 'activityDefinition', valueReference: { reference: `ActivityDefinition/${treatment}` } },
      { name: 'healthcareService', valueReference: { reference: `HealthcareService/${CLINIC}` } },
      { name: 'practitionerRole', valueReference: { reference: `PractitionerRole/${practitioner}` } },
      { name: 'isOnline', valueBoolean: true },
    ],
  }],
});

const treatment = (id: string, code: string) => ({
  resourceType: 'ActivityDefinition', id, title: id, status: 'active', kind: 'ServiceRequest',
  code: { coding: [{ system: SYSTEM.serviceTypeId, code }] },
});

const practitioner = (id: string) => ({
  resourceType: 'PractitionerRole', id, active: true, practitioner: { display: id },
  healthcareService: [{ reference: `HealthcareService/${CLINIC}` }],
});

/** One clinic in Stockholm with hygiene (Elin, Omar) and, with `campaign`, a campaign-only treatment (Elin). */
export function offersContext(campaign = false): Bundle {
  const resources = [
    { resourceType: 'HealthcareService', id: CLINIC, active: true, name: 'City clinic' },
    treatment(HYGIENE, 'hyg45'),
    practitioner(ELIN),
    practitioner(OMAR),
    offer('o-1', HYGIENE, ELIN),
    offer('o-2', HYGIENE, OMAR),
    ...(campaign ? [treatment(CAMPAIGN_ONLY, 'spring'), offer('o-3', CAMPAIGN_ONLY, ELIN)] : []),
  ];
  return { resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) } as Bundle;
}

export function catalog(campaign = false): Catalog {
  return indexOffersContext(offersContext(campaign));
}

/** A free time of `practitionerRoleId` (the `$find` Appointment as the BFF sends it). */
export function freeTime(start: string, practitionerRoleId = ELIN): AvailableTime {
  const end = new Date(Date.parse(start) + 45 * 60_000).toISOString();
  return {
    slotId: `slot-${start}-${practitionerRoleId}`, start, end, practitionerRoleId, clinicId: CLINIC, treatmentId: HYGIENE,
    appointment: {
      resourceType: 'Appointment', status: 'proposed', start, end,
      participant: [
        { actor: { reference: `HealthcareService/${CLINIC}` }, status: 'needs-action' },
        { actor: { reference: `PractitionerRole/${practitionerRoleId}` }, status: 'needs-action' },
      ],
    },
  };
}

/** A booked appointment of the patient's, as My bookings lists it. */
export function appointment(id: string, start: string): Appointment {
  return {
    resourceType: 'Appointment', id, status: 'booked', start, end: new Date(Date.parse(start) + 45 * 60_000).toISOString(),
    extension: [{ url: EXT.activityDefinitionReference, valueReference: { reference: `ActivityDefinition/${HYGIENE}` } }],
    participant: [
      { actor: { reference: `HealthcareService/${CLINIC}` }, status: 'accepted' },
      { actor: { reference: `PractitionerRole/${ELIN}` }, status: 'accepted' },
    ],
  };
}

/** An answer that never comes unless the request is aborted (then it fails as fetch does). */
export function pending(...args: unknown[]): Promise<never> {
  const signal = args.find((a): a is AbortSignal => a instanceof AbortSignal);
  return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
}

export function problem(reason: ItbProblem['reason'], status = 400): BffError {
  return new BffError({ reason, issueCode: 'processing', diagnostics: '', status });
}

/** A canned answer: a value, an Error to throw, or a function of the call's arguments (which may return a promise). */
type Answer = unknown;

/**
 * A BFF client double. Each method answers from its queue, in order; an empty queue throws, so an
 * unexpected call fails the test. Calls are recorded.
 */
export class FakeBff {
  readonly origin = 'https://bff.example';
  readonly calls: { method: string; args: unknown[] }[] = [];
  private readonly queues = new Map<string, Answer[]>();

  answer(method: keyof BffClient, ...answers: Answer[]): this {
    this.queues.set(method, [...(this.queues.get(method) ?? []), ...answers]);
    return this;
  }

  called(method: keyof BffClient): unknown[][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  private async next(method: string, args: unknown[]): Promise<never> {
    this.calls.push({ method, args });
    const queue = this.queues.get(method) ?? [];
    if (queue.length === 0) throw new Error(`unexpected call: ${method}`);
    const head = queue.shift();
    const value: unknown = await (typeof head === 'function' ? (head as (...a: unknown[]) => unknown)(...args) : head);
    if (value instanceof Error) throw value;
    return value as never;
  }

  offersContext(signal: AbortSignal, campaign?: string) { return this.next('offersContext', [signal, campaign]); }
  find(query: FindQuery, signal: AbortSignal) { return this.next('find', [query, signal]); }
  campaign(code: string, signal: AbortSignal) { return this.next('campaign', [code, signal]); }
  session(signal: AbortSignal) { return this.next('session', [signal]); }
  patient(signal: AbortSignal) { return this.next('patient', [signal]); }
  myAppointments(signal: AbortSignal) { return this.next('myAppointments', [signal]); }
  claimSession(handoff: string, claim: string, signal: AbortSignal) { return this.next('claimSession', [handoff, claim, signal]); }
  logout(signal: AbortSignal) { return this.next('logout', [signal]); }
  book(parameters: unknown, key: string, signal: AbortSignal, campaign?: string, attribution?: unknown) { return this.next('book', [parameters, key, signal, campaign, attribution]); }

  loginUrl(mode: string, returnTo: string, locale: string, claimHash?: string): string {
    this.calls.push({ method: 'loginUrl', args: [mode, returnTo, locale, claimHash] });
    return `${this.origin}/auth/login?mode=${mode}`;
  }
}

/**
 * What booking and My bookings need of the sibling modules, as doubles that log each call in
 * `calls` (`times.load`, `loadSession`, `prefillContact`); `patient` is the record already read, if any.
 */
export function siblings(calls: string[], patient?: Patient): { times: Pick<TimesFlow, 'load'>; signIn: Pick<SignInFlow, 'patient' | 'contact' | 'loadSession' | 'prefillContact'> } {
  return {
    times: { load: async () => { calls.push('times.load'); } },
    signIn: {
      patient,
      contact: () => patient ?? { resourceType: 'Patient', telecom: [] },
      loadSession: async () => { calls.push('loadSession'); },
      prefillContact: async () => { calls.push('prefillContact'); },
    },
  };
}

/** A journey storage in memory. */
export function memoryJourney(saved?: SavedJourney): JourneyStorage & { saved: SavedJourney | undefined } {
  const journey = {
    saved,
    save(j: SavedJourney) { journey.saved = j; },
    take() { const j = journey.saved; journey.saved = undefined; return j; },
    clear() { journey.saved = undefined; },
  };
  return journey;
}

/**
 * Runs every pending promise continuation: the double answers at once (microtasks), and the modules
 * fire some requests without awaiting them, so one macrotask turn sees them all through.
 */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
