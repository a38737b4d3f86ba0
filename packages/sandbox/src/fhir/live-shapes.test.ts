/**
 * The live shapes of spec §13 items 28–32 that the sandbox reproduces in its default dialect, and
 * their clean forms in strict mode.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM, fhirPathOf, type Appointment, type Bundle } from '@itb/shared';
import { SEED_IDS } from '../seed/ids.js';
import { ALVA, appointmentsOf, changeBody, createBody, FIXED_NOW, findPath, startTestSandbox, type TestEnv } from '../testing/sandbox-env.test-support.js';

let env: TestEnv;
let strict: TestEnv;
let token: string;
const all = '$get-offers-context?includeActivityDefinitionPortal=true&includeHealthcareServicePortal=true&includePractitionerRolePortal=true';
const WEEK = ['2026-09-14T00:00:00+02:00', '2026-09-20T23:59:59+02:00'] as const;
const hygiene = `${SYSTEM.liveServiceType}|hyg45`;

beforeAll(async () => {
  [env, strict] = await Promise.all([startTestSandbox({ now: () => FIXED_NOW }), startTestSandbox({ now: () => FIXED_NOW, strict: true })]);
  token = await env.systemToken();
});
afterAll(async () => {
  await Promise.all([env.close(), strict.close()]);
});
afterEach(() => env.sandbox.knobs.reset());

const entriesOf = (bundle: Bundle) => bundle.entry ?? [];
/** A free time two days ahead: clear of every clinic's minimum notice. */
const later = (times: Appointment[]) => times.find((t) => Date.parse(t.start ?? '') > FIXED_NOW.getTime() + 2 * 86_400_000) as Appointment;

describe('live shapes (default dialect)', () => {
  it('gives a booking the colon id of its time and answers reads of it (§13.28)', async () => {
    const time = later(appointmentsOf((await env.fhir(findPath('pr-elin-holm-sto', hygiene, ...WEEK), { token })).body));
    const alva = await env.patientToken(ALVA.personalNumber);
    const booked = appointmentsOf((await env.fhir('Appointment/$book', { token: alva, body: createBody(time, 'hs-stockholm-city', ALVA) })).body)[0] as Appointment;
    expect(booked.id).toContain(':');
    expect(booked.id?.startsWith(`${time.id}-A`)).toBe(true);
    const read = await env.fhir(`Appointment/${encodeURIComponent(booked.id ?? '')}`, { token: alva });
    expect(read.status).toBe(200);
    expect((read.body as Appointment).id).toBe(booked.id);
  });

  it('returns an inactive clinic with its practitioner and offers (§13.29)', async () => {
    const catalog = (await env.fhir(all, { token })).body as Bundle;
    const clinic = entriesOf(catalog).find((e) => e.resource?.id === SEED_IDS.clinics.uppsalaInactive)?.resource as { active?: boolean } | undefined;
    expect(clinic?.active).toBe(false);
    expect(entriesOf(catalog).some((e) => e.resource?.id === SEED_IDS.practitioners.erikVikUppsalaInactive)).toBe(true);
    expect(JSON.stringify(catalog)).toContain(`HealthcareService/${SEED_IDS.clinics.uppsalaInactive}"`);
  });

  it('lists the practitioner\'s booked and cancelled appointments, with their patient, among the free times (§13.30)', async () => {
    const first = appointmentsOf((await env.fhir(findPath('pr-elin-holm-sto', hygiene, ...WEEK), { token })).body);
    const alva = await env.patientToken(ALVA.personalNumber);
    const chosen = later(first);
    const booked = appointmentsOf((await env.fhir('Appointment/$book', { token: alva, body: createBody(chosen, 'hs-stockholm-city', ALVA) })).body)[0] as Appointment;
    await env.fhir('Appointment/$book', { token: alva, body: changeBody(booked, ALVA, { status: 'cancelled' }) });
    const again = appointmentsOf((await env.fhir(findPath('pr-elin-holm-sto', hygiene, ...WEEK), { token })).body);
    const notFree = again.filter((a) => a.status !== 'proposed');
    expect(notFree.map((a) => [a.id, a.status])).toEqual([[booked.id, 'cancelled']]);
    expect(JSON.stringify(notFree)).toContain(ALVA.personalNumber);
    // The freed time is offered again, beside the cancelled entry for the same slot.
    expect(again.some((a) => a.status === 'proposed' && a.start === chosen.start)).toBe(true);
  });

  it('writes fullUrls, references and links under other bases than the one it is called on (§13.31)', async () => {
    const catalog = JSON.stringify((await env.fhir(all, { token })).body);
    const find = (await env.fhir(findPath('pr-elin-holm-sto', hygiene, ...WEEK), { token })).body as Bundle;
    expect(catalog).toContain('[[baseurl]]/Parameters/');
    expect(catalog).toContain(`"reference":"${env.sandbox.fhirBase.replace('http:', 'https:')}/HealthcareService/`);
    expect(JSON.stringify(find)).toContain('"reference":"https://api-no.wellonfhir.se/');
    expect(catalog).not.toContain(`"fullUrl":"${env.sandbox.fhirBase}/`);
    expect(find.link?.[0]?.url).toMatch(/^https:\/\/.*\/portal\/fhir\/Appointment\/\$find\?/);
    for (const entry of entriesOf(find)) expect(fhirPathOf(entry.fullUrl ?? '')?.id).toBe(entry.resource?.id);
  });

  it('leaves a treatment out of the offers context, named by a $find bookingUrl in Sweden and by nothing in Norway (§13.32)', async () => {
    const catalog = (await env.fhir(all, { token })).body as Bundle;
    const unlisted = SEED_IDS.treatments.implantUnlisted;
    expect(entriesOf(catalog).some((e) => e.resource?.resourceType === 'ActivityDefinition' && e.resource.id === unlisted)).toBe(false);
    const offers = entriesOf(catalog).map((e) => JSON.stringify(e.resource)).filter((text) => text.includes(`ActivityDefinition/${unlisted}"`));
    expect(offers).toHaveLength(2);
    for (const offer of offers) expect(offer).not.toContain('"name":"visit-type"');
    const swedish = offers.find((o) => o.includes('hs-stockholm-city')) ?? '';
    expect(swedish).toContain(`$find?start=`);
    expect(swedish).toContain(`visit-type=${SYSTEM.liveServiceType}|implantat`);
    expect(offers.find((o) => o.includes('hs-oslo-sentrum'))).not.toContain('$find');
    const bridge = entriesOf(catalog).map((e) => JSON.stringify(e.resource)).filter((text) => text.includes(`ActivityDefinition/${SEED_IDS.treatments.bridgeUnresolvable}"`));
    expect(bridge).toHaveLength(1);
    expect(bridge[0]).not.toContain('visit-type');
  });
});

describe('earlier live shapes the dialect keeps (§13.9, §13.16)', () => {
  it('writes seven fractional-second digits, a status-less ActivityDefinition participant and a total that counts what _count left out', async () => {
    const answer = (await env.fhir(`${findPath('pr-elin-holm-sto', hygiene, ...WEEK)}&_count=3`, { token })).body as Bundle;
    const times = appointmentsOf(answer);
    expect(times).toHaveLength(3);
    expect(answer.total).toBeGreaterThan(3);
    for (const time of times) {
      expect(time.start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}\+00:00$/);
      expect(time.participant.find((p) => p.actor?.type === 'ActivityDefinition')?.status).toBeUndefined();
    }
  });
});

describe('strict mode keeps the clean forms', () => {
  it('uuid booking ids, only free times, configured-base fullUrls, every treatment included', async () => {
    const t = await strict.systemToken();
    const time = later(appointmentsOf((await strict.fhir(findPath('pr-elin-holm-sto', 'hyg45', ...WEEK), { token: t })).body));
    const alva = await strict.patientToken(ALVA.personalNumber);
    const booked = appointmentsOf((await strict.fhir('Appointment/$book', { token: alva, body: createBody(time, 'hs-stockholm-city', ALVA) })).body)[0] as Appointment;
    expect(booked.id).toMatch(/^[0-9a-f-]{36}$/);
    const find = (await strict.fhir(findPath('pr-elin-holm-sto', 'hyg45', ...WEEK), { token: t })).body as Bundle;
    expect(appointmentsOf(find).every((a) => a.status === 'proposed')).toBe(true);
    const catalog = (await strict.fhir(all, { token: t })).body as Bundle;
    expect(entriesOf(catalog).some((e) => e.resource?.id === SEED_IDS.treatments.implantUnlisted)).toBe(true);
  });
});
