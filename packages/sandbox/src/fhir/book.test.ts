import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXT, PROFILE, SYSTEM, fhirPathOf, type Appointment, type Bundle } from '@itb/shared';
import {
  ALVA, appointmentsOf, changeBody, createBody, ERIK, FIXED_NOW, findPath, startTestSandbox, type TestEnv,
} from '../testing/sandbox-env.test-support.js';

let env: TestEnv;
let system: string;
let alva: string;
let erik: string;

beforeAll(async () => {
  env = await startTestSandbox({ now: () => FIXED_NOW });
  system = await env.systemToken();
  [alva, erik] = await Promise.all([env.patientToken(ALVA.personalNumber), env.patientToken(ERIK.personalNumber)]);
});
afterAll(() => env.close());
afterEach(() => env.sandbox.knobs.reset());

const WEEK = ['2026-09-14T00:00:00+02:00', '2026-09-20T23:59:59+02:00'] as const;
const HYGIENE = `${SYSTEM.liveServiceType}|hyg45`;

/** `$find` times a client would offer: it drops those inside the clinics' advance windows (spec §14.4). */
async function times(roleId = 'pr-elin-holm-sto', code = HYGIENE, window: readonly [string, string] = WEEK): Promise<Appointment[]> {
  const response = await env.fhir(findPath(roleId, code, ...window), { token: system });
  expect(response.status).toBe(200);
  return appointmentsOf(response.body).filter((t) => Date.parse(t.start ?? '') >= FIXED_NOW.getTime() + 3 * 3_600_000);
}

function bookedOf(body: Bundle): Appointment {
  const [appointment] = appointmentsOf(body);
  if (appointment === undefined) throw new Error('no appointment in the $book answer');
  return appointment;
}

function update(appointment: Appointment): Record<string, unknown> {
  const extension = appointment.extension?.find((e) => e.url === EXT.appointmentUpdate);
  return Object.fromEntries((extension?.extension ?? []).map((e) => [e.url, e.valueInteger ?? e.valueBoolean]));
}

describe('the §14 journey: create, my bookings, modify, cancel', () => {
  it('books, lists, reschedules and cancels exactly as spec §14.5–14.8 shows', async () => {
    // 14.2 and 14.3: the clinic's offers and practitioners.
    const offers = await env.fhir('HealthcareService/hs-stockholm-city/$get-offers-context?includeActivityDefinitionPortal=true', { token: system });
    expect(offers.status).toBe(200);
    const roles = await env.fhir('PractitionerRole?service=HealthcareService/hs-stockholm-city', { token: system });
    expect((roles.body as Bundle).entry?.map((e) => e.resource?.id)).toContain('pr-elin-holm-sto');

    // 14.4 and 14.5: pick a time, book it with status pending and no id.
    const before = await times();
    const chosen = before[2];
    if (chosen === undefined) throw new Error('no times');
    const created = await env.fhir('Appointment/$book', { token: alva, body: createBody(chosen, 'hs-stockholm-city', ALVA, 'Känslig för kyla på vänster sida.') });
    expect(created.status).toBe(200);
    expect(created.headers.get('content-type')).toContain('application/fhir+json');
    const bundle = created.body as Bundle;
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1 });
    expect(bundle.entry?.[0]?.search?.mode).toBe('match');
    const booking = bookedOf(bundle);
    expect(fhirPathOf(bundle.entry?.[0]?.fullUrl ?? '')?.path).toBe(`Appointment/${booking.id}`);
    // A booking keeps the colon form of the time it was made from (spec §13.28).
    expect(booking.id).toMatch(/^001-\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00-B3301-E8813-R\d+-A\d+$/);
    expect(booking).toMatchObject({
      status: 'booked',
      meta: { versionId: '1', profile: [PROFILE.appointment] },
      start: chosen.start,
      end: chosen.end,
      requestedPeriod: [{ start: chosen.start, end: chosen.end }],
      comment: 'Känslig för kyla på vänster sida.',
    });
    expect(booking.participant.map((p) => p.actor?.type)).toEqual(['HealthcareService', 'PractitionerRole', 'Patient']);
    expect(booking.participant[2]?.actor).toEqual({ type: 'Patient', identifier: { system: ALVA.system, value: ALVA.personalNumber } });
    expect(booking.identifier?.[0]?.system).toBe(`${SYSTEM.appointmentSourcePrefix}/e7d6c5b4-a392-4817-b605-f4e3d2c1b001`);
    expect(update(booking)).toEqual({ webReschedulingCount: 0, canBeRescheduled: true, canBeCancelled: true });
    // The time is gone from $find.
    expect((await times()).map((t) => t.id)).not.toContain(chosen.id);

    // 14.6: my bookings.
    const mine = appointmentsOf((await env.fhir('Appointment', { token: alva })).body);
    expect(mine.map((a) => a.id)).toContain(booking.id);
    expect(mine.every((a) => a.participant.some((p) => p.actor?.identifier?.value === ALVA.personalNumber))).toBe(true);
    expect((await env.fhir(`Appointment/${booking.id}`, { token: alva })).body).toMatchObject({ id: booking.id, status: 'booked' });

    // 14.7: reschedule to another free time.
    const later = (await times()).find((t) => Date.parse(t.start ?? '') > Date.parse(chosen.start ?? '') + 86_400_000);
    if (later === undefined) throw new Error('no later time');
    const slotId = later.identifier?.find((i) => i.system === SYSTEM.slotId);
    const modified = await env.fhir('Appointment/$book', {
      token: alva,
      body: changeBody(booking, ALVA, { start: later.start, end: later.end, requestedPeriod: [{ start: later.start ?? '', end: later.end ?? '' }], identifier: [...(booking.identifier ?? []), ...(slotId === undefined ? [] : [slotId])] }, 'Önskar en eftermiddagstid i stället.'),
    });
    expect(modified.status).toBe(200);
    const moved = bookedOf(modified.body);
    expect(moved).toMatchObject({ id: booking.id, status: 'booked', start: later.start, meta: { versionId: '2' }, comment: 'Önskar en eftermiddagstid i stället.' });
    expect(update(moved)).toMatchObject({ webReschedulingCount: 1 });
    const afterMove = (await times()).map((t) => t.id);
    expect(afterMove).toContain(chosen.id);
    expect(afterMove).not.toContain(later.id);

    // 14.8: cancel.
    const cancelled = await env.fhir('Appointment/$book', {
      token: alva,
      body: changeBody(moved, ALVA, {
        status: 'cancelled',
        extension: [{ url: EXT.statusReason, valueCodeableConcept: { coding: [{ system: SYSTEM.statusReason, code: 'patient-cancel' }] } }],
      }, 'Avbokar p.g.a. sjukdom.'),
    });
    expect(cancelled.status).toBe(200);
    const gone = bookedOf(cancelled.body);
    expect(gone).toMatchObject({ id: booking.id, status: 'cancelled', meta: { versionId: '3' } });
    expect(update(gone)).toMatchObject({ canBeRescheduled: false, canBeCancelled: false });
    expect((await times()).map((t) => t.id)).toContain(later.id);
    expect(env.sandbox.knobs.bookings().find((b) => b.id === booking.id)?.status).toBe('cancelled');
  });

  it('accepts the guide\'s own create shape: status proposed, the available profile and the slot id as id', async () => {
    const [time] = await times('pr-anna-berg-sto', 'undersokning');
    if (time === undefined) throw new Error('no time');
    const body = createBody(time, 'hs-stockholm-city', ALVA);
    const appointment = body.parameter?.[0]?.resource as Appointment;
    Object.assign(appointment, { id: time.id, status: 'proposed', meta: { profile: [PROFILE.availableAppointment] } });
    appointment.participant = appointment.participant.filter((p) => p.actor?.type !== 'HealthcareService');
    appointment.extension = [
      ...(appointment.extension ?? []),
      { url: EXT.characteristic, extension: [{ url: 'scheduling', extension: [{ url: 'bookingConfirmation', valueCoding: { system: SYSTEM.wcCharacteristic, code: 'send-confirmation-by-sms' } }] }] },
      { url: EXT.consentToMarketing, valueBoolean: false },
    ];
    const response = await env.fhir('Appointment/$book', { token: alva, body });
    expect(response.status).toBe(200);
    const booking = bookedOf(response.body);
    expect(booking.status).toBe('booked');
    expect(booking.id).not.toBe(time.id);
    const scheduling = booking.extension?.find((e) => e.url === EXT.characteristic)?.extension?.[0]?.extension ?? [];
    expect(scheduling).toContainEqual({ url: 'bookingConfirmation', valueCoding: { system: SYSTEM.wcCharacteristic, code: 'send-confirmation-by-sms' } });
    expect(booking.extension).toContainEqual({ url: EXT.consentToMarketing, valueBoolean: false });
  });

  it('filters my bookings by actor, date and status (IHE parameters accepted as an extension)', async () => {
    const [time] = await times();
    if (time === undefined) throw new Error('no time');
    const booking = bookedOf((await env.fhir('Appointment/$book', { token: alva, body: createBody(time, 'hs-stockholm-city', ALVA) })).body);
    const ids = async (query: string) => appointmentsOf((await env.fhir(`Appointment?${query}`, { token: alva })).body).map((a) => a.id);
    expect(await ids('')).toEqual(['bk-seed-alva-past', booking.id]);
    expect(await ids('actor=PractitionerRole/pr-elin-holm-sto')).toEqual(['bk-seed-alva-past', booking.id]);
    expect(await ids('actor=HealthcareService/hs-oslo-sentrum')).toEqual([]);
    expect(await ids(`date=ge${FIXED_NOW.toISOString().slice(0, 10)}`)).toEqual([booking.id]);
    expect(await ids(`date=lt${FIXED_NOW.toISOString().slice(0, 10)}`)).toEqual(['bk-seed-alva-past']);
    expect(await ids('status=cancelled')).toEqual([]);
    expect((await env.fhir('Appointment?date=soon', { token: alva })).status).toBe(400);
  });
});

describe('double booking', () => {
  it('gives a slot taken meanwhile a bare 409 OperationOutcome and stores nothing', async () => {
    const [time] = await times();
    if (time === undefined) throw new Error('no time');
    expect((await env.fhir('Appointment/$book', { token: alva, body: createBody(time, 'hs-stockholm-city', ALVA) })).status).toBe(200);
    const count = env.sandbox.knobs.bookings().length;
    const second = await env.fhir('Appointment/$book', { token: erik, body: createBody(time, 'hs-stockholm-city', ERIK) });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'conflict' }] });
    expect(env.sandbox.knobs.bookings()).toHaveLength(count);
    expect(appointmentsOf((await env.fhir('Appointment', { token: erik })).body)).toEqual([]);
  });

  it('lets exactly one of 50 parallel bookings of one slot win; 49 get 409 and nothing is half-done', async () => {
    const [time] = await times('pr-karin-dahl-got', 'lagning');
    if (time === undefined) throw new Error('no time');
    const before = env.sandbox.knobs.bookings().length;
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => {
      const [person, token] = i % 2 === 0 ? [ALVA, alva] : [ERIK, erik];
      return env.fhir('Appointment/$book', { token, body: createBody(time, 'hs-goteborg-centrum', person) });
    }));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const answer of answers.filter((a) => a.status === 409)) expect(answer.body.issue[0].code).toBe('conflict');
    const after = env.sandbox.knobs.bookings();
    expect(after).toHaveLength(before + 1);
    expect(after.filter((b) => b.start === time.start && b.status === 'booked')).toHaveLength(1);
    expect((await times('pr-karin-dahl-got', 'lagning')).map((t) => t.id)).not.toContain(time.id);
  });
});

describe('patient isolation and scopes', () => {
  it('never shows or lets anyone change another patient\'s booking', async () => {
    const [time] = await times();
    if (time === undefined) throw new Error('no time');
    const booking = bookedOf((await env.fhir('Appointment/$book', { token: alva, body: createBody(time, 'hs-stockholm-city', ALVA) })).body);
    expect(appointmentsOf((await env.fhir('Appointment', { token: erik })).body).map((a) => a.id)).not.toContain(booking.id);
    expect((await env.fhir(`Appointment/${booking.id}`, { token: erik })).status).toBe(404);
    expect(appointmentsOf((await env.fhir(`Appointment?patient.identifier=${ALVA.system}|${ALVA.personalNumber}`, { token: erik })).body)).toEqual([]);
    // Erik tries to cancel Alva's booking under his own name, then under hers.
    const asErik = changeBody(booking, ERIK, { status: 'cancelled', participant: [...booking.participant.slice(0, 2), { actor: { type: 'Patient', identifier: { system: ERIK.system, value: ERIK.personalNumber } }, status: 'accepted' }] });
    expect((await env.fhir('Appointment/$book', { token: erik, body: asErik })).status).toBe(404);
    expect((await env.fhir('Appointment/$book', { token: erik, body: changeBody(booking, ALVA, { status: 'cancelled' }) })).status).toBe(403);
    expect(env.sandbox.knobs.bookings().find((b) => b.id === booking.id)?.status).toBe('booked');
  });

  it('refuses to book in someone else\'s name (403) and stores nothing', async () => {
    const [time] = await times();
    if (time === undefined) throw new Error('no time');
    const count = env.sandbox.knobs.bookings().length;
    const response = await env.fhir('Appointment/$book', { token: erik, body: createBody(time, 'hs-stockholm-city', ALVA) });
    expect(response.status).toBe(403);
    expect(response.body.issue[0].code).toBe('forbidden');
    expect(JSON.stringify(response.body)).not.toContain(ALVA.personalNumber);
    expect(env.sandbox.knobs.bookings()).toHaveLength(count);
  });

  it('keeps patient endpoints for patient tokens (403 for a system token, 401 without one)', async () => {
    for (const path of ['Appointment', 'Appointment/bk-seed-alva-past', 'Patient']) {
      expect((await env.fhir(path, { token: system })).status).toBe(403);
      expect((await env.fhir(path)).status).toBe(401);
    }
    const [time] = await times();
    if (time === undefined) throw new Error('no time');
    expect((await env.fhir('Appointment/$book', { token: system, body: createBody(time, 'hs-stockholm-city', ALVA) })).status).toBe(403);
  });

  it('checks the patient scopes: $book.write to book, Appointment.write to change, Appointment.read to list', async () => {
    const readOnly = await env.patientToken(ALVA.personalNumber, 'openid patient/Appointment.read');
    const [time] = await times();
    if (time === undefined) throw new Error('no time');
    expect((await env.fhir('Appointment/$book', { token: readOnly, body: createBody(time, 'hs-stockholm-city', ALVA) })).status).toBe(403);
    expect((await env.fhir('Appointment', { token: readOnly })).status).toBe(200);
    expect((await env.fhir('Patient', { token: readOnly })).status).toBe(403);
    const bookOnly = await env.patientToken(ALVA.personalNumber, 'openid patient/$book.write patient/Appointment.read');
    const booking = bookedOf((await env.fhir('Appointment/$book', { token: bookOnly, body: createBody(time, 'hs-stockholm-city', ALVA) })).body);
    expect((await env.fhir('Appointment/$book', { token: bookOnly, body: changeBody(booking, ALVA, { status: 'cancelled' }) })).status).toBe(403);
    expect((await env.fhir('HealthcareService', { token: bookOnly })).status).toBe(403);
  });

  it('answers GET Patient with the signed-in patient only', async () => {
    const search = (await env.fhir('Patient', { token: alva })).body as Bundle;
    expect(search.total).toBe(1);
    const patient = search.entry?.[0]?.resource as any;
    expect(patient).toMatchObject({
      resourceType: 'Patient',
      meta: { profile: [PROFILE.patient] },
      identifier: [{ system: ALVA.system, value: ALVA.personalNumber }],
      name: [{ family: 'Andersson', given: ['Alva'], text: 'Alva Andersson' }],
      telecom: expect.arrayContaining([{ system: 'phone', value: ALVA.phone, use: 'mobile' }]),
      birthDate: '1985-03-14',
    });
    expect(patient.id).not.toContain(ALVA.personalNumber);
    expect(((await env.fhir(`Patient?identifier=${ALVA.system}|${ALVA.personalNumber}`, { token: alva })).body as Bundle).total).toBe(1);
    expect(((await env.fhir(`Patient?identifier=${ERIK.system}|${ERIK.personalNumber}`, { token: alva })).body as Bundle).total).toBe(0);
    expect((await env.fhir(`Patient/${patient.id}`, { token: alva })).status).toBe(200);
    expect((await env.fhir(`Patient/${patient.id}`, { token: erik })).status).toBe(404);
  });
});
