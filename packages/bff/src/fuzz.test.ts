/**
 * Property test over every BFF-core route (catalog, `$find`, campaigns, health) against the real
 * sandbox: whatever arrives — wrong types, missing or repeated parameters, huge values, bad dates,
 * injection strings, unicode, ids with '/', '..' or '%00', odd methods and headers — the answer is a
 * 2xx/304, or a 4xx OperationOutcome; never a 5xx, and never the API key or a system token.
 * BFF-patient routes extend this with their own generators (see `routeArbitraries`).
 */
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isReasonCode } from '@itb/shared';
import { startBffTestEnv, TEST_FOREIGN_ORIGIN, TEST_ORIGIN, type BffTestEnv } from '../test/bff-test-env.test-support.js';

const RUNS = 1200;

const VALID_IDS = ['hs-stockholm-city', 'hs-bergen-sentrum', 'hs-goteborg-hisingen', 'pr-anna-berg-sto', 'pr-silje-moen-brg', 'ad-hygiene-45', 'ad-spring-check-45'];
const NASTY = [
  '', ' ', '..', '../..', '/', '//', '%00', '%2F', '%2e%2e', '\u0000', "' OR 1=1 --", '"; DROP TABLE x; --', '<script>alert(1)</script>',
  '${jndi:ldap://x/a}', '{{7*7}}', '__proto__', 'constructor', 'null', 'undefined', 'NaN', '-1', '1e309', 'true', '[]', '{}',
  'Bearer itb-sys.x', 'a'.repeat(5000), '😀'.repeat(50), 'Ω≈ç√∫', 'é', '\u202e', 'HealthcareService/', 'PractitionerRole/../x',
];
const DATES = [
  '2030-01-01', '2030-01-08', '2030-01-01T00:00:00+01:00', '2030-01-03T12:00:00Z', '2030-02-30', '2030-13-01', '2030-01-01T25:00:00Z',
  '2030-01-01T10:00:00', '2030-01-01T10:00:00+02:00 ', '275760-09-13', '0000-00-00', '1970-01-01', '2030-01-01T10:00:00.123456789Z', 'tomorrow',
];

const text = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.constantFrom(...VALID_IDS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.integer().map(String),
);
const id = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...VALID_IDS) }, { weight: 5, arbitrary: text });
const date = fc.oneof(fc.constantFrom(...DATES), fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), text);
const flag = fc.oneof(fc.constantFrom('true', 'false'), text);
const visitType = fc.oneof(
  fc.constantFrom('http://canonical.fhir.link/servicewell/wof-connect/identifiercodesystem/service-type-id|undersokning', 'x|y', '|', 'a|b|c'),
  text,
);
const reference = (type: string) => fc.oneof(id.map((v) => `${type}/${v}`), text);

/** A query string from optional (possibly repeated) parameters; values encoded or raw. */
function query(params: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<string> {
  const entries = Object.entries(params).map(([name, value]) =>
    fc.option(fc.tuple(fc.array(value, { minLength: 1, maxLength: 3 }), fc.boolean()).map(([values, raw]) =>
      values.map((v) => `${name}=${raw ? v : safeEncode(v)}`).join('&')), { nil: undefined }));
  return fc.tuple(...entries, fc.option(fc.tuple(text, text).map(([k, v]) => `${safeEncode(k)}=${safeEncode(v)}`), { nil: undefined }))
    .map((parts) => parts.filter((p): p is string => p !== undefined).join('&'));
}

function safeEncode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value;
  }
}

const segment = fc.tuple(id, fc.boolean()).map(([value, raw]) => (raw ? value : safeEncode(value)));
const offersQuery = query({ includeActivityDefinitionPortal: flag, includeHealthcareServicePortal: flag, includePractitionerRolePortal: flag, campaign: text });

/** Generators of request paths, one per route group; other route groups add theirs. */
export const routeArbitraries: fc.Arbitrary<string>[] = [
  offersQuery.map((q) => `/fhir/$get-offers-context?${q}`),
  fc.tuple(fc.constantFrom('ActivityDefinition', 'HealthcareService', 'PractitionerRole'), segment, offersQuery)
    .map(([type, s, q]) => `/fhir/${type}/${s}/$get-offers-context?${q}`),
  fc.tuple(fc.constantFrom('HealthcareService', 'PractitionerRole', 'ActivityDefinition'), fc.option(segment, { nil: undefined }),
    query({ service: reference('HealthcareService'), campaign: text }))
    .map(([type, s, q]) => `/fhir/${type}${s === undefined ? '' : `/${s}`}?${q}`),
  query({
    start: date, end: date, 'visit-type': visitType, healthcareService: reference('HealthcareService'), practitionerRole: reference('PractitionerRole'),
    practitioner: text, location: text, _count: text,
  }).map((q) => `/fhir/Appointment/$find?${q}`),
  fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: -2, max: 40 }), fc.subarray(['pr-anna-berg-sto', 'pr-johan-ek-sto', 'pr-elin-holm-sto', 'pr-silje-moen-brg']),
    fc.option(fc.constantFrom('hs-stockholm-city', 'hs-bergen-sentrum', 'hs-goteborg-hisingen'), { nil: undefined }), fc.option(visitType, { nil: undefined }))
    .map(([offset, days, roles, clinic, type]) => {
      const start = new Date(Date.UTC(2030, 0, 1 + offset));
      const end = new Date(start.getTime() + days * 86_400_000);
      const parts = [`start=${start.toISOString().slice(0, 10)}`, `end=${end.toISOString().slice(0, 10)}`, ...roles.map((r) => `practitionerRole=PractitionerRole/${r}`)];
      if (clinic !== undefined) parts.push(`healthcareService=HealthcareService/${clinic}`);
      if (type !== undefined) parts.push(`visit-type=${safeEncode(type)}`);
      return `/fhir/Appointment/$find?${parts.join('&')}`;
    }),
  segment.map((s) => `/campaigns/${s}`),
  fc.constantFrom('/healthz', '/readyz', '/campaigns', '/campaigns/', '/fhir', '/fhir/', '/fhir/Appointment/$find'),
];

const request = fc.record({
  path: fc.oneof(...routeArbitraries),
  method: fc.oneof({ weight: 8, arbitrary: fc.constant('GET' as const) }, { weight: 1, arbitrary: fc.constantFrom('HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS') as fc.Arbitrary<'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS'> }),
  origin: fc.option(fc.constantFrom(TEST_ORIGIN, TEST_FOREIGN_ORIGIN, 'null'), { nil: undefined }),
  csrf: fc.option(fc.constantFrom('1', '0'), { nil: undefined }),
  ifNoneMatch: fc.option(fc.oneof(fc.constant('*'), text), { nil: undefined }),
  body: fc.option(fc.oneof(text, fc.json()), { nil: undefined }),
});

let env: BffTestEnv;
let systemToken: string;
beforeAll(async () => {
  env = await startBffTestEnv({ env: { ITB_CAMPAIGNS_FILE: '' } });
  systemToken = await env.app.upstream.systemToken();
});
afterAll(async () => { await env.close(); });

function family(path: string): string {
  if (path.startsWith('/campaigns')) return 'campaigns';
  if (path.startsWith('/fhir/Appointment')) return 'find';
  if (path.includes('$get-offers-context')) return 'offers';
  return path.startsWith('/fhir/') ? 'read' : 'other';
}

function checkAnswer(res: LightMyRequestResponse, method: string): void {
  expect(res.statusCode).toBeLessThan(500);
  const everything = `${res.body}\n${JSON.stringify(res.headers)}`;
  expect(everything).not.toContain(env.config.apiKey);
  expect(everything).not.toContain(systemToken);
  expect(everything).not.toMatch(/itb-sys\./);
  expect(everything).not.toMatch(/\bat .+\.(ts|js):\d+/);
  if (res.statusCode >= 400 && method !== 'HEAD') {
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    const body = res.json() as { resourceType?: string; issue?: { details?: { coding?: { code?: string }[] } }[] };
    expect(body.resourceType).toBe('OperationOutcome');
    expect(isReasonCode(body.issue?.[0]?.details?.coding?.[0]?.code)).toBe(true);
  }
}

describe('fuzz: BFF-core routes', () => {
  it(`answers ${RUNS} generated requests with 2xx/3xx or a 4xx OperationOutcome, never a 5xx or a secret`, async () => {
    let count = 0;
    const statuses = new Map<string, number>();
    await fc.assert(fc.asyncProperty(request, async (r) => {
      const headers: Record<string, string> = {};
      if (r.origin !== undefined) headers['origin'] = r.origin;
      if (r.csrf !== undefined) headers['x-itb-csrf'] = r.csrf;
      if (r.ifNoneMatch !== undefined) headers['if-none-match'] = r.ifNoneMatch.replace(/[^\x20-\x7e]/g, '');
      const withBody = r.body !== undefined && r.method !== 'GET' && r.method !== 'HEAD' && r.method !== 'OPTIONS';
      if (withBody) headers['content-type'] = 'application/json';
      const res = await env.app.inject({ method: r.method, url: r.path, headers, ...(withBody ? { payload: JSON.stringify(r.body) } : {}) });
      count += 1;
      const key = `${family(r.path)} ${Math.floor(res.statusCode / 100)}xx`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
      checkAnswer(res, r.method);
    }), { numRuns: RUNS });
    expect(count).toBeGreaterThanOrEqual(RUNS);
    // The generators must reach the handlers, not only the validators.
    for (const reached of ['offers 2xx', 'offers 4xx', 'read 2xx', 'read 4xx', 'find 2xx', 'find 4xx', 'campaigns 4xx']) {
      expect(statuses.get(reached) ?? 0, `${reached} in ${JSON.stringify([...statuses])}`).toBeGreaterThan(0);
    }
  });
});
