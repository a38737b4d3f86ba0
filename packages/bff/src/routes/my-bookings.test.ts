import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment, Bundle, Patient } from '@itb/shared';
import { PERSON, appointmentOf, bookParameters, createBody, findTimes, postBook, reasonOf } from '../../test/booking-fixtures.test-support.js';
import { createPatientClient, type PatientClient, type ResponseLog } from '../../test/patient-client.test-support.js';
import { secretsOf, signInPatient, startPatientEnv, type PatientEnv } from '../../test/patient-env.test-support.js';
import type { PatientSession } from '../plugins/session.js';

let env: PatientEnv;
let alva: PatientClient;
let erik: PatientClient;
let alvasBooking: Appointment;
const log: ResponseLog = [];
const sessions: PatientSession[] = [];

const signIn = (personalNumber: string): Promise<PatientClient> => signInPatient(env, personalNumber, log, sessions);

beforeAll(async () => {
  env = await startPatientEnv({ env: { ITB_RATE_LIMIT_BOOK_PER_MINUTE: '1000' } });
  alva = await signIn(PERSON.alva);
  erik = await signIn(PERSON.erik);
  const [time] = await findTimes(alva, { clinic: 'hs-stockholm-city', role: 'pr-anna-berg-sto', treatment: 'ad-examination-30' });
  const booked = await postBook(alva, createBody(time as Appointment));
  expect(booked.status).toBe(200);
  alvasBooking = appointmentOf(booked.body);
});
afterAll(async () => {
  // No token, API key or secret in anything a browser could read from these routes.
  const secrets = secretsOf(env.bff.config, sessions);
  expect(sessions).toHaveLength(2);
  for (const response of log) {
    const readable = [response.body, ...response.headers.filter(([name]) => name !== 'set-cookie').map(([, value]) => value)].join('\n');
    for (const secret of secrets) expect(readable.includes(secret), `${response.url} leaks a secret`).toBe(false);
  }
  await env?.close();
});

const patientNumbers = (bundle: Bundle) => (bundle.entry ?? []).map((e) => (e.resource as Appointment).participant
  ?.find((p) => p.actor?.identifier !== undefined)?.actor?.identifier?.value);

describe('my bookings', () => {
  it('lists only the signed-in patient\'s appointments, never cached', async () => {
    const mine = await alva.json<Bundle>('fhir/Appointment');
    expect(mine.status).toBe(200);
    expect(mine.headers.get('cache-control')).toBe('no-store');
    expect(mine.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    expect((mine.body.entry ?? []).map((e) => e.resource?.id)).toContain(alvasBooking.id);
    expect(new Set(patientNumbers(mine.body))).toEqual(new Set([PERSON.alva]));
    for (const entry of mine.body.entry ?? []) expect(entry.fullUrl?.startsWith(`${env.bff.baseUrl}/fhir/Appointment/`)).toBe(true);

    const theirs = await erik.json<Bundle>('fhir/Appointment?status=booked,cancelled&date=ge2020-01-01');
    expect(theirs.status).toBe(200);
    expect((theirs.body.entry ?? []).map((e) => e.resource?.id)).not.toContain(alvasBooking.id);
    expect(patientNumbers(theirs.body).every((n) => n === PERSON.erik)).toBe(true);
  });

  it('validates the passthrough parameters', async () => {
    for (const query of ['status=bogus', 'date=tomorrow', 'date=ge2026-01-01&date=le2026-02-01&date=eq2026-01-05', `status=${'booked,'.repeat(60)}`]) {
      const answer = await alva.json(`fhir/Appointment?${query}`);
      expect([answer.status, reasonOf(answer.body)], query).toEqual([400, 'invalid-parameter']);
    }
    expect((await alva.json('fhir/Appointment?date=ge2026-01-01&date=le2030-02-01')).status).toBe(200);
  });

  it('pages the list with _count, links under the public base, and lists ignored parameters', async () => {
    const [, , another] = await findTimes(alva, { clinic: 'hs-stockholm-city', role: 'pr-anna-berg-sto', treatment: 'ad-examination-30' });
    expect((await postBook(alva, createBody(another as Appointment))).status).toBe(200);
    const whole = await alva.json<Bundle>('fhir/Appointment');
    const all = (whole.body.entry ?? []).map((e) => e.resource?.id);
    expect(all.length).toBeGreaterThanOrEqual(2);
    const base = `${env.bff.config.publicUrl}/fhir/Appointment`;
    expect(whole.body.link).toEqual([{ relation: 'self', url: base }]);
    const seen: unknown[] = [];
    let path: string | undefined = 'fhir/Appointment?_count=1';
    while (path !== undefined) {
      const page: { status: number; body: Bundle } = await alva.json<Bundle>(path);
      expect([page.status, page.body.total]).toEqual([200, all.length]);
      seen.push(...(page.body.entry ?? []).map((e) => e.resource?.id));
      const next = page.body.link?.find((l) => l.relation === 'next')?.url;
      path = next === undefined ? undefined : next.slice(`${env.bff.config.publicUrl}/`.length);
    }
    expect(seen).toEqual(all);
    const count = await alva.json<Bundle>('fhir/Appointment?_summary=count&status=booked,pending');
    expect([count.body.total, count.body.entry]).toEqual([expect.any(Number), undefined]);
    expect(count.body.link?.[0]?.url).toBe(`${base}?_summary=count&status=booked,pending`);
    const ignored = await alva.json<Bundle>('fhir/Appointment?patient=Patient/someone-else');
    const outcome = (ignored.body.entry ?? []).find((e) => e.search?.mode === 'outcome')?.resource as { issue: { expression?: string[] }[] } | undefined;
    expect(outcome?.issue[0]?.expression).toEqual(['patient']);
    expect((await alva.json('fhir/Appointment?patient=x', { headers: { prefer: 'handling=strict' } })).status).toBe(400);
  });

  it('reads one appointment only for its owner; another patient\'s looks exactly like a missing one', async () => {
    const own = await alva.json<Appointment>(`fhir/Appointment/${alvasBooking.id}`);
    expect(own.status).toBe(200);
    expect(own.body.id).toBe(alvasBooking.id);
    const foreign = await erik.json(`fhir/Appointment/${alvasBooking.id}`);
    const missing = await erik.json('fhir/Appointment/no-such-appointment');
    expect([foreign.status, reasonOf(foreign.body)]).toEqual([404, 'not-found']);
    expect(foreign.body).toEqual(missing.body);
    expect((await erik.json('fhir/Appointment/bad%20id')).status).toBe(400);
  });

  it('patient B cannot modify or cancel patient A\'s appointment, and nothing changes upstream', async () => {
    const before = env.sandbox.knobs.bookings();
    env.sandbox.knobs.resetCounts();
    const times = await findTimes(erik, { clinic: 'hs-stockholm-city', role: 'pr-anna-berg-sto', treatment: 'ad-examination-30' }, new Date(), 4, 9);
    const moved = await postBook(erik, bookParameters({ ...(times[5] as Appointment), id: alvasBooking.id, status: 'booked' }));
    expect([moved.status, reasonOf(moved.body)]).toEqual([404, 'not-found']);
    const cancelled = await postBook(erik, bookParameters({ ...alvasBooking, status: 'cancelled' }));
    expect([cancelled.status, reasonOf(cancelled.body)]).toEqual([404, 'not-found']);
    expect(env.sandbox.knobs.requestCount('$book')).toBe(0);
    expect(env.sandbox.knobs.bookings()).toEqual(before);
  });

  it('answers /fhir/Patient/me with the signed-in patient only', async () => {
    const me = await alva.json<Patient>('fhir/Patient/me');
    expect(me.status).toBe(200);
    expect(me.body.resourceType).toBe('Patient');
    expect(me.body.identifier?.some((i) => i.value === PERSON.alva)).toBe(true);
    expect(JSON.stringify(me.body)).not.toContain(PERSON.erik);
    expect(me.headers.get('cache-control')).toBe('no-store');
  });

  it('asks for sign-in without a session', async () => {
    const anonymous = createPatientClient(env.bff.baseUrl, log);
    for (const path of ['fhir/Appointment', `fhir/Appointment/${alvasBooking.id}`, 'fhir/Patient/me']) {
      const answer = await anonymous.json(path);
      expect([answer.status, reasonOf(answer.body)]).toEqual([401, 'login-required']);
    }
  });
});
