import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXT, type Appointment, type Bundle } from '@itb/shared';
import { ALVA, appointmentsOf, changeBody, createBody, ELSA, FIXED_NOW, findPath, KARI, startTestSandbox, type TestEnv } from '../testing/sandbox-env.test-support.js';

let env: TestEnv;
let system: string;
let alva: string;
let elsa: string;
let kari: string;
const HOUR = 3_600_000;

beforeAll(async () => {
  env = await startTestSandbox({ now: () => FIXED_NOW });
  system = await env.systemToken();
  [alva, elsa, kari] = await Promise.all([env.patientToken(ALVA.personalNumber), env.patientToken(ELSA.personalNumber), env.patientToken(KARI.personalNumber)]);
});
afterAll(() => env.close());
afterEach(() => env.sandbox.knobs.reset());

async function timesOf(roleId: string, code: string, start = '2026-09-14', end = '2026-09-28'): Promise<Appointment[]> {
  return appointmentsOf((await env.fhir(findPath(roleId, code, start, end), { token: system })).body);
}

/** A free time at least `hours` after `from` (default: the fixed clock). */
async function timeAfter(roleId: string, code: string, hours: number, from = FIXED_NOW.getTime()): Promise<Appointment> {
  const time = (await timesOf(roleId, code)).find((t) => Date.parse(t.start ?? '') >= from + hours * HOUR);
  if (time === undefined) throw new Error(`no time for ${roleId}`);
  return time;
}

async function book(token: string, time: Appointment, clinicId: string, person = ALVA) {
  return env.fhir('Appointment/$book', { token, body: createBody(time, clinicId, person) });
}

async function booked(token: string, time: Appointment, clinicId: string, person = ALVA): Promise<Appointment> {
  const response = await book(token, time, clinicId, person);
  expect(response.status).toBe(200);
  return appointmentsOf(response.body as Bundle)[0] as Appointment;
}

function expectRule(response: { status: number; body: any }, reason: string, rule: string) {
  expect(response.status).toBe(422);
  expect(response.body.resourceType).toBe('OperationOutcome');
  expect(response.body.issue[0].code).toBe('business-rule');
  expect(response.body.issue[0].diagnostics).toContain(rule);
  const codes = response.body.issue[0].details.coding.map((c: { code: string }) => c.code);
  expect(codes).toEqual(expect.arrayContaining([reason, rule]));
}

function moveTo(booking: Appointment, time: Appointment): Partial<Appointment> {
  return { start: time.start, end: time.end, requestedPeriod: [{ start: time.start ?? '', end: time.end ?? '' }] };
}

const flags = (a: Appointment) => Object.fromEntries((a.extension?.find((e) => e.url === EXT.appointmentUpdate)?.extension ?? []).map((e) => [e.url, e.valueInteger ?? e.valueBoolean]));

describe('booking rules', () => {
  it('minimumAdvanceBookingMinutes: Södermalm refuses a time less than 120 minutes ahead, and stores nothing', async () => {
    const time = await timeAfter('pr-sara-nilsson-sod', 'undersokning', 4);
    env.sandbox.knobs.setNow(new Date(Date.parse(time.start ?? '') - 90 * 60_000));
    const count = env.sandbox.knobs.bookings().length;
    expectRule(await book(alva, time, 'hs-stockholm-sodermalm'), 'too-soon', 'minimumAdvanceBookingMinutes');
    expect(env.sandbox.knobs.bookings()).toHaveLength(count);
    env.sandbox.knobs.setNow(new Date(Date.parse(time.start ?? '') - 150 * 60_000));
    expect((await book(alva, time, 'hs-stockholm-sodermalm')).status).toBe(200);
  });

  it('refuses a time that has already begun', async () => {
    const time = await timeAfter('pr-anna-berg-sto', 'undersokning', 4);
    env.sandbox.knobs.setNow(new Date(Date.parse(time.start ?? '') + 60_000));
    expectRule(await book(alva, time, 'hs-stockholm-city'), 'in-the-past', 'start');
  });

  it('minimumPatientAgeYears: Göteborg Centrum refuses a 12-year-old, Stockholm City does not', async () => {
    const gbg = await timeAfter('pr-karin-dahl-got', 'undersokning', 4);
    const count = env.sandbox.knobs.bookings().length;
    expectRule(await book(elsa, gbg, 'hs-goteborg-centrum', ELSA), 'too-young', 'minimumPatientAgeYears');
    expect(env.sandbox.knobs.bookings()).toHaveLength(count);
    const sto = await timeAfter('pr-anna-berg-sto', 'undersokning', 4);
    expect((await book(elsa, sto, 'hs-stockholm-city', ELSA)).status).toBe(200);
  });

  it('cancellationAllowed=false: Oslo Sentrum bookings cannot be cancelled online', async () => {
    const [seeded] = appointmentsOf((await env.fhir('Appointment', { token: kari })).body);
    if (seeded === undefined) throw new Error('Kari has no seeded booking');
    expect(flags(seeded)).toMatchObject({ canBeCancelled: false, canBeRescheduled: false });
    expectRule(await env.fhir('Appointment/$book', { token: kari, body: changeBody(seeded, KARI, { status: 'cancelled' }) }), 'cancellation-not-allowed', 'cancellationAllowed');
    expect(env.sandbox.knobs.bookings().find((b) => b.id === seeded.id)?.status).toBe('booked');
  });

  it('reschedulingAllowed=false: Södermalm bookings cannot be moved online', async () => {
    const [first, second] = (await timesOf('pr-sara-nilsson-sod', 'undersokning')).filter((t) => Date.parse(t.start ?? '') > FIXED_NOW.getTime() + 48 * HOUR);
    if (first === undefined || second === undefined) throw new Error('no times');
    const booking = await booked(alva, first, 'hs-stockholm-sodermalm');
    expect(flags(booking)).toMatchObject({ canBeRescheduled: false, canBeCancelled: true });
    expectRule(await env.fhir('Appointment/$book', { token: alva, body: changeBody(booking, ALVA, moveTo(booking, second)) }), 'rescheduling-not-allowed', 'reschedulingAllowed');
    expect((await timesOf('pr-sara-nilsson-sod', 'undersokning')).map((t) => t.id)).toContain(second.id);
  });

  it('allowCancellationRemainingHours=24 with a 2-hour grace after booking (Stockholm City)', async () => {
    // Booked well ahead, then the clock moves to 10 hours before the visit: too late.
    const far = await timeAfter('pr-anna-berg-sto', 'undersokning', 48);
    const early = await booked(alva, far, 'hs-stockholm-city');
    env.sandbox.knobs.setNow(new Date(Date.parse(far.start ?? '') - 10 * HOUR));
    const late = appointmentsOf((await env.fhir('Appointment', { token: alva })).body).find((a) => a.id === early.id) as Appointment;
    expect(flags(late)).toMatchObject({ canBeCancelled: false });
    expectRule(await env.fhir('Appointment/$book', { token: alva, body: changeBody(late, ALVA, { status: 'cancelled' }) }), 'cancel-window-passed', 'allowCancellationRemainingHours');
    expectRule(await env.fhir('Appointment/$book', { token: alva, body: changeBody(late, ALVA, moveTo(late, await timeAfter('pr-anna-berg-sto', 'undersokning', 72))) }), 'reschedule-window-passed', 'allowRescheduleRemainingHours');

    // Booked 5 hours ahead: inside the grace period the patient may still cancel.
    env.sandbox.knobs.setNow(FIXED_NOW);
    const near = await timeAfter('pr-anna-berg-sto', 'undersokning', 5);
    env.sandbox.knobs.setNow(new Date(Date.parse(near.start ?? '') - 5 * HOUR));
    const fresh = await booked(alva, near, 'hs-stockholm-city');
    expect(flags(fresh)).toMatchObject({ canBeCancelled: true });
    env.sandbox.knobs.setNow(new Date(Date.parse(near.start ?? '') - 4 * HOUR));
    expect((await env.fhir('Appointment/$book', { token: alva, body: changeBody(fresh, ALVA, { status: 'cancelled' }) })).status).toBe(200);
  });

  it('webReschedulingCountAllowed=1 (Majorstuen characteristic): one online reschedule, then no more', async () => {
    const [a, b, c] = (await timesOf('pr-jonas-haugen-maj', 'undersokning')).filter((t) => Date.parse(t.start ?? '') > FIXED_NOW.getTime() + 48 * HOUR);
    if (a === undefined || b === undefined || c === undefined) throw new Error('no times');
    const booking = await booked(kari, a, 'hs-oslo-majorstuen', KARI);
    const characteristic = booking.extension?.find((e) => e.url === EXT.characteristic)?.extension?.[0]?.extension ?? [];
    expect(characteristic).toContainEqual({ url: 'webReschedulingCountAllowed', valueInteger: 1 });
    const once = await env.fhir('Appointment/$book', { token: kari, body: changeBody(booking, KARI, moveTo(booking, b)) });
    expect(once.status).toBe(200);
    const moved = appointmentsOf(once.body)[0] as Appointment;
    expect(flags(moved)).toMatchObject({ webReschedulingCount: 1, canBeRescheduled: false, canBeCancelled: true });
    const notice = (once.body as Bundle).entry?.find((e) => e.search?.mode === 'outcome')?.resource as any;
    expect(notice.issue[0].severity).toBe('information');
    expectRule(await env.fhir('Appointment/$book', { token: kari, body: changeBody(moved, KARI, moveTo(moved, c)) }), 'reschedule-limit-reached', 'webReschedulingCountAllowed');
  });

  it('schedulingAvailability without reschedule (Bergen): cancel yes, reschedule no', async () => {
    const [a, b] = (await timesOf('pr-sindre-nygaard-brg', 'undersokning')).filter((t) => Date.parse(t.start ?? '') > FIXED_NOW.getTime() + 48 * HOUR);
    if (a === undefined || b === undefined) throw new Error('no times');
    const booking = await booked(kari, a, 'hs-bergen-sentrum', KARI);
    expectRule(await env.fhir('Appointment/$book', { token: kari, body: changeBody(booking, KARI, moveTo(booking, b)) }), 'rescheduling-not-allowed', 'schedulingAvailability');
    expect((await env.fhir('Appointment/$book', { token: kari, body: changeBody(booking, KARI, { status: 'cancelled' }) })).status).toBe(200);
  });

  it('refuses changes to a cancelled booking', async () => {
    const time = await timeAfter('pr-anna-berg-sto', 'undersokning', 48);
    const booking = await booked(alva, time, 'hs-stockholm-city');
    expect((await env.fhir('Appointment/$book', { token: alva, body: changeBody(booking, ALVA, { status: 'cancelled' }) })).status).toBe(200);
    expectRule(await env.fhir('Appointment/$book', { token: alva, body: changeBody(booking, ALVA, { status: 'cancelled' }) }), 'already-cancelled', 'status');
  });

  it('refuses external-booking clinics and offline offers with 422', async () => {
    const body = (roleId: string, clinicId: string, code: string, adId: string) => {
      const start = '2026-09-16T08:00:00+00:00';
      const end = new Date(Date.parse(start) + 30 * 60_000).toISOString().replace('.000Z', '+00:00');
      return createBody({
        resourceType: 'Appointment', status: 'proposed', start, end, serviceType: [{ coding: [{ code }] }],
        extension: [{ url: EXT.activityDefinitionReference, valueReference: { reference: `ActivityDefinition/${adId}` } }],
        participant: [{ actor: { type: 'PractitionerRole', reference: `PractitionerRole/${roleId}` }, status: 'accepted' }],
      }, clinicId, KARI);
    };
    const external = await env.fhir('Appointment/$book', { token: kari, body: body('pr-peter-sjoberg-his', 'hs-goteborg-hisingen', 'undersokning', 'ad-examination-30') });
    expectRule(external, 'external-booking', 'hasExternalBooking');
    const right = body('pr-silje-moen-brg', 'hs-bergen-sentrum', 'hyg45', 'ad-hygiene-45');
    const appointment = right.parameter?.[0]?.resource as Appointment;
    appointment.end = new Date(Date.parse(appointment.start ?? '') + 45 * 60_000).toISOString();
    expectRule(await env.fhir('Appointment/$book', { token: kari, body: right }), 'offer-offline', 'isOnline');
  });
});
