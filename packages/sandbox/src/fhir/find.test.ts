import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PROFILE, SYSTEM, fhirPathOf, participantId, type Bundle } from '@itb/shared';
import { appointmentsOf, FIXED_NOW, findPath, startTestSandbox, type TestEnv } from '../testing/sandbox-env.test-support.js';

let env: TestEnv;
let token: string;
const live = `${SYSTEM.liveServiceType}|hyg45`;
const WEEK = ['2026-09-14T00:00:00+02:00', '2026-09-20T23:59:59+02:00'] as const;

beforeAll(async () => {
  env = await startTestSandbox({ now: () => FIXED_NOW });
  token = await env.systemToken();
});
afterAll(() => env.close());
afterEach(() => env.sandbox.knobs.reset());

async function find(path: string) {
  return env.fhir(path, { token });
}

describe('$find for one practitioner', () => {
  it('answers the §14.4 GET with that practitioner\'s free times of the treatment in the window', async () => {
    const response = await find(findPath('pr-elin-holm-sto', live, ...WEEK, '&healthcareService=HealthcareService/hs-stockholm-city'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/fhir+json');
    const bundle = response.body as Bundle;
    expect(bundle.meta?.profile).toEqual([PROFILE.findBundle]);
    expect(bundle.type).toBe('searchset');
    const times = appointmentsOf(bundle);
    expect(times.length).toBeGreaterThan(10);
    expect(bundle.total).toBe(times.length);
    for (const [i, time] of times.entries()) {
      expect(time.status).toBe('proposed');
      expect(time.meta?.profile).toEqual([PROFILE.availableAppointment]);
      const start = Date.parse(time.start ?? '');
      expect(start).toBeGreaterThan(FIXED_NOW.getTime());
      expect(start).toBeLessThan(Date.parse(WEEK[1]));
      expect(Date.parse(time.end ?? '') - start).toBe(45 * 60_000);
      expect(time.start).toMatch(/\+00:00$/);
      expect(time.requestedPeriod).toEqual([{ start: time.start, end: time.end }]);
      expect(participantId(time, 'PractitionerRole')).toBe('pr-elin-holm-sto');
      expect(time.identifier?.find((id) => id.system === SYSTEM.slotId)?.value).toBe(time.id);
      expect(fhirPathOf(bundle.entry?.[i]?.fullUrl ?? '')?.id).toBe(time.id);
      if (i > 0) expect(start).toBeGreaterThanOrEqual(Date.parse(times[i - 1]?.start ?? ''));
    }
  });

  it('answers POST (Parameters body), the profile code system and a bare code alike', async () => {
    const get = appointmentsOf((await find(findPath('pr-elin-holm-sto', live, ...WEEK))).body).map((t) => t.id);
    const post = await env.fhir('Appointment/$find', {
      token,
      body: {
        resourceType: 'Parameters',
        parameter: [
          { name: 'start', valueDateTime: WEEK[0] },
          { name: 'end', valueDateTime: WEEK[1] },
          { name: 'visit-type', valueString: live },
          { name: 'healthcareService', valueReference: { reference: 'HealthcareService/hs-stockholm-city' } },
          { name: 'practitionerRole', valueReference: { reference: 'PractitionerRole/pr-elin-holm-sto' } },
        ],
      },
    });
    expect(post.status).toBe(200);
    expect(appointmentsOf(post.body).map((t) => t.id)).toEqual(get);
    const form = await env.fhir('Appointment/$find', {
      token,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ start: WEEK[0], end: WEEK[1], 'visit-type': live, practitionerRole: 'PractitionerRole/pr-elin-holm-sto' }).toString(),
    });
    expect(appointmentsOf(form.body).map((t) => t.id)).toEqual(get);
    for (const code of [`${SYSTEM.serviceTypeId}|hyg45`, 'hyg45']) {
      expect(appointmentsOf((await find(findPath('pr-elin-holm-sto', code, ...WEEK))).body).map((t) => t.id)).toEqual(get);
    }
  });

  it('takes the identifier-only practitioner reference instead of practitionerRole', async () => {
    const body = {
      resourceType: 'Parameters',
      parameter: [
        { name: 'start', valueDateTime: WEEK[0] },
        { name: 'end', valueDateTime: WEEK[1] },
        { name: 'visit-type', valueString: live },
        { name: 'practitioner', valueReference: { identifier: { system: `${SYSTEM.practitionerPrefix}/e7d6c5b4-a392-4817-b605-f4e3d2c1b001`, value: '8813' } } },
      ],
    };
    const response = await env.fhir('Appointment/$find', { token, body });
    expect(response.status).toBe(200);
    expect(appointmentsOf(response.body).every((t) => participantId(t, 'PractitionerRole') === 'pr-elin-holm-sto')).toBe(true);
  });

  it('follows a live offer bookingUrl (date-only window)', async () => {
    const offers = (await env.fhir('PractitionerRole/pr-elin-holm-sto/$get-offers-context', { token })).body as Bundle;
    const url = (offers.entry?.[0]?.resource as any).parameter[0].part.find((p: any) => p.name === 'bookingUrl').valueUrl as string;
    expect(url).toMatch(/^\/fhir\/Appointment\/\$find\?start=\d{4}-\d{2}-\d{2}&end=\d{4}-\d{2}-\d{2}&/);
    const response = await env.fhir(`${env.sandbox.apiBase}${url.replace('|', '%7C')}`, { token });
    expect(response.status).toBe(200);
    expect(appointmentsOf(response.body).length).toBeGreaterThan(0);
  });

  it.each([
    ['no practitioner', `Appointment/$find?start=2026-09-14&end=2026-09-20&visit-type=${live}`, /practitioner must be chosen/],
    ['no start', 'Appointment/$find?end=2026-09-20&practitionerRole=PractitionerRole/pr-elin-holm-sto', /"start" is required/],
    ['end before start', findPath('pr-elin-holm-sto', live, WEEK[1], WEEK[0]), /window is empty/],
    ['a window over 31 days', findPath('pr-elin-holm-sto', live, '2026-09-14', '2026-10-20'), /at most 31 days/],
    ['an unencoded + in the offset', `Appointment/$find?start=2026-09-14T00:00:00+02:00&end=2026-09-20&practitionerRole=PractitionerRole/pr-elin-holm-sto`, /%2B/],
    ['a malformed date', findPath('pr-elin-holm-sto', live, 'monday', WEEK[1]), /dateTime/],
    ['an unknown parameter', `${findPath('pr-elin-holm-sto', live, ...WEEK)}&doctor=me`, /Unknown parameter "doctor"/],
    ['two practitioner roles', `${findPath('pr-elin-holm-sto', live, ...WEEK)}&practitionerRole=PractitionerRole/pr-anna-berg-sto`, /only once/],
    ['an unknown practitioner role', findPath('pr-nobody', live, ...WEEK), /Unknown practitionerRole/],
    ['a reference of the wrong type', `${findPath('pr-elin-holm-sto', live, ...WEEK)}&healthcareService=Location/x`, /HealthcareService\/\{id\}/],
    ['an unknown visit-type', findPath('pr-elin-holm-sto', `${SYSTEM.liveServiceType}|nope`, ...WEEK), /Unknown visit-type/],
    ['an unknown clinic', `${findPath('pr-elin-holm-sto', live, ...WEEK)}&healthcareService=HealthcareService/hs-x`, /Unknown healthcareService/],
    ['a bad _count', `${findPath('pr-elin-holm-sto', live, ...WEEK)}&_count=-1`, /_count/],
  ])('refuses %s with 400', async (_name, path, message) => {
    const response = await find(path);
    expect(response.status).toBe(400);
    expect(response.body.resourceType).toBe('OperationOutcome');
    expect(response.body.issue[0].code).toBe('invalid');
    expect(response.body.issue[0].diagnostics).toMatch(message);
  });

  it('combines parameters as AND: another clinic, area or billing entity gives no times', async () => {
    const base = findPath('pr-elin-holm-sto', live, ...WEEK);
    expect(((await find(`${base}&healthcareService=HealthcareService/hs-oslo-sentrum`)).body as Bundle).total).toBe(0);
    expect(((await find(`${base}&location=Location/area-oslo`)).body as Bundle).total).toBe(0);
    expect(((await find(`${base}&location=Location/area-oslo&location=Location/area-stockholm`)).body as Bundle).total).toBeGreaterThan(0);
    expect(((await find(findPath('pr-elin-holm-sto', 'rotfyllning', ...WEEK))).body as Bundle).total).toBe(0);
  });

  it('returns every treatment of the role without visit-type, and honours _count', async () => {
    const all = appointmentsOf((await find(`Appointment/$find?start=2026-09-14&end=2026-09-21&practitionerRole=PractitionerRole/pr-elin-holm-sto`)).body);
    expect(new Set(all.map((t) => t.serviceType?.[0]?.coding?.[0]?.code))).toEqual(new Set(['hyg45', 'varkoll', 'blekning']));
    const three = (await find(`${findPath('pr-elin-holm-sto', live, ...WEEK)}&_count=3`)).body as Bundle;
    expect(appointmentsOf(three)).toHaveLength(3);
  });

  it('gives no times, with a notice, for an external-booking clinic and an offline practitioner', async () => {
    for (const [role, text] of [['pr-peter-sjoberg-his', /external/], ['pr-silje-moen-brg', /offline/]] as const) {
      const bundle = (await find(`Appointment/$find?start=2026-09-14&end=2026-09-21&practitionerRole=PractitionerRole/${role}`)).body as Bundle;
      expect(bundle.total).toBe(0);
      const notice = bundle.entry?.find((e) => e.search?.mode === 'outcome')?.resource as any;
      expect(notice.issue[0].diagnostics).toMatch(text);
    }
  });

  it('lists times inside the minimum-advance window, as live ITB does (the client filters)', async () => {
    const first = appointmentsOf((await find(findPath('pr-sara-nilsson-sod', 'undersokning', ...WEEK))).body)[0];
    if (first?.start === undefined) throw new Error('no time');
    env.sandbox.knobs.setNow(new Date(Date.parse(first.start) - 60 * 60_000));
    const again = appointmentsOf((await find(findPath('pr-sara-nilsson-sod', 'undersokning', ...WEEK))).body);
    expect(again.map((t) => t.id)).toContain(first.id);
  });

  it('has no times beyond the 30-day horizon and none in the past', async () => {
    expect(((await find(findPath('pr-elin-holm-sto', live, '2026-10-20', '2026-11-15'))).body as Bundle).total).toBe(0);
    expect(((await find(findPath('pr-elin-holm-sto', live, '2026-09-01', '2026-09-14'))).body as Bundle).total).toBe(0);
  });

  it('takes a patient token only with system/$find.read', async () => {
    const without = await env.patientToken('199007219919');
    expect((await env.fhir(findPath('pr-elin-holm-sto', live, ...WEEK), { token: without })).status).toBe(403);
    const withScope = await env.patientToken('199007219919', 'openid system/$find.read system/HealthcareService.read');
    expect((await env.fhir(findPath('pr-elin-holm-sto', live, ...WEEK), { token: withScope })).status).toBe(200);
    expect((await env.fhir('HealthcareService', { token: withScope })).status).toBe(200);
    expect((await env.fhir('ActivityDefinition', { token: withScope })).status).toBe(403);
  });
});
