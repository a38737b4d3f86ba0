import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXT, EXT_AS_SEEN_LIVE, PROFILE, SYSTEM, fhirPathOf, type Bundle } from '@itb/shared';
import { ALVA, appointmentsOf, createBody, FIXED_NOW, startTestSandbox, type TestEnv } from './testing/sandbox-env.test-support.js';

let env: TestEnv;
let strict: TestEnv;
let token: string;

beforeAll(async () => {
  [env, strict] = await Promise.all([startTestSandbox({ now: () => FIXED_NOW }), startTestSandbox({ strict: true, now: () => FIXED_NOW })]);
  token = await env.systemToken();
});
afterAll(async () => {
  await Promise.all([env.close(), strict.close()]);
});

const all = '$get-offers-context?includeActivityDefinitionPortal=true&includeHealthcareServicePortal=true&includePractitionerRolePortal=true';

describe('handle and URLs', () => {
  it('exposes the fixed URL layout on an ephemeral port, reachable on IPv4 and IPv6 loopback', async () => {
    const { sandbox } = env;
    expect(sandbox.origin).toMatch(/^http:\/\/localhost:\d+$/);
    expect(sandbox.apiBase).toBe(`${sandbox.origin}/demo/1.0/R4`);
    expect(sandbox.fhirBase).toBe(`${sandbox.apiBase}/fhir`);
    expect(sandbox.systemTokenUrl).toBe(`${sandbox.apiBase}/auth/system-token`);
    expect(sandbox.issuer).toBe(`${sandbox.origin}/oidc`);
    expect(sandbox.apiKey).toBe('sandbox-api-key');
    const port = new URL(sandbox.origin).port;
    for (const host of ['127.0.0.1', '[::1]']) {
      const response = await fetch(`http://${host}:${port}/demo/1.0/R4/fhir/metadata`);
      expect(response.status).toBe(200);
    }
    const discovery = await fetch(`${sandbox.issuer}/.well-known/openid-configuration`);
    expect(((await discovery.json()) as { issuer: string }).issuer).toBe(sandbox.issuer);
  });
});

describe('auth/system-token', () => {
  it('trades the API key for a bearer token with an expiry', async () => {
    const response = await fetch(env.sandbox.systemTokenUrl, { method: 'POST', headers: { 'X-ApiKey': 'sandbox-api-key' } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, access_token: expect.any(String) });
    expect((await env.fhir('HealthcareService', { token: body.access_token as string })).status).toBe(200);
  });

  it.each([['a wrong key', { 'X-ApiKey': 'nope' }], ['no key', {}]])('answers %s with 401 and an OperationOutcome', async (_name, headers) => {
    const response = await fetch(env.sandbox.systemTokenUrl, { method: 'POST', headers });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/fhir+json');
    const body = (await response.json()) as { resourceType: string; issue: { code: string }[] };
    expect(body.resourceType).toBe('OperationOutcome');
    expect(body.issue[0]?.code).toBe('login');
    expect(JSON.stringify(body)).not.toContain('sandbox-api-key');
  });

  it('expires tokens after their lifetime', async () => {
    let tokenTime = Date.now();
    const short = await startTestSandbox({ systemTokenTtlSeconds: 1, systemTokenClock: () => tokenTime });
    try {
      const issued = (await (await fetch(short.sandbox.systemTokenUrl, { method: 'POST', headers: { 'X-ApiKey': short.sandbox.apiKey } })).json()) as { access_token: string; expires_in: number };
      expect(issued.expires_in).toBe(1);
      expect((await short.fhir('ActivityDefinition', { token: issued.access_token })).status).toBe(200);
      tokenTime += 1001;
      const expired = await short.fhir('ActivityDefinition', { token: issued.access_token });
      expect(expired.status).toBe(401);
      expect(expired.headers.get('www-authenticate')).toBe('Bearer');
    } finally {
      await short.close();
    }
  });

  it('refuses FHIR calls without a token or with an unknown one (401)', async () => {
    expect((await env.fhir('HealthcareService')).status).toBe(401);
    expect((await env.fhir('HealthcareService', { token: 'itb-sys.forged' })).status).toBe(401);
    expect((await env.fhir('HealthcareService', { token: 'some-patient-looking-token' })).status).toBe(401);
  });

  it('takes a custom API key', async () => {
    const custom = await startTestSandbox({ apiKey: 'k-123' });
    try {
      expect((await fetch(custom.sandbox.systemTokenUrl, { method: 'POST', headers: { 'X-ApiKey': 'k-123' } })).status).toBe(200);
      expect((await fetch(custom.sandbox.systemTokenUrl, { method: 'POST', headers: { 'X-ApiKey': 'sandbox-api-key' } })).status).toBe(401);
    } finally {
      await custom.close();
    }
  });
});

describe('metadata', () => {
  it('serves the CapabilityStatement without a token, as application/fhir+json', async () => {
    const response = await env.fhir('metadata');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/fhir+json');
    expect(response.body).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1', kind: 'instance' });
    expect(response.body.instantiates[0]).toContain('IHE.Scheduling.server');
    const types = response.body.rest[0].resource.map((r: { type: string }) => r.type);
    expect(types).toEqual(expect.arrayContaining(['ActivityDefinition', 'HealthcareService', 'PractitionerRole', 'Organization', 'Location', 'Appointment', 'Patient']));
    const appointment = response.body.rest[0].resource.find((r: { type: string }) => r.type === 'Appointment');
    expect(appointment.operation.map((o: { name: string }) => o.name)).toEqual(['find', 'book']);
    expect(response.body.rest[0].operation[0].name).toBe('getOffersContext');
  });
});

describe('$get-offers-context', () => {
  it('returns every offer with fullUrls, profiles and the include flags honoured once per resource', async () => {
    const bare = await env.fhir('$get-offers-context', { token });
    expect(bare.status).toBe(200);
    const offers = bare.body as Bundle;
    expect(offers.meta?.profile).toEqual([PROFILE.offersBundle]);
    expect(offers.type).toBe('searchset');
    expect(offers.entry?.every((e) => e.resource?.resourceType === 'Parameters' && e.search?.mode === 'match')).toBe(true);
    // Live fullUrls are written under other bases (spec §13.31); the FHIR path is what they share.
    expect(fhirPathOf(offers.entry?.[0]?.fullUrl ?? '')?.path).toBe(`Parameters/${offers.entry?.[0]?.resource?.id}`);
    expect(offers.entry?.[0]?.resource?.meta?.profile).toEqual([PROFILE.offer]);

    const full = (await env.fhir(all, { token })).body as Bundle;
    const count = (type: string) => full.entry?.filter((e) => e.resource?.resourceType === type).length;
    expect(count('Parameters')).toBe(offers.entry?.length);
    expect(count('ActivityDefinition')).toBeGreaterThanOrEqual(8);
    expect(count('HealthcareService')).toBeGreaterThanOrEqual(6);
    expect(count('PractitionerRole')).toBeGreaterThanOrEqual(15);
    const ids = full.entry?.map((e) => `${e.resource?.resourceType}/${e.resource?.id}`) ?? [];
    expect(new Set(ids).size).toBe(ids.length);
    // total counts every entry, offers and included resources alike (spec §13.16).
    expect(full.total).toBe(full.entry?.length);
    for (const entry of full.entry ?? []) {
      expect(fhirPathOf(entry.fullUrl ?? '')?.path).toBe(`${entry.resource?.resourceType}/${entry.resource?.id}`);
      expect(entry.fullUrl?.startsWith(`${env.sandbox.fhirBase}/`)).toBe(false);
    }
    const profiles = new Set(full.entry?.map((e) => e.resource?.meta?.profile?.[0]));
    expect(profiles).toEqual(new Set([PROFILE.offer, PROFILE.activityDefinition, PROFILE.healthcareService, PROFILE.practitionerRole]));
  });

  it('keeps the whole catalog answer under 240 KB', async () => {
    // 8 clinics, 21 roles, 11 treatments, every include, live (longer) fullUrls, and a raster photo
    // (PNG, base64, as ITB sends them) for every clinic and role: about 2.5 KB each.
    const response = await fetch(`${env.sandbox.fhirBase}/${all}`, { headers: { authorization: `Bearer ${token}` } });
    expect((await response.text()).length).toBeLessThan(240_000);
  });

  it.each([
    ['ActivityDefinition/ad-hygiene-45', (o: any) => o.part.find((p: any) => p.name === 'activityDefinition').valueReference.reference === 'ActivityDefinition/ad-hygiene-45'],
    ['HealthcareService/hs-stockholm-city', (o: any) => o.part.find((p: any) => p.name === 'healthcareService').valueReference.reference === 'HealthcareService/hs-stockholm-city'],
    ['PractitionerRole/pr-anna-berg-sto', (o: any) => o.part.find((p: any) => p.name === 'practitionerRole').valueReference.reference === 'PractitionerRole/pr-anna-berg-sto'],
  ])('narrows to %s at instance level', async (target, belongs) => {
    const response = await env.fhir(`${target}/$get-offers-context?includeHealthcareServicePortal=true`, { token });
    expect(response.status).toBe(200);
    const offers = (response.body as Bundle).entry?.filter((e) => e.resource?.resourceType === 'Parameters').map((e) => (e.resource as any).parameter[0]) ?? [];
    expect(offers.length).toBeGreaterThan(0);
    expect(offers.every(belongs)).toBe(true);
    expect((response.body as Bundle).entry?.some((e) => e.resource?.resourceType === 'HealthcareService')).toBe(true);
    expect((response.body as Bundle).entry?.some((e) => e.resource?.resourceType === 'ActivityDefinition')).toBe(false);
  });

  it('answers POST with a Parameters body like GET', async () => {
    const response = await env.fhir('$get-offers-context', { token, body: { resourceType: 'Parameters', parameter: [{ name: 'includeActivityDefinitionPortal', valueBoolean: true }] } });
    expect(response.status).toBe(200);
    expect((response.body as Bundle).entry?.some((e) => e.resource?.resourceType === 'ActivityDefinition')).toBe(true);
  });

  it('refuses unknown targets (404) and bad flags (400)', async () => {
    expect((await env.fhir('HealthcareService/hs-nowhere/$get-offers-context', { token })).status).toBe(404);
    expect((await env.fhir('$get-offers-context?includeActivityDefinitionPortal=yes', { token })).status).toBe(400);
    expect((await env.fhir('$get-offers-context?includeEverything=true', { token })).status).toBe(400);
  });

  it('seeds an offline offer, an external-booking clinic and a campaign-tagged treatment', async () => {
    const full = (await env.fhir(all, { token })).body as Bundle;
    const offers = full.entry?.filter((e) => e.resource?.resourceType === 'Parameters').map((e) => (e.resource as any).parameter[0].part) ?? [];
    const offline = offers.filter((parts: any[]) => parts.some((p) => p.name === 'isOnline' && p.valueBoolean === false));
    expect(offline.length).toBeGreaterThan(0);
    for (const parts of offline) expect(parts.find((p: any) => p.name === 'offlineReason')?.valueString).toEqual(expect.any(String));
    const hisingen = full.entry?.find((e) => e.resource?.id === 'hs-goteborg-hisingen')?.resource as any;
    const info = hisingen.extension.find((e: any) => e.url === EXT.clinicInfo);
    expect(info.extension).toContainEqual({ url: 'hasExternalBooking', valueBoolean: true });
    expect(hisingen.telecom).toContainEqual(expect.objectContaining({ system: 'url', value: expect.stringMatching(/^https:\/\//) }));
    const campaign = full.entry?.find((e) => e.resource?.id === 'ad-spring-check-45')?.resource as any;
    expect(campaign.extension.find((e: any) => e.url === EXT.campaigns).extension).toEqual([{ url: 'campaign', valueCode: 'SPRING26' }]);
    const countries = new Set((full.entry ?? []).filter((e) => e.resource?.resourceType === 'HealthcareService').map((e) => (e.resource as any).contained[0].address.country));
    expect(countries).toEqual(new Set(['SE', 'NO']));
  });
});

describe('reads and searches', () => {
  it.each([
    ['ActivityDefinition', 'ad-hygiene-45', PROFILE.activityDefinition],
    ['HealthcareService', 'hs-oslo-sentrum', PROFILE.healthcareService],
    ['PractitionerRole', 'pr-anna-berg-sod', PROFILE.practitionerRole],
    ['Organization', 'org-fjordvik', PROFILE.serviceProvider],
  ])('reads and searches %s', async (type, id, profile) => {
    const read = await env.fhir(`${type}/${id}`, { token });
    expect(read.status).toBe(200);
    expect(read.headers.get('content-type')).toContain('application/fhir+json');
    expect(read.body).toMatchObject({ resourceType: type, id, meta: { profile: [profile] } });
    const search = await env.fhir(type, { token });
    expect(search.body).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    expect((search.body as Bundle).entry?.map((e) => e.resource?.id)).toContain(id);
    expect((search.body as Bundle).total).toBe((search.body as Bundle).entry?.length);
    expect((await env.fhir(`${type}/no-such-id`, { token })).status).toBe(404);
  });

  it('searches PractitionerRole by service, including people who work at two clinics', async () => {
    const city = (await env.fhir('PractitionerRole?service=HealthcareService/hs-stockholm-city', { token })).body as Bundle;
    expect(city.entry?.map((e) => e.resource?.id).sort()).toEqual(['pr-anna-berg-sto', 'pr-elin-holm-sto', 'pr-johan-ek-sto']);
    const all = (await env.fhir('PractitionerRole', { token })).body as Bundle;
    const names = all.entry?.map((e) => (e.resource as any).practitioner.display.split(' ').slice(1).join(' ')) ?? [];
    expect(names.length).toBeGreaterThanOrEqual(15);
    expect(names.filter((n) => n === 'Anna Berg')).toHaveLength(2);
    expect((await env.fhir('PractitionerRole?service=Organization/x', { token })).status).toBe(400);
  });

  it('finds the organisation by _id and identifier only', async () => {
    expect(((await env.fhir('Organization?_id=org-fjordvik', { token })).body as Bundle).total).toBe(1);
    expect(((await env.fhir('Organization?_id=other', { token })).body as Bundle).total).toBe(0);
    expect(((await env.fhir(`Organization?identifier=${encodeURIComponent('http://portal.wof.purified.link/fhir/CodeSystem/nameAsCode|fjordvik-tandvard')}`, { token })).body as Bundle).total).toBe(1);
  });

  it('lists the four areas with physical-type=area (and the physicalType spelling)', async () => {
    for (const query of ['physical-type=area', 'physicalType=area']) {
      const areas = (await env.fhir(`Location?${query}`, { token })).body as Bundle;
      expect(areas.entry?.map((e) => e.resource?.id)).toEqual(['area-stockholm', 'area-goteborg', 'area-oslo', 'area-bergen']);
      expect(areas.entry?.[0]?.resource?.meta?.profile).toEqual([PROFILE.locationArea]);
    }
    expect(((await env.fhir('Location?physical-type=si', { token })).body as Bundle).total).toBe(0);
  });
});

describe('quirk mode (default) versus strict mode', () => {
  async function snapshot(target: TestEnv) {
    const t = await target.systemToken();
    const catalog = JSON.stringify((await target.fhir(all, { token: t })).body);
    const find = (await target.fhir('Appointment/$find?start=2026-09-14&end=2026-09-21&practitionerRole=PractitionerRole/pr-elin-holm-sto', { token: t })).body as Bundle;
    return { catalog, find };
  }

  it('reproduces the live deviations of spec §13 by default', async () => {
    const { catalog, find } = await snapshot(env);
    expect(catalog).toContain(EXT_AS_SEEN_LIVE.bookingRules);
    expect(catalog).toContain(EXT_AS_SEEN_LIVE.sortKey);
    expect(catalog).toContain(EXT.sortKey); // areas keep the declared http wof-connect spelling
    expect(catalog).toContain(SYSTEM.liveServiceType);
    expect(catalog).not.toContain(SYSTEM.serviceTypeId);
    expect(catalog).toContain('"reference":"Organization/#org"');
    expect(catalog).toContain(SYSTEM.locationPhysicalTypeOid);
    expect(catalog).toContain('"name":"visit-type"');
    const time = find.entry?.[0]?.resource as any;
    expect(time.id).toContain(':');
    expect(find.entry?.[0]?.fullUrl).toBe(`${env.sandbox.fhirBase.replace('http:', 'https:').replace(/\/fhir$/, '/portal/fhir')}/Appointment/${time.id}`);
    expect(time.participant[0].actor.reference).toBe('https://api-no.wellonfhir.se/demo/1.0/R4/fhir/PractitionerRole/pr-elin-holm-sto');
    expect(find.link?.[0]?.url).toContain('/portal/fhir/Appointment/$find?');
    expect(catalog).toContain('"fullUrl":"[[baseurl]]/Parameters/');
    expect(catalog).toContain('"fullUrl":"http://example.com/fhir/ActivityDefinition/');
    expect(catalog).toContain(`"fullUrl":"${env.sandbox.fhirBase.replace('http:', 'https:')}/HealthcareService/`);
    expect(time.identifier.every((i: any) => i.type === undefined)).toBe(true);
    expect(time.identifier[1].system).toBe(SYSTEM.appointmentSourcePrefix);
    expect(time.participant.map((p: any) => p.actor.type)).toEqual(['PractitionerRole', 'ActivityDefinition']);
    expect(time.serviceType[0].coding[0].display).toEqual(expect.any(String));
  });

  it('emits only profile-conformant data in strict mode', async () => {
    const { catalog, find } = await snapshot(strict);
    expect(catalog).not.toContain(EXT_AS_SEEN_LIVE.bookingRules);
    expect(catalog).not.toContain(EXT_AS_SEEN_LIVE.sortKey);
    expect(catalog).toContain(EXT.bookingRules);
    expect(catalog).not.toContain(SYSTEM.liveServiceType);
    expect(catalog).toContain(SYSTEM.serviceTypeId);
    expect(catalog).not.toContain('Organization/#org');
    expect(catalog).not.toContain(SYSTEM.locationPhysicalTypeOid);
    expect(catalog).not.toContain('"name":"visit-type"');
    expect(catalog).not.toContain('extWofMeta');
    expect(find.total).toBeGreaterThan(0);
    expect(JSON.parse(catalog).entry.every((e: any) => e.fullUrl === `${strict.sandbox.fhirBase}/${e.resource.resourceType}/${e.resource.id}`)).toBe(true);
    expect(catalog).not.toContain('"reference":"http');
    expect(find.link).toBeUndefined();
    for (const entry of find.entry ?? []) {
      const time = entry.resource as any;
      expect(entry.fullUrl).toBe(`${strict.sandbox.fhirBase}/Appointment/${time.id}`);
      expect(time.id).toMatch(/^[A-Za-z0-9\-.]{1,64}$/);
      expect(time.identifier.every((i: any) => i.type?.coding?.[0]?.code !== undefined)).toBe(true);
      expect(time.identifier[0].value).toContain(':');
      expect(time.participant.map((p: any) => p.actor.type)).toEqual(['HealthcareService', 'PractitionerRole']);
      expect(time.serviceType[0].coding[0]).toEqual({ system: SYSTEM.serviceTypeId, code: expect.any(String) });
    }
  });

  it('books a strict-mode time and answers with typed identifiers', async () => {
    const t = await strict.systemToken();
    const find = (await strict.fhir('Appointment/$find?start=2026-09-15&end=2026-09-18&practitionerRole=PractitionerRole/pr-elin-holm-sto&visit-type=hyg45', { token: t })).body as Bundle;
    const time = appointmentsOf(find)[0];
    if (time === undefined) throw new Error('no time');
    const alva = await strict.patientToken(ALVA.personalNumber);
    const response = await strict.fhir('Appointment/$book', { token: alva, body: createBody(time, 'hs-stockholm-city', ALVA) });
    expect(response.status).toBe(200);
    const booking = appointmentsOf(response.body)[0] as any;
    expect(booking.identifier[0].type.coding[0].code).toBe('sourcesystem-identifier');
    expect(booking.extension.map((e: { url: string }) => e.url)).toContain(EXT.appointmentUpdate);
    expect((response.body as Bundle).meta?.profile).toEqual([PROFILE.iheAvailBundle]);
  });
});
