/**
 * The server decides: each request below is tampered with as an attacker would, and each is refused
 * with an OperationOutcome before anything reaches ITB's `$book` (or, for bad references, any
 * upstream URL at all).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDEMPOTENCY_HEADER, type Appointment, type Bundle } from '@itb/shared';
import {
  PERSON, STOCKHOLM_ANNA, appointmentOf, bookParameters, createBody, findTimes, freeTimePicker, postBook, reasonOf, type Offer,
} from '../test/booking-fixtures.test-support.js';
import { createPatientClient, type PatientClient, type ResponseLog } from '../test/patient-client.test-support.js';
import { signInPatient, startPatientEnv, type PatientEnv } from '../test/patient-env.test-support.js';
import { TEST_ORIGIN } from '../test/bff-test-env.test-support.js';
import type { PatientSession } from './plugins/session.js';

const DAY = 86_400_000;
const SPRING = 'ad-spring-check-45';
const log: ResponseLog = [];
const sessions: PatientSession[] = [];
let env: PatientEnv;
let alva: PatientClient;
let elsa: PatientClient;
const pick = freeTimePicker();

beforeAll(async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'itb-bff-server-decides-')), 'campaigns.json');
  const now = Date.now();
  writeFileSync(file, JSON.stringify([
    { code: 'SPRING26', validFrom: new Date(now - DAY).toISOString(), validTo: new Date(now + 90 * DAY).toISOString(), clinicIds: ['hs-stockholm-city'] },
    { code: 'OLDSPRING', tag: 'SPRING26', validTo: new Date(now - DAY).toISOString() },
  ]));
  env = await startPatientEnv({ env: { ITB_CAMPAIGNS_FILE: file, ITB_RATE_LIMIT_BOOK_PER_MINUTE: '1000' } });
  alva = await signInPatient(env, PERSON.alva, log, sessions);
  elsa = await signInPatient(env, PERSON.elsa, log, sessions);
});
afterAll(() => env?.close());

/** A free time nobody else in this file has taken yet. */
const freeTime = (offer?: Offer): Promise<Appointment> => pick(alva, offer);

const window = () => `start=${new Date(Date.now() + 3 * DAY).toISOString()}&end=${new Date(Date.now() + 10 * DAY).toISOString()}`;
const timesOf = (body: Bundle) => (body.entry ?? []).map((e) => e.resource).filter((r): r is Appointment => r?.resourceType === 'Appointment');
const withParticipant = (time: Appointment, type: 'HealthcareService' | 'PractitionerRole', id: string): Appointment => ({
  ...time,
  participant: [
    ...(time.participant ?? []).filter((p) => p.actor?.type !== type && !(p.actor?.reference ?? '').includes(`${type}/`)),
    { actor: { type, reference: `${type}/${id}` }, status: 'accepted' },
  ],
});
const withSlot = (time: Appointment, slot: string): Appointment => ({
  ...time,
  identifier: (time.identifier ?? []).map((i) => (i.system?.endsWith('/slot-id') === true ? { ...i, value: slot } : i)),
});

/** Send each tampered body; every one must be refused with one of `statuses`, and none may reach `$book`. */
async function expectRefused(client: PatientClient, bodies: Record<string, unknown>, statuses: readonly number[]): Promise<Record<string, string | undefined>> {
  env.sandbox.knobs.resetCounts();
  const before = env.sandbox.knobs.bookings().length;
  const reasons: Record<string, string | undefined> = {};
  for (const [name, body] of Object.entries(bodies)) {
    const answer = await postBook(client, body);
    expect(statuses, `${name}: ${answer.status} ${JSON.stringify(answer.body)}`).toContain(answer.status);
    reasons[name] = reasonOf(answer.body);
  }
  expect(env.sandbox.knobs.requestCount('$book')).toBe(0);
  expect(env.sandbox.knobs.bookings()).toHaveLength(before);
  return reasons;
}

describe('create and modify send only an offered time', () => {
  it('refuses a tampered end, another practitioner, another clinic, an invented slot and a start between slots', async () => {
    const time = await freeTime();
    const start = Date.parse(time.start ?? '');
    const longEnd = new Date(start + 6 * 3_600_000).toISOString();
    const reasons = await expectRefused(alva, {
      end: createBody({ ...time, end: longEnd, requestedPeriod: [{ start: time.start, end: longEnd }] }),
      practitioner: createBody(withParticipant(time, 'PractitionerRole', 'pr-anna-berg-sod')),
      clinic: createBody(withParticipant(time, 'HealthcareService', 'hs-bergen-sentrum')),
      slot: createBody(withSlot(time, '001-2026-01-01T03:00:00-B3301-E8812-R1')),
      start: createBody({ ...time, start: new Date(start + 7 * 60_000).toISOString() }),
    }, [409, 422]);
    expect(reasons).toEqual({ end: 'not-offered', practitioner: 'slot-taken', clinic: 'not-offered', slot: 'slot-taken', start: 'slot-taken' });

    // The untampered time books, with the end ITB offered.
    const booked = await postBook(alva, createBody(time));
    expect(booked.status).toBe(200);
    expect(Date.parse(appointmentOf(booked.body).end ?? '')).toBe(Date.parse(time.end ?? ''));
  });

  it('refuses a reschedule to a tampered time, another clinic or another treatment', async () => {
    const booked = appointmentOf((await postBook(alva, createBody(await freeTime()))).body);
    const target = await freeTime();
    const elsewhere = await freeTime({ clinic: 'hs-stockholm-sodermalm', role: 'pr-sara-nilsson-sod', treatment: 'ad-examination-30' });
    const move = (time: Appointment) => bookParameters({ ...booked, status: 'booked', start: time.start, end: time.end, identifier: time.identifier, participant: time.participant });
    const longEnd = new Date(Date.parse(target.start ?? '') + 6 * 3_600_000).toISOString();
    const reasons = await expectRefused(alva, {
      end: move({ ...target, end: longEnd }),
      clinic: move(elsewhere),
      slot: move(withSlot(target, 'invented')),
    }, [409, 422]);
    expect(reasons).toEqual({ end: 'not-offered', clinic: 'not-offered', slot: 'slot-taken' });
    expect(env.sandbox.knobs.bookings().find((b) => b.id === booked.id)?.start).toBe(booked.start);
  });
});

describe('rules are checked against the practitioner\'s own clinic', () => {
  it('a child cannot book an 18+ clinic\'s time by naming another clinic, nor by naming none', async () => {
    const goteborg: Offer = { clinic: 'hs-goteborg-centrum', role: 'pr-karin-dahl-got', treatment: 'ad-examination-30' };
    const time = await freeTime(goteborg);
    const reasons = await expectRefused(elsa, {
      namedStockholm: createBody(withParticipant(time, 'HealthcareService', 'hs-stockholm-city')),
      namedNone: createBody(time),
    }, [422]);
    expect(reasons).toEqual({ namedStockholm: 'not-offered', namedNone: 'too-young' });
  });
});

describe('campaign-only treatments need a valid code', () => {
  const springAtCity = (campaign?: string) =>
    `fhir/Appointment/$find?${window()}&healthcareService=HealthcareService/hs-stockholm-city&visit-type=${encodeURIComponent('http://portal.wof.purified.link/fhir/CodeSystem/csServiceType|varkoll')}${campaign === undefined ? '' : `&campaign=${campaign}`}`;

  it('$find refuses them without a valid code for that clinic and leaves them out of unnarrowed searches', async () => {
    env.sandbox.knobs.resetCounts();
    for (const code of [undefined, 'OLDSPRING', 'NOPE']) {
      const answer = await alva.json(springAtCity(code));
      expect([answer.status, reasonOf(answer.body)], String(code)).toEqual([422, 'campaign-required']);
    }
    const scoped = await alva.json(`fhir/Appointment/$find?${window()}&healthcareService=HealthcareService/hs-stockholm-sodermalm&practitionerRole=PractitionerRole/pr-sara-nilsson-sod&visit-type=${encodeURIComponent('http://portal.wof.purified.link/fhir/CodeSystem/csServiceType|varkoll')}&campaign=SPRING26`);
    expect([scoped.status, reasonOf(scoped.body)]).toEqual([422, 'campaign-required']);
    expect(env.sandbox.knobs.requestCount('varkoll')).toBe(0);

    const unlocked = await alva.json<Bundle>(springAtCity('SPRING26'));
    expect(unlocked.status).toBe(200);
    expect(timesOf(unlocked.body).length).toBeGreaterThan(0);
    // Without a visit-type ITB answers every treatment of the practitioner: the campaign ones are dropped.
    const everything = await alva.json<Bundle>(`fhir/Appointment/$find?${window()}&practitionerRole=PractitionerRole/pr-anna-berg-sto`);
    expect(JSON.stringify(timesOf(everything.body))).not.toContain(SPRING);
    expect(timesOf(everything.body).length).toBeGreaterThan(0);
  });

  it('$book refuses a campaign time without a valid code and books it with one', async () => {
    const time = timesOf((await alva.json<Bundle>(springAtCity('SPRING26'))).body)[5] as Appointment;
    const bookWith = (campaign: string | undefined) => alva.json(`fhir/Appointment/$book${campaign === undefined ? '' : `?campaign=${campaign}`}`, {
      method: 'POST',
      body: JSON.stringify(createBody(time)),
      headers: { 'content-type': 'application/fhir+json', [IDEMPOTENCY_HEADER]: `campaign-${campaign ?? 'none'}-${Date.now()}` },
    });
    env.sandbox.knobs.resetCounts();
    for (const code of [undefined, 'OLDSPRING']) {
      const answer = await bookWith(code);
      expect([answer.status, reasonOf(answer.body)], String(code)).toEqual([422, 'campaign-required']);
    }
    expect(env.sandbox.knobs.requestCount('$book')).toBe(0);
    expect((await bookWith('SPRING26')).status).toBe(200);
  });
});

describe('browser references are checked with the one id rule before any upstream URL', () => {
  it('never lets a reference carry a query or a path upstream', async () => {
    env.sandbox.knobs.resetCounts();
    const find = await alva.json(`fhir/Appointment/$find?${window()}&practitionerRole=${encodeURIComponent('PractitionerRole/nope?x=1')}`);
    expect([find.status, reasonOf(find.body)]).toEqual([400, 'invalid-parameter']);
    const time = await freeTime();
    env.sandbox.knobs.resetCounts();
    const reasons = await expectRefused(alva, {
      query: createBody(withParticipant(time, 'PractitionerRole', 'nope?x=1')),
      path: createBody(withParticipant(time, 'HealthcareService', '../Patient')),
      treatment: createBody({ ...time, extension: [{ url: 'https://canonical.fhir.link/servicewell/wof-portal/StructureDefinition/activity-definition-reference', valueReference: { reference: 'ActivityDefinition/x#y' } }] }),
    }, [400]);
    expect(Object.values(reasons)).toEqual(['invalid-parameter', 'invalid-parameter', 'invalid-parameter']);
    expect(env.sandbox.knobs.requestCount('nope')).toBe(0);
    expect(env.sandbox.knobs.requestCount('Patient')).toBe(0);
  });
});

describe('sessions come first', () => {
  it('answers a write without a session 401 before looking at its body', async () => {
    const anonymous = createPatientClient(env.bff.baseUrl, log);
    for (const body of ['not json at all', '{"resourceType":"Parameters"}', JSON.stringify({ resourceType: 'Parameters', parameter: [{ name: 'x'.repeat(500) }] })]) {
      const answer = await anonymous.json('fhir/Appointment/$book', { method: 'POST', body, headers: { 'content-type': 'application/fhir+json', [IDEMPOTENCY_HEADER]: 'anonymous-key-1' } });
      expect([answer.status, reasonOf(answer.body)]).toEqual([401, 'login-required']);
    }
  });

  it('an IdP error answer that does not carry this login\'s state never touches the session', async () => {
    const patient = await signInPatient(env, PERSON.alva, log, sessions);
    const forged = await patient.request('auth/callback?error=access_denied');
    expect(forged.response.status).toBe(401);
    expect((await patient.json<{ signedIn: boolean }>('auth/session')).body.signedIn).toBe(true);

    // With a login under way, a forged error with another state is refused too…
    const started = await patient.request(`auth/login?${new URLSearchParams({ returnTo: `${TEST_ORIGIN}/book`, mode: 'redirect' }).toString()}`);
    const state = new URL(started.response.headers.get('location') ?? '').searchParams.get('state');
    expect((await patient.request('auth/callback?error=access_denied&state=not-the-state')).response.status).toBe(401);
    expect((await patient.json<{ signedIn: boolean }>('auth/session')).body.signedIn).toBe(true);
    // …and even the real cancel of that login leaves the existing session alone.
    const cancelled = await patient.request(`auth/callback?error=access_denied&state=${state ?? ''}`);
    expect(cancelled.response.status).toBe(303);
    expect((await patient.json<{ signedIn: boolean }>('auth/session')).body.signedIn).toBe(true);
  });
});
