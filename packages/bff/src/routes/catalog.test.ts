import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutcome, type Bundle } from '@itb/shared';
import { startBffTestEnv, type BffTestEnv } from '../../test/bff-test-env.test-support.js';

const SPRING = 'ad-spring-check-45';
const ALL = 'includeActivityDefinitionPortal=true&includeHealthcareServicePortal=true&includePractitionerRolePortal=true';

function campaignsFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'itb-bff-catalog-')), 'campaigns.json');
  writeFileSync(file, JSON.stringify([
    { code: 'SPRING26', validFrom: '2020-01-01T00:00:00Z' },
    { code: 'OLD', tag: 'SPRING26', validTo: '2021-01-01T00:00:00Z' },
    { code: 'CITY', tag: 'SPRING26', clinicIds: ['hs-stockholm-city'] },
  ]));
  return file;
}

let env: BffTestEnv;
beforeAll(async () => {
  env = await startBffTestEnv({ env: { ITB_CAMPAIGNS_FILE: campaignsFile() } });
});
afterAll(async () => { await env.close(); });

async function get(url: string, headers: Record<string, string> = {}) {
  return env.app.inject({ url, headers });
}

function resources(bundle: Bundle, type: string): { id?: string }[] {
  return (bundle.entry ?? []).map((e) => e.resource as { resourceType: string; id?: string }).filter((r) => r?.resourceType === type);
}

/** Treatment ids referenced by the offers of an offers-context Bundle, with their clinic. */
function offerPairs(bundle: Bundle): { treatment: string; clinic: string }[] {
  return resources(bundle, 'Parameters').map((offer) => {
    const parts = (offer as { parameter: { part: { name: string; valueReference?: { reference?: string } }[] }[] }).parameter[0]?.part ?? [];
    const ref = (name: string) => parts.find((p) => p.name === name)?.valueReference?.reference?.split('/')[1] ?? '';
    return { treatment: ref('activityDefinition'), clinic: ref('healthcareService') };
  });
}

describe('offers context', () => {
  it('serves the system-level bundle with every include, links rewritten to the BFF', async () => {
    const res = await get(`/fhir/$get-offers-context?${ALL}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    const bundle = res.json() as Bundle;
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    expect(bundle.total).toBe(bundle.entry?.length);
    for (const type of ['Parameters', 'ActivityDefinition', 'HealthcareService', 'PractitionerRole']) expect(resources(bundle, type).length).toBeGreaterThan(0);
    expect(res.body).not.toContain(env.sandbox.fhirBase);
    // Clinics, treatments and practitioners are readable here; an offer has no REST address of its own.
    for (const entry of bundle.entry ?? []) {
      const { resourceType, id } = entry.resource as { resourceType: string; id: string };
      if (resourceType === 'Parameters') expect(entry.fullUrl).toMatch(/^urn:uuid:/);
      else expect(entry.fullUrl).toBe(`${env.config.publicUrl}/fhir/${resourceType}/${id}`);
    }
  });

  it('leaves treatments out unless asked, yet still hides campaign offers', async () => {
    const bundle = (await get('/fhir/$get-offers-context')).json() as Bundle;
    expect(resources(bundle, 'ActivityDefinition')).toHaveLength(0);
    expect(resources(bundle, 'HealthcareService')).toHaveLength(0);
    expect(offerPairs(bundle).length).toBeGreaterThan(10);
    expect(offerPairs(bundle).some((p) => p.treatment === SPRING)).toBe(false);
    expect(bundle.total).toBe(bundle.entry?.length);
  });

  it('serves instance-level contexts for a clinic, a treatment and a practitioner', async () => {
    const clinic = (await get('/fhir/HealthcareService/hs-stockholm-city/$get-offers-context')).json() as Bundle;
    expect(new Set(offerPairs(clinic).map((p) => p.clinic))).toEqual(new Set(['hs-stockholm-city']));
    const treatment = (await get('/fhir/ActivityDefinition/ad-hygiene-45/$get-offers-context?includeActivityDefinitionPortal=true')).json() as Bundle;
    expect(new Set(offerPairs(treatment).map((p) => p.treatment))).toEqual(new Set(['ad-hygiene-45']));
    expect(resources(treatment, 'ActivityDefinition').map((r) => r.id)).toEqual(['ad-hygiene-45']);
    const practitioner = await get('/fhir/PractitionerRole/pr-anna-berg-sto/$get-offers-context');
    expect(practitioner.statusCode).toBe(200);
    expect(offerPairs(practitioner.json() as Bundle).length).toBeGreaterThan(0);
  });

  it('validates include flags and ids (400 naming the parameter)', async () => {
    const flag = await get('/fhir/$get-offers-context?includeHealthcareServicePortal=yes');
    expect(flag.statusCode).toBe(400);
    expect(readOutcome(flag.json()).diagnostics).toContain('includeHealthcareServicePortal');
    for (const id of ['..%2Fmetadata', '.hidden', '-x', 'a%00b', 'a'.repeat(129), 'a%2Fb', 'é', 'a b', "x'or'1"]) {
      const res = await get(`/fhir/HealthcareService/${id}/$get-offers-context`);
      expect(res.statusCode, id).toBe(400);
      expect(readOutcome(res.json()).reason).toBe('invalid-parameter');
      expect((await get(`/fhir/HealthcareService/${id}`)).statusCode, id).toBe(400);
    }
  });

  it('answers an unknown id with 404 not-found and accepts ids with colons', async () => {
    const res = await get('/fhir/HealthcareService/hs-does-not-exist');
    expect(res.statusCode).toBe(404);
    expect(readOutcome(res.json()).reason).toBe('not-found');
    expect((await get('/fhir/PractitionerRole/pr:with:colons')).statusCode).toBe(404);
  });
});

describe('reads and searches', () => {
  it('lists and reads clinics, practitioners and treatments', async () => {
    const clinics = (await get('/fhir/HealthcareService')).json() as Bundle;
    expect(resources(clinics, 'HealthcareService').length).toBeGreaterThanOrEqual(7);
    expect((await get('/fhir/HealthcareService/hs-bergen-sentrum')).json()).toMatchObject({ resourceType: 'HealthcareService', id: 'hs-bergen-sentrum' });
    const roles = (await get('/fhir/PractitionerRole?service=HealthcareService/hs-stockholm-city')).json() as Bundle;
    expect(resources(roles, 'PractitionerRole').map((r) => r.id).sort()).toEqual(['pr-anna-berg-sto', 'pr-elin-holm-sto', 'pr-johan-ek-sto']);
    expect((await get('/fhir/PractitionerRole?service=Clinic/x')).statusCode).toBe(400);
    expect((await get('/fhir/ActivityDefinition/ad-hygiene-45')).json()).toMatchObject({ resourceType: 'ActivityDefinition', id: 'ad-hygiene-45' });
  });
});

describe('campaigns on catalog routes', () => {
  const springVisible = async (query: string) => {
    const bundle = (await get(`/fhir/$get-offers-context?${ALL}${query}`)).json() as Bundle;
    return {
      treatment: resources(bundle, 'ActivityDefinition').some((r) => r.id === SPRING),
      clinics: [...new Set(offerPairs(bundle).filter((p) => p.treatment === SPRING).map((p) => p.clinic))].sort(),
    };
  };

  it('hides tagged treatments and their offers without a valid code', async () => {
    for (const query of ['', '&campaign=NOPE', '&campaign=OLD', '&campaign=', `&campaign=${'x'.repeat(500)}`]) {
      expect(await springVisible(query), query).toEqual({ treatment: false, clinics: [] });
    }
  });

  it('unlocks them with a valid code (case-insensitive), scoped to the campaign clinics', async () => {
    const open = await springVisible('&campaign=spring26');
    expect(open.treatment).toBe(true);
    expect(open.clinics.length).toBeGreaterThan(2);
    expect(await springVisible('&campaign=CITY')).toEqual({ treatment: true, clinics: ['hs-stockholm-city'] });
    expect((await springVisible('&campaign=NOPE&campaign=SPRING26')).clinics).toEqual(open.clinics);
  });

  it('hides them in ActivityDefinition reads and searches too', async () => {
    const ids = async (query: string) => resources((await get(`/fhir/ActivityDefinition${query}`)).json() as Bundle, 'ActivityDefinition').map((r) => r.id);
    expect(await ids('')).not.toContain(SPRING);
    expect(await ids('')).toContain('ad-hygiene-45');
    expect(await ids('?campaign=SPRING26')).toContain(SPRING);
    const hidden = await get(`/fhir/ActivityDefinition/${SPRING}`);
    expect(hidden.statusCode).toBe(404);
    expect((await get(`/fhir/ActivityDefinition/${SPRING}?campaign=SPRING26`)).statusCode).toBe(200);
  });
});

describe('caching', () => {
  it('sends ETag and Cache-Control, and 304 for If-None-Match', async () => {
    const first = await get('/fhir/HealthcareService');
    const etag = String(first.headers['etag']);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.headers['cache-control']).toMatch(/^private, max-age=\d+, stale-while-revalidate=60$/);
    const again = await get('/fhir/HealthcareService', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers['etag']).toBe(etag);
    expect((await get('/fhir/HealthcareService', { 'if-none-match': `"other", W/${etag}` })).statusCode).toBe(304);
    expect((await get('/fhir/HealthcareService', { 'if-none-match': '"other"' })).statusCode).toBe(200);
  });

  it('gives each campaign variant its own ETag', async () => {
    const hidden = await get(`/fhir/$get-offers-context?${ALL}`);
    const open = await get(`/fhir/$get-offers-context?${ALL}&campaign=SPRING26`);
    expect(hidden.headers['etag']).not.toBe(open.headers['etag']);
    expect((await get(`/fhir/$get-offers-context?${ALL}&campaign=SPRING26`, { 'if-none-match': String(hidden.headers['etag']) })).statusCode).toBe(200);
  });

  it('coalesces concurrent identical requests into one upstream call and then serves from cache', async () => {
    const fresh = await startBffTestEnv({ sandbox: env.sandbox });
    try {
      env.sandbox.knobs.resetCounts();
      env.sandbox.knobs.setLatency(100);
      const answers = await Promise.all(Array.from({ length: 25 }, () => fresh.app.inject({ url: '/fhir/HealthcareService/hs-oslo-sentrum/$get-offers-context' })));
      expect(answers.every((a) => a.statusCode === 200)).toBe(true);
      expect(new Set(answers.map((a) => a.headers['etag'])).size).toBe(1);
      expect(env.sandbox.knobs.requestCount('HealthcareService/hs-oslo-sentrum/$get-offers-context')).toBe(1);
      await fresh.app.inject({ url: '/fhir/HealthcareService/hs-oslo-sentrum/$get-offers-context' });
      expect(env.sandbox.knobs.requestCount('HealthcareService/hs-oslo-sentrum/$get-offers-context')).toBe(1);
    } finally {
      env.sandbox.knobs.reset();
      await fresh.close();
    }
  });
});
