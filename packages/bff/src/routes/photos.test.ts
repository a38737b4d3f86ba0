import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXT, indexOffersContext, readOutcome, sameCanonical, type Bundle } from '@itb/shared';
import { startBffTestEnv, type BffTestEnv } from '../../test/bff-test-env.test-support.js';

const ALL = 'includeActivityDefinitionPortal=true&includeHealthcareServicePortal=true&includePractitionerRolePortal=true';

let env: BffTestEnv;
beforeAll(async () => { env = await startBffTestEnv(); });
afterAll(async () => { await env.close(); });

async function get(url: string, headers: Record<string, string> = {}) {
  return env.app.inject({ url, headers });
}

type Loose = Record<string, unknown>;

async function catalogAnswer(): Promise<{ text: string; bundle: Bundle }> {
  const res = await get(`/fhir/$get-offers-context?${ALL}`);
  expect(res.statusCode).toBe(200);
  return { text: res.body, bundle: res.json() as Bundle };
}

function resourcesOf(bundle: Bundle, type: string): Loose[] {
  return (bundle.entry ?? []).map((e) => e.resource as unknown as Loose).filter((r) => r?.resourceType === type);
}

/** The path + query of a photo link, for inject (the link is absolute under the public URL). */
function pathOf(link: string): string {
  expect(link.startsWith(`${env.config.publicUrl}/photos/`), link).toBe(true);
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}

async function clinicPhotoPath(): Promise<string> {
  const [clinic] = resourcesOf((await catalogAnswer()).bundle, 'HealthcareService');
  return pathOf((clinic?.photo as { url: string }).url);
}

describe('catalog answers carry photo links, not bytes', () => {
  it('serves the offers context with no base64 image left, every photo a link to /photos', async () => {
    const { text, bundle } = await catalogAnswer();
    expect(text).not.toContain('data:');
    expect(text).not.toMatch(/"data":/);
    expect(text).not.toContain('iVBORw0KGgo'); // the start of every base64 PNG
    const clinics = resourcesOf(bundle, 'HealthcareService');
    expect(clinics.length).toBeGreaterThan(0);
    for (const clinic of clinics) {
      expect(clinic.photo).toEqual({ contentType: 'image/png', url: expect.stringMatching(new RegExp(`^${env.config.publicUrl}/photos/clinic/${String(clinic.id)}\\?v=[\\w-]{12}$`)) });
    }
    for (const role of resourcesOf(bundle, 'PractitionerRole')) {
      const extension = (role.extension as Loose[]).find((e) => sameCanonical(String(e.url), EXT.binaryReference));
      expect(extension?.valueReference).toEqual({ reference: expect.stringContaining(`/photos/practitioner/${String(role.id)}?v=`), type: 'Binary' });
      expect(role.contained ?? []).not.toContainEqual(expect.objectContaining({ resourceType: 'Binary' }));
    }
  });

  it('reads into photo URLs with @itb/shared, and a single clinic read links the same photo', async () => {
    const catalog = indexOffersContext((await catalogAnswer()).bundle);
    const clinic = [...catalog.clinics.values()][0]!;
    expect(clinic.photo).toMatch(/^http:\/\/localhost:4020\/photos\/clinic\//);
    expect([...catalog.practitioners.values()].every((p) => p.photo?.includes('/photos/practitioner/') === true)).toBe(true);
    const single = (await get(`/fhir/HealthcareService/${clinic.id}`)).json() as Loose;
    expect((single.photo as { url: string }).url).toBe(clinic.photo);
  });
});

describe('GET /photos/{kind}/{id}', () => {
  it('serves a clinic photo resized to the requested width, cached for good under its hash', async () => {
    const path = await clinicPhotoPath();
    for (const width of [64, 128]) {
      const res = await get(`${path}&w=${width}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
      expect(res.headers.etag).toMatch(/^"[\w-]{27}"$/);
      const meta = await sharp(res.rawPayload).metadata();
      expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: 'png', width, height: width });
    }
    const whole = await sharp((await get(path)).rawPayload).metadata();
    expect({ width: whole.width, height: whole.height }).toEqual({ width: 240, height: 150 });
  });

  it('serves a practitioner photo smaller than the bytes the catalog used to carry', async () => {
    const [role] = resourcesOf((await catalogAnswer()).bundle, 'PractitionerRole');
    const extension = (role!.extension as Loose[]).find((e) => sameCanonical(String(e.url), EXT.binaryReference));
    const path = pathOf((extension!.valueReference as { reference: string }).reference);
    const whole = await get(path);
    const small = await get(`${path}&w=64`);
    expect(small.statusCode).toBe(200);
    expect((await sharp(small.rawPayload).metadata()).width).toBe(64);
    expect(small.rawPayload.length).toBeLessThan(whole.rawPayload.length);
  });

  it('answers a matching If-None-Match with 304 and no body', async () => {
    const path = `${await clinicPhotoPath()}&w=64`;
    const first = await get(path);
    const again = await get(path, { 'if-none-match': String(first.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(first.headers.etag);
  });

  it('serves the current photo without immutable caching when the URL has no hash or an old one', async () => {
    const current = `${await clinicPhotoPath()}&w=64`;
    for (const path of [current.replace(/v=[\w-]+/, 'v=oldoldoldold'), current.replace(/v=[\w-]+&/, '')]) {
      const res = await get(path);
      expect(res.statusCode, path).toBe(200);
      expect(res.headers['cache-control'], path).toMatch(/^public, max-age=\d+$/);
      expect(res.headers.etag).toBe((await get(current)).headers.etag);
    }
  });

  it('answers an unknown clinic or practitioner with a 404 OperationOutcome', async () => {
    for (const path of ['/photos/clinic/hs-does-not-exist?w=64', '/photos/practitioner/pr:with:colons']) {
      const res = await get(path);
      expect(res.statusCode, path).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
      expect(readOutcome(res.json()).reason).toBe('not-found');
    }
  });

  it('refuses a width other than 64 or 128, an unknown kind and a malformed hash with 400', async () => {
    const path = await clinicPhotoPath();
    for (const bad of [`${path}&w=100`, `${path}&w=64px`, `${path}&w=`, path.replace('/clinic/', '/organization/'), path.replace(/v=[\w-]+/, 'v=%3Cscript%3E')]) {
      const res = await get(bad);
      expect(res.statusCode, bad).toBe(400);
      expect(res.headers['content-type'], bad).toMatch(/^application\/fhir\+json/);
      expect(readOutcome(res.json()).reason).toBe('invalid-parameter');
    }
  });

  it('takes photos from the cached catalog: no upstream call per photo', async () => {
    const path = `${await clinicPhotoPath()}&w=128`;
    env.sandbox.knobs.resetCounts();
    expect((await get(path)).statusCode).toBe(200);
    expect(env.sandbox.knobs.requestCount()).toBe(0);
  });
});
