// Booking events end to end through one BFF and its in-memory queue (issue 20): book, reschedule and
// cancel → the registry stand-in holds exactly one pointer per booking, written with one
// client-credentials token, and a webhook receiver verifies every event with the Standard Webhooks
// library; the payload carries ids, names, times and attribution and nothing personal, nor do the
// headers or the log; a revoked token is renewed once; no destinations, no publishing.
// Failures and retries are in delivery-failures.test.ts, Redis in booking-events-redis.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PERSONS } from '@itb/sandbox';
import { ATTRIBUTION_HEADER, PERSONAL_NUMBER_SYSTEM, type Appointment } from '@itb/shared';
import { PERSON, STOCKHOLM_ANNA, appointmentOf, bookParameters, createBody, freeTimePicker, postBook } from '../../test/booking-fixtures.test-support.js';
import { captureLog } from '../../test/log-capture.test-support.js';
import type { PatientClient } from '../../test/patient-client.test-support.js';
import { signInPatient, startPatientEnv, type PatientBff, type PatientEnv } from '../../test/patient-env.test-support.js';
import { channel, eventSuite, registryEnv, until, webhookSecret, type Publisher } from '../../test/events.test-support.js';

let env: PatientEnv;
const { startPublisher, startReceiver, pointersTo, close: closeReceivers } = eventSuite(() => env);
const pick = freeTimePicker();

beforeAll(async () => {
  env = await startPatientEnv({ count: 0, extraPorts: 5 });
});
afterAll(async () => {
  await env?.close();
  await closeReceivers();
});

/** The one pointer of `id` once it has `status` (and `start`, if given). */
function pointerWhen(id: string, status: string, start?: string): Promise<Appointment> {
  return until(`the pointer of ${id} ${status}`, () => pointersTo(id).find((p) => p.status === status && (start === undefined || p.start === start)));
}

async function book(client: PatientClient, options: Parameters<typeof createBody>[1] = {}, headers: Record<string, string> = {}): Promise<Appointment> {
  const answer = await postBook(client, createBody(await pick(client), options), undefined, { headers });
  expect(answer.status).toBe(200);
  return appointmentOf(answer.body);
}

async function reschedule(client: PatientClient, booked: Appointment): Promise<Appointment> {
  const answer = await postBook(client, bookParameters({ ...(await pick(client)), id: booked.id!, status: 'booked' }));
  expect(answer.status).toBe(200);
  return appointmentOf(answer.body);
}

async function cancel(client: PatientClient, booked: Appointment): Promise<Appointment> {
  const answer = await postBook(client, bookParameters({ ...booked, status: 'cancelled' }));
  expect(answer.status).toBe(200);
  return appointmentOf(answer.body);
}

describe('booking events, delivered', () => {
  it('keeps one registry pointer per booking (booked → moved → cancelled) with one token, and signs each webhook', async () => {
    const secret = webhookSecret('lifecycle');
    const receiver = await startReceiver([secret]);
    const { bff, alva } = await startPublisher({ ...registryEnv(env.sandbox), ITB_WEBHOOKS: `${receiver.url} ${secret}` });
    const { registry } = env.sandbox;
    const before = registry.knobs.counts();

    const booked = await book(alva);
    const id = booked.id!;
    const created = await until('booking.created', () => receiver.postsOf('booking.created', id)[0]);
    expect(created.payload?.data).toMatchObject({ appointmentId: id, status: 'booked', start: booked.start, end: booked.end });
    await pointerWhen(id, 'booked', booked.start);

    const moved = await reschedule(alva, booked);
    expect(moved.id).toBe(id);
    expect(moved.start).not.toBe(booked.start);
    const rescheduled = await until('booking.rescheduled', () => receiver.postsOf('booking.rescheduled', id)[0]);
    expect(rescheduled.payload?.data).toMatchObject({ appointmentId: id, status: 'booked', start: moved.start, end: moved.end, previousStart: booked.start });
    await pointerWhen(id, 'booked', moved.start);

    await cancel(alva, moved);
    const cancelled = await until('booking.cancelled', () => receiver.postsOf('booking.cancelled', id)[0]);
    expect(cancelled.payload?.data).toMatchObject({ appointmentId: id, status: 'cancelled' });
    const pointer = await pointerWhen(id, 'cancelled');

    // Every POST verified with the Standard Webhooks library, one per event, each its own webhook-id.
    expect(receiver.posts.map((p) => [p.payload?.type, p.status, p.verifiedBy])).toEqual([
      ['booking.created', 204, [0]], ['booking.rescheduled', 204, [0]], ['booking.cancelled', 204, [0]],
    ]);
    expect(new Set(receiver.posts.map((p) => p.webhookId)).size).toBe(3);
    expect(receiver.posts.every((p) => /^msg_/.test(p.webhookId))).toBe(true);

    // One pointer, written three times by conditional update on the ITB identifier.
    expect(pointersTo(id)).toHaveLength(1);
    const upstream = bff.config.upstreamFhirUrl;
    expect(pointer.identifier).toEqual([{ system: `${upstream}/Appointment`, value: id }]);
    expect(pointer.start).toBe(moved.start);
    expect(pointer.end).toBe(moved.end);
    expect(pointer.meta?.versionId).toBe('3');
    const catalog = (await bff.app.catalogSource.systemCatalog()).catalog;
    expect(pointer.participant).toEqual(expect.arrayContaining([
      { actor: { type: 'Patient', identifier: { system: PERSONAL_NUMBER_SYSTEM.sePersonnummer, value: PERSON.alva } }, status: 'accepted' },
      { actor: { type: 'PractitionerRole', identifier: { system: `${upstream}/PractitionerRole`, value: STOCKHOLM_ANNA.role }, display: catalog.practitioners.get(STOCKHOLM_ANNA.role)?.name }, status: 'accepted' },
      { actor: { type: 'HealthcareService', identifier: { system: `${upstream}/HealthcareService`, value: STOCKHOLM_ANNA.clinic }, display: 'Fjordvik Tandvård Stockholm City' }, status: 'accepted' },
    ]));
    expect(pointer.participant).toHaveLength(3);
    // A patient only by identifier: no name, no reference to ITB's Patient.
    expect(JSON.stringify(pointer)).not.toMatch(/Andersson|Patient\//);

    // One client-credentials token (the stand-in refuses any scope but `${fhirBase}/.default`) for three writes.
    const after = registry.knobs.counts();
    expect(after.tokenRequests - before.tokenRequests).toBe(1);
    expect(after.tokensIssued - before.tokensIssued).toBe(1);
    expect(after.writes.PUT - before.writes.PUT).toBe(3);
    expect([after.created - before.created, after.updated - before.updated]).toEqual([1, 2]);
    await bff.app.close();
  });

  it('sends ids, catalog names, times and the attribution, and nothing personal in any body, header or log line', async () => {
    const alvaPerson = TEST_PERSONS.find((p) => p.personalNumber === PERSON.alva)!;
    const secret = webhookSecret('privacy');
    const receiver = await startReceiver([secret]);
    const { bff, alva, lines, log } = await startPublisher({ ...registryEnv(env.sandbox), ITB_WEBHOOKS: `${receiver.url} ${secret}` });
    const comment = 'Ring mig gärna, jag är tandläkarrädd';

    const booked = await book(alva, { phone: alvaPerson.mobilePhone, email: alvaPerson.email!, comment }, {
      [ATTRIBUTION_HEADER]: 'utm_source=nyhetsbrev&utm_medium=email&utm_campaign=var-2026',
    });
    const id = booked.id!;
    const created = await until('booking.created', () => receiver.postsOf('booking.created', id)[0]);
    const catalog = (await bff.app.catalogSource.systemCatalog()).catalog;
    const names = {
      clinic: catalog.clinics.get(STOCKHOLM_ANNA.clinic)?.name,
      treatment: catalog.treatments.get(STOCKHOLM_ANNA.treatment)?.title,
      practitioner: catalog.practitioners.get(STOCKHOLM_ANNA.role)?.name,
    };
    expect(Object.values(names).every((n) => typeof n === 'string' && n !== '')).toBe(true);
    expect(names.clinic).toBe('Fjordvik Tandvård Stockholm City');
    expect(created.payload).toEqual({
      type: 'booking.created',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/),
      data: {
        appointmentId: id,
        status: 'booked',
        start: booked.start,
        end: booked.end,
        clinic: { id: STOCKHOLM_ANNA.clinic, name: names.clinic },
        treatment: { id: STOCKHOLM_ANNA.treatment, name: names.treatment },
        practitioner: { id: STOCKHOLM_ANNA.role, name: names.practitioner },
        attribution: { utm_source: 'nyhetsbrev', utm_medium: 'email', utm_campaign: 'var-2026' },
      },
    });
    expect(JSON.parse(created.body)).toEqual(created.payload);
    // Attribution belongs to the booking's creation only.
    const moved = await reschedule(alva, booked);
    const rescheduled = await until('booking.rescheduled', () => receiver.postsOf('booking.rescheduled', id)[0]);
    expect(rescheduled.payload?.data).not.toHaveProperty('attribution');
    await cancel(alva, moved);
    await until('booking.cancelled', () => receiver.postsOf('booking.cancelled', id)[0]);
    await pointerWhen(id, 'cancelled');
    await until('every delivery logged', () => (channel(log(), 'registry', id, 'delivered').length === 3
      && channel(log(), 'webhooks', id, 'delivered').length === 3 ? true : undefined));

    const personal = [
      PERSON.alva, '19850314-9828', '850314-9828', alvaPerson.givenName, alvaPerson.familyName,
      alvaPerson.mobilePhone, '070-174 06 05', '0701740605', alvaPerson.email!, comment,
    ];
    const webhookText = receiver.posts.map((p) => `${JSON.stringify(p.headers)}\n${p.body}`).join('\n');
    for (const value of personal) expect(webhookText, value).not.toContain(value);
    const logText = lines.join('\n');
    const secrets = [env.sandbox.registry.clientSecret, secret, secret.slice('whsec_'.length)];
    for (const value of [...personal, ...secrets]) expect(logText, value).not.toContain(value);
    await bff.app.close();
  });

  it('fetches one new token when the registry has revoked its tokens, and the write goes through', async () => {
    const { bff, alva, log } = await startPublisher(registryEnv(env.sandbox));
    const { knobs } = env.sandbox.registry;
    const booked = await book(alva);
    const id = booked.id!;
    await pointerWhen(id, 'booked');
    const before = knobs.counts();

    knobs.revokeTokens();
    await cancel(alva, booked);
    await pointerWhen(id, 'cancelled');
    const after = knobs.counts();
    expect(after.tokenRequests - before.tokenRequests).toBe(1);
    expect(after.tokensIssued - before.tokensIssued).toBe(1);
    // The refused write and the one with the new token, within one try of the job.
    expect(after.writes.PUT - before.writes.PUT).toBe(2);
    expect(pointersTo(id)).toHaveLength(1);
    const lines = await until('the cancel logged', () => {
      const found = channel(log(), 'registry', id).filter((l) => l['type'] === 'booking.cancelled');
      return found.length > 0 ? found : undefined;
    });
    expect(lines.map((l) => [l['outcome'], l['attempt'], l['status']])).toEqual([['delivered', 1, 200]]);
    await bff.app.close();
  });
});

describe('booking events, audited', () => {
  it('logs every delivery on the registry and webhooks loggers even with the log turned down to warn', async () => {
    const secret = webhookSecret('audit');
    const receiver = await startReceiver([secret]);
    const { bff, alva, log } = await startPublisher({ ...registryEnv(env.sandbox), ITB_WEBHOOKS: `${receiver.url} ${secret}` }, 'warn');
    const id = (await book(alva)).id!;
    const lines = await until('both deliveries logged', () => {
      const found = [...channel(log(), 'registry', id), ...channel(log(), 'webhooks', id)];
      return found.length === 2 ? found : undefined;
    });
    expect(lines.map((l) => [l['logger'], l['outcome'], l['type'], l['attempt']])).toEqual([
      ['registry', 'delivered', 'booking.created', 1], ['webhooks', 'delivered', 'booking.created', 1],
    ]);
    expect(lines.every((l) => typeof l['eventId'] === 'string' && l['eventId'] === receiver.posts[0]?.webhookId)).toBe(true);
    // Below warn, only the audit channels (the booking's audit line and these) are logged.
    expect(log().filter((l) => (l['level'] as number) < 40 && !['audit', 'registry', 'webhooks'].includes(l['logger'] as string))).toEqual([]);
    await bff.app.close();
  });
});

describe('booking events, not configured', () => {
  it('is off without ITB_REGISTRY_* and ITB_WEBHOOKS, and booking works as before', async () => {
    const { bff, alva, log } = await startPublisher({});
    expect(bff.config.registry).toBeUndefined();
    expect(bff.config.webhooks).toEqual([]);
    expect(bff.app.bookingEvents.enabled).toBe(false);
    const before = env.sandbox.registry.knobs.counts();

    const booked = await book(alva);
    expect(booked.status).toBe('booked');
    await cancel(alva, booked);
    await bff.app.bookingEvents.queued();
    expect(pointersTo(booked.id!)).toEqual([]);
    expect(env.sandbox.registry.knobs.counts()).toEqual(before);
    expect(log().filter((l) => l['logger'] === 'registry' || l['logger'] === 'webhooks' || l['logger'] === 'events')).toEqual([]);
    await bff.app.close();
  });
});
