import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Appointment } from '@itb/shared';
import { TEST_FOREIGN_ORIGIN } from '../../test/bff-test-env.test-support.js';
import {
  PERSON, STOCKHOLM_ANNA, appointmentOf, bookParameters, createBody, findTimes, freeTimePicker, postBook, reasonOf, type Offer,
} from '../../test/booking-fixtures.test-support.js';
import { createPatientClient, type PatientClient, type ResponseLog } from '../../test/patient-client.test-support.js';
import { secretsOf, signInPatient, startPatientEnv, type PatientEnv } from '../../test/patient-env.test-support.js';
import { captureLog } from '../../test/log-capture.test-support.js';
import type { PatientSession } from '../plugins/session.js';

const { stream: capture, lines } = captureLog();
const log: ResponseLog = [];
const sessions: PatientSession[] = [];
let env: PatientEnv;
let clock: Date | undefined;
let alva: PatientClient;
let erik: PatientClient;

const signIn = (personalNumber: string): Promise<PatientClient> => signInPatient(env, personalNumber, log, sessions);

beforeAll(async () => {
  env = await startPatientEnv({
    now: () => clock ?? new Date(),
    logger: { level: 'info', stream: capture },
    env: { ITB_RATE_LIMIT_BOOK_PER_MINUTE: '1000' },
    extraPorts: 1,
  });
  alva = await signIn(PERSON.alva);
  erik = await signIn(PERSON.erik);
});
beforeEach(() => {
  clock = undefined;
});
afterAll(async () => {
  const secrets = secretsOf(env.bff.config, sessions);
  for (const response of log) {
    const readable = [response.body, ...response.headers.filter(([name]) => name !== 'set-cookie').map(([, value]) => value)].join('\n');
    for (const secret of secrets) expect(readable.includes(secret), `${response.url} leaks a secret`).toBe(false);
  }
  await env?.close();
});

const bookingsOf = (personalNumber: string) => env.sandbox.knobs.bookings().filter((b) => b.participant?.some((p) => p.actor?.identifier?.value === personalNumber));
const pick = freeTimePicker();
/** A free time nobody else in this file has taken yet. */
const freeTime = (client: PatientClient, offer?: Offer): Promise<Appointment> => pick(client, offer);

describe('$book create', () => {
  it('books for the signed-in patient, whatever identity the body claims', async () => {
    const time = await freeTime(alva);
    const before = env.sandbox.knobs.bookings().length;
    const forged: Appointment = {
      ...time,
      status: 'pending',
      participant: [...(time.participant ?? []), { actor: { type: 'Patient', identifier: { system: 'urn:oid:1.2.752.129.2.1.3.1', value: PERSON.erik } }, status: 'accepted' }],
    };
    const body = bookParameters(forged, { email: 'alva@example.invalid', comment: 'Känslig för kyla.' });
    (body.parameter?.[1]?.resource as { identifier?: unknown }).identifier = [{ system: 'urn:oid:1.2.752.129.2.1.3.1', value: PERSON.erik }];
    const answer = await postBook(alva, body);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/application\/fhir\+json/);
    const booked = appointmentOf(answer.body);
    expect(booked.status).toBe('booked');
    expect(booked.start).toBe(time.start);
    expect(env.sandbox.knobs.bookings()).toHaveLength(before + 1);
    const stored = env.sandbox.knobs.bookings().find((b) => b.id === booked.id);
    const patients = stored?.participant?.filter((p) => p.actor?.type === 'Patient' || p.actor?.identifier !== undefined);
    expect(patients?.map((p) => p.actor?.identifier?.value)).toEqual([PERSON.alva]);
    expect(bookingsOf(PERSON.erik).some((b) => b.id === booked.id)).toBe(false);
  });

  it('needs an Idempotency-Key, a session, the CSRF header and an allowed Origin; a refused request books nothing', async () => {
    const time = await freeTime(alva);
    const before = env.sandbox.knobs.bookings().length;
    const noKey = await postBook(alva, createBody(time), null);
    expect([noKey.status, reasonOf(noKey.body)]).toEqual([400, 'invalid-parameter']);
    const anonymous = await postBook(createPatientClient(env.bff.baseUrl, log), createBody(time));
    expect([anonymous.status, reasonOf(anonymous.body)]).toEqual([401, 'login-required']);
    const noCsrf = await postBook(alva, createBody(time), randomUUID(), { csrf: false });
    expect([noCsrf.status, reasonOf(noCsrf.body)]).toEqual([403, 'csrf']);
    const foreign = await postBook(alva, createBody(time), randomUUID(), { origin: TEST_FOREIGN_ORIGIN });
    expect([foreign.status, reasonOf(foreign.body)]).toEqual([403, 'origin-not-allowed']);
    const noOrigin = await postBook(alva, createBody(time), randomUUID(), { origin: null });
    expect(noOrigin.status).toBe(403);
    expect(env.sandbox.knobs.bookings()).toHaveLength(before);
  });

  it('the same request sent 5 times concurrently books once and answers the same appointment', async () => {
    const time = await freeTime(alva);
    const before = env.sandbox.knobs.bookings().length;
    env.sandbox.knobs.resetCounts();
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 5 }, () => postBook(alva, createBody(time), key)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(answers.map((a) => appointmentOf(a.body).id)).size).toBe(1);
    expect(env.sandbox.knobs.bookings()).toHaveLength(before + 1);
    expect(env.sandbox.knobs.requestCount('$book')).toBe(1);

    const other = await postBook(alva, createBody(time, { comment: 'changed' }), key);
    expect([other.status, reasonOf(other.body)]).toEqual([409, 'idempotency-conflict']);
    // A new key for the same time (a double click that lost its key) still does not book twice.
    const again = await postBook(alva, createBody(time));
    expect(again.status).toBe(200);
    expect(appointmentOf(again.body).id).toBe(appointmentOf(answers[0]!.body).id);
    expect(env.sandbox.knobs.bookings()).toHaveLength(before + 1);
  });

  it('a time taken by someone else is 409 slot-taken and leaves nothing behind', async () => {
    const time = await freeTime(alva);
    expect((await postBook(alva, createBody(time))).status).toBe(200);
    const before = env.sandbox.knobs.bookings();
    const taken = await postBook(erik, createBody(time));
    expect([taken.status, reasonOf(taken.body)]).toEqual([409, 'slot-taken']);
    expect(env.sandbox.knobs.bookings()).toEqual(before);
  });

  it('a booked time leaves the cached $find answers at once, for every patient', async () => {
    const now = new Date();
    const time = await freeTime(alva);
    // Same window twice, so the second $find would be a cache hit if nothing forgot it.
    expect((await findTimes(erik, STOCKHOLM_ANNA, now)).map((t) => t.id)).toContain(time.id);
    expect((await postBook(alva, createBody(time))).status).toBe(200);
    expect((await findTimes(erik, STOCKHOLM_ANNA, now)).map((t) => t.id)).not.toContain(time.id);
  });

  it('refuses rule violations with 422 and the reason before anything goes upstream', async () => {
    const time = await freeTime(alva);
    env.sandbox.knobs.resetCounts();
    // minimumAdvanceBookingMinutes 60 at Stockholm City: 30 minutes before the start is too late.
    clock = new Date(Date.parse(time.start as string) - 30 * 60_000);
    const later = await signIn(PERSON.alva);
    const tooSoon = await postBook(later, createBody(time));
    expect([tooSoon.status, reasonOf(tooSoon.body)]).toEqual([422, 'too-soon']);
    clock = undefined;

    const elsa = await signIn(PERSON.elsa);
    const adultsOnly: Offer = { clinic: 'hs-goteborg-centrum', role: 'pr-karin-dahl-got', treatment: 'ad-examination-30' };
    const young = await postBook(elsa, createBody(await freeTime(elsa, adultsOnly)));
    expect([young.status, reasonOf(young.body)]).toEqual([422, 'too-young']);
    expect(env.sandbox.knobs.requestCount('$book')).toBe(0);
    expect(bookingsOf(PERSON.elsa)).toEqual([]);
  });

  it('answers malformed bodies with 400 OperationOutcomes', async () => {
    const time = await freeTime(alva);
    for (const body of [{}, { resourceType: 'Parameters' }, { resourceType: 'Parameters', parameter: [] }, bookParameters({ ...time, status: 'arrived' }),
      { resourceType: 'Parameters', parameter: [{ name: 'appointment-resource', resource: { resourceType: 'Patient' } }] },
      createBody(time, { comment: 'x'.repeat(5000) }), createBody(time, { phone: 'call me' }), createBody(time, { email: 'not-an-address' })]) {
      const answer = await postBook(alva, body);
      expect(answer.status, JSON.stringify(body).slice(-200)).toBe(400);
      expect(answer.body.resourceType).toBe('OperationOutcome');
    }
  });
});

describe('$book rate limit', () => {
  it('limits $book per client IP and answers 429 rate-limited', async () => {
    const limited = await env.startExtra({ ITB_RATE_LIMIT_BOOK_PER_MINUTE: '2' });
    const client = createPatientClient(limited.baseUrl, log);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await postBook(client, {})).status);
    // The limit counts before the session check, which answers before the (bad) body is read.
    expect(statuses).toEqual([401, 401, 429]);
  });
});

describe('$book modify and cancel', () => {
  it('reschedules the patient\'s own booking to a new time', async () => {
    const first = appointmentOf((await postBook(alva, createBody(await freeTime(alva)))).body);
    const newTime = await freeTime(alva);
    const before = env.sandbox.knobs.bookings().length;
    const moved = await postBook(alva, bookParameters({ ...newTime, id: first.id, status: 'booked' }));
    expect(moved.status).toBe(200);
    const after = appointmentOf(moved.body);
    expect(after.id).toBe(first.id);
    expect(after.start).toBe(newTime.start);
    expect(env.sandbox.knobs.bookings()).toHaveLength(before);
  });

  it('cancels the patient\'s own booking; cancelling again answers the current state without a second call', async () => {
    const booked = appointmentOf((await postBook(alva, createBody(await freeTime(alva)))).body);
    const cancel = await postBook(alva, bookParameters({ ...booked, status: 'cancelled' }), null);
    expect(cancel.status).toBe(200);
    expect(appointmentOf(cancel.body).status).toBe('cancelled');
    env.sandbox.knobs.resetCounts();
    const again = await postBook(alva, bookParameters({ ...booked, status: 'cancelled' }));
    expect(again.status).toBe(200);
    expect(appointmentOf(again.body).status).toBe('cancelled');
    expect(env.sandbox.knobs.requestCount('$book')).toBe(0);
  });

  it('refuses a cancellation the clinic does not allow with 422, and the booking stays', async () => {
    const noCancel: Offer = { clinic: 'hs-oslo-sentrum', role: 'pr-ingrid-solberg-osl', treatment: 'ad-examination-30' };
    const booked = appointmentOf((await postBook(alva, createBody(await freeTime(alva, noCancel)))).body);
    const refused = await postBook(alva, bookParameters({ ...booked, status: 'cancelled' }));
    expect([refused.status, reasonOf(refused.body)]).toEqual([422, 'cancellation-not-allowed']);
    expect(env.sandbox.knobs.bookings().find((b) => b.id === booked.id)?.status).toBe('booked');
  });
});

describe('audit', () => {
  it('writes one audit line per attempt with the hashed patient and no personal data', async () => {
    const start = lines.length;
    const booked = appointmentOf((await postBook(alva, createBody(await freeTime(alva)))).body);
    await postBook(alva, bookParameters({ ...booked, status: 'cancelled' }));
    await postBook(erik, bookParameters({ ...booked, status: 'cancelled' }));
    const audit = lines.slice(start).map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line['logger'] === 'audit');
    const hash = (pn: string) => createHmac('sha256', env.bff.config.auditSalt).update(pn).digest('hex');
    expect(audit.map((line) => [line['action'], line['outcome'], line['patient']])).toEqual([
      ['book', 'success', hash(PERSON.alva)],
      ['cancel', 'success', hash(PERSON.alva)],
      ['cancel', 'refused', hash(PERSON.erik)],
    ]);
    expect(audit[0]).toMatchObject({ appointmentId: booked.id, clinicId: 'hs-stockholm-city', practitionerRoleId: 'pr-anna-berg-sto', slotStart: booked.start });
    expect(audit[2]).toMatchObject({ reason: 'not-found' });
    for (const line of audit) expect(typeof line['requestId']).toBe('string');
    const everything = lines.join('\n');
    for (const secret of [PERSON.alva, PERSON.erik, 'Alva', 'Andersson', '+46701740605', ...secretsOf(env.bff.config, sessions)]) {
      expect(everything.includes(secret), `logs contain ${secret.slice(0, 4)}…`).toBe(false);
    }
  });
});
