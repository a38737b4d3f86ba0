import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutcome } from '@itb/shared';
import { startBffTestEnv, type BffTestEnv } from '../../test/bff-test-env.test-support.js';
import { createFhirRenderer } from '../fhir/fhir-render.js';
import { createPublicLinks } from '../fhir/public-links.js';

const CATALOG = '/fhir/$get-offers-context?includeHealthcareServicePortal=true&includePractitionerRolePortal=true&includeActivityDefinitionPortal=true';
const DAY = 86_400_000;

let env: BffTestEnv;
let findUrl: string;

beforeAll(async () => {
  env = await startBffTestEnv({ env: { ITB_FIND_TTL_SECONDS: '0' } });
  const start = new Date(Date.now() + DAY).toISOString().slice(0, 10);
  const end = new Date(Date.now() + 8 * DAY).toISOString().slice(0, 10);
  findUrl = `/fhir/Appointment/$find?start=${start}&end=${end}&practitionerRole=PractitionerRole/pr-anna-berg-sto`;
});
afterAll(async () => { await env.close(); });

function get(url: string, headers: Record<string, string> = {}) {
  return env.app.inject({ url, headers });
}

/** The body as the client reads it after undoing Content-Encoding. */
function decoded(answer: LightMyRequestResponse): string {
  const coding = answer.headers['content-encoding'];
  if (coding === 'br') return brotliDecompressSync(answer.rawPayload).toString('utf8');
  if (coding === 'gzip') return gunzipSync(answer.rawPayload).toString('utf8');
  expect(coding).toBeUndefined();
  return answer.body;
}

function varies(answer: LightMyRequestResponse): boolean {
  return String(answer.headers.vary ?? '').toLowerCase().split(',').map((v) => v.trim()).filter((v) => v === 'accept-encoding').length === 1;
}

describe('negotiation', () => {
  it('prefers brotli when both are accepted, whatever their order', async () => {
    for (const accept of ['gzip, deflate, br', 'br, gzip', 'gzip;q=1, br;q=1']) {
      const answer = await get(findUrl, { 'accept-encoding': accept });
      expect(answer.statusCode).toBe(200);
      expect(answer.headers['content-encoding']).toBe('br');
      expect(varies(answer)).toBe(true);
    }
  });

  it('sends gzip to a client that takes only gzip, and the same FHIR as uncompressed', async () => {
    const plain = await get(findUrl);
    const zipped = await get(findUrl, { 'accept-encoding': 'gzip' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 5);
    expect(JSON.parse(decoded(zipped))).toEqual(JSON.parse(plain.body));
  });

  it('sends identity when nothing is accepted or every coding is refused, still with Vary', async () => {
    for (const headers of [{}, { 'accept-encoding': 'identity' }, { 'accept-encoding': 'br;q=0, gzip;q=0' }] as Record<string, string>[]) {
      const answer = await get(findUrl, headers);
      expect(answer.statusCode).toBe(200);
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(varies(answer)).toBe(true);
      expect(JSON.parse(answer.body)).toMatchObject({ resourceType: 'Bundle' });
    }
  });

  it('leaves small answers uncompressed (below 1 KB) but still says they vary', async () => {
    const answer = await get('/healthz', { 'accept-encoding': 'br, gzip' });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(varies(answer)).toBe(true);
    expect(answer.json()).toEqual({ status: 'ok' });
  });
});

describe('errors with compression on', () => {
  it('a 400 OperationOutcome keeps its status and reads the same in every coding', async () => {
    const bad = '/fhir/Appointment/$find?start=tomorrow&end=2026-01-01&practitionerRole=PractitionerRole/pr-anna-berg-sto';
    const plain = await get(bad);
    expect(plain.statusCode).toBe(400);
    for (const accept of ['br', 'gzip']) {
      const answer = await get(bad, { 'accept-encoding': accept });
      expect(answer.statusCode).toBe(400);
      expect(answer.headers['content-type']).toMatch(/^application\/fhir\+json/);
      const body = JSON.parse(decoded(answer)) as unknown;
      expect(body).toEqual(plain.json());
      expect(readOutcome(body, 400).reason).toBe('invalid-parameter');
    }
  });

  it('a 404 for an unknown route is an OperationOutcome in any coding', async () => {
    const answer = await get('/fhir/Nothing/here', { 'accept-encoding': 'br' });
    expect(answer.statusCode).toBe(404);
    expect(readOutcome(JSON.parse(decoded(answer)), 404).reason).toBe('not-found');
  });
});

describe('catalog answers from the compressed copy', () => {
  it('serves the same compressed bytes on every request of one fill, decoding to the identity answer', async () => {
    const plain = await get(CATALOG);
    const first = await get(CATALOG, { 'accept-encoding': 'br' });
    const second = await get(CATALOG, { 'accept-encoding': 'gzip, br' });
    expect(first.headers['content-encoding']).toBe('br');
    expect(varies(first)).toBe(true);
    expect(Buffer.compare(first.rawPayload, second.rawPayload)).toBe(0);
    expect(Number(first.headers['content-length'])).toBe(first.rawPayload.length);
    expect(decoded(first)).toBe(plain.body);
    const zipped = await get(CATALOG, { 'accept-encoding': 'gzip' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(decoded(zipped)).toBe(plain.body);
  });

  it('gives each coding its own ETag and answers 304 to the tag of the coding asked for', async () => {
    const plain = await get(CATALOG);
    const br = await get(CATALOG, { 'accept-encoding': 'br' });
    const gz = await get(CATALOG, { 'accept-encoding': 'gzip' });
    const tags = [plain, br, gz].map((a) => String(a.headers.etag));
    expect(new Set(tags).size).toBe(3);
    expect(tags[1]).toMatch(/-br"$/);
    expect(tags[2]).toMatch(/-gz"$/);

    const revalidated = await get(CATALOG, { 'accept-encoding': 'br', 'if-none-match': tags[1] as string });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.rawPayload.length).toBe(0);
    expect(revalidated.headers.etag).toBe(tags[1]);
    expect(varies(revalidated)).toBe(true);
    expect((await get(CATALOG, { 'accept-encoding': 'gzip', 'if-none-match': tags[2] as string })).statusCode).toBe(304);
    expect((await get(CATALOG, { 'if-none-match': tags[0] as string })).statusCode).toBe(304);
    // The identity tag does not validate the brotli copy: a different representation.
    const other = await get(CATALOG, { 'accept-encoding': 'br', 'if-none-match': tags[0] as string });
    expect(other.statusCode).toBe(200);
    expect(other.headers['content-encoding']).toBe('br');
  });
});

describe('renderer', () => {
  it('compresses once per rendered answer and coding, concurrent first callers included', async () => {
    const made: string[] = [];
    const renderer = createFhirRenderer(createPublicLinks('http://localhost:4020/fhir'), { onCompress: (coding) => made.push(coding) });
    const raw = { resourceType: 'Bundle', type: 'searchset', entry: Array.from({ length: 200 }, (_, i) => ({ resource: { resourceType: 'HealthcareService', id: `hs-${i}`, name: `Clinic ${i}` } })) };
    const answer = () => renderer.render(raw, '', () => raw);
    const copies = await Promise.all([answer().encoded('br'), answer().encoded('br'), answer().encoded('gzip')]);
    expect(await answer().encoded('br')).toBe(copies[0]);
    expect(made.sort()).toEqual(['br', 'gzip']);
    expect(JSON.parse(brotliDecompressSync(copies[0] as Buffer).toString('utf8'))).toEqual(raw);
    // A new fill (a new upstream body) is compressed anew.
    await renderer.render({ ...raw }, '', () => raw).encoded('br');
    expect(made.filter((c) => c === 'br')).toHaveLength(2);
  });
});
