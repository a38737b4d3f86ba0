import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutcome, type Bundle } from '@itb/shared';
import { startBffTestEnv, type BffTestEnv } from '../../test/bff-test-env.test-support.js';
import { prefersStrictHandling, searchUrl, sentParametersOf } from './search-honesty.js';

const DAY = 86_400_000;
const CITY = 'hs-stockholm-city';
const ANNA = 'pr-anna-berg-sto';

function campaignsFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'itb-bff-search-')), 'campaigns.json');
  writeFileSync(file, JSON.stringify([{ code: 'SPRING26', validFrom: '2020-01-01T00:00:00Z' }]));
  return file;
}

let env: BffTestEnv;
let fhir: string;
let window: string;
let examination: string;

beforeAll(async () => {
  env = await startBffTestEnv({ env: { ITB_CAMPAIGNS_FILE: campaignsFile(), ITB_FIND_TTL_SECONDS: '0' } });
  fhir = `${env.config.publicUrl}/fhir`;
  const start = new Date(Date.now() + DAY);
  window = `start=${start.toISOString().slice(0, 10)}&end=${new Date(start.getTime() + 7 * DAY).toISOString().slice(0, 10)}`;
  const ad = (await env.app.inject({ url: '/fhir/ActivityDefinition/ad-examination-30' })).json() as { code: { coding: { system: string; code: string }[] } };
  examination = `${ad.code.coding[0]?.system}|${ad.code.coding[0]?.code}`;
});
afterAll(async () => { await env.close(); });

function get(url: string, headers: Record<string, string> = {}) {
  return env.app.inject({ url, headers });
}

const linkOf = (bundle: Bundle, relation: string) => bundle.link?.find((l) => l.relation === relation)?.url;
const matchIds = (bundle: Bundle) => (bundle.entry ?? []).filter((e) => e.search?.mode !== 'outcome').map((e) => e.resource?.id);
const outcomeIssues = (bundle: Bundle) => (bundle.entry ?? []).filter((e) => e.search?.mode === 'outcome')
  .flatMap((e) => (e.resource as unknown as { issue: { severity: string; code: string; expression?: string[] }[] }).issue);
/** The path and query of one of our absolute links, to inject. */
const local = (url: string | undefined) => (url ?? '').slice(env.config.publicUrl.length);

describe('self links', () => {
  it('name the search with the parameters applied, sorted, under the public FHIR base', async () => {
    const clinics = (await get('/fhir/HealthcareService')).json() as Bundle;
    expect(linkOf(clinics, 'self')).toBe(`${fhir}/HealthcareService`);
    const staff = (await get(`/fhir/PractitionerRole?service=HealthcareService/${CITY}&_format=json`)).json() as Bundle;
    expect(linkOf(staff, 'self')).toBe(`${fhir}/PractitionerRole?service=HealthcareService/${CITY}`);
    const find = (await get(`/fhir/Appointment/$find?practitionerRole=PractitionerRole/${ANNA}&visit-type=${encodeURIComponent(examination)}&${window}`)).json() as Bundle;
    const self = new URL(linkOf(find, 'self') ?? '');
    expect(`${self.origin}${self.pathname}`).toBe(`${fhir}/Appointment/$find`);
    expect([...self.searchParams.keys()]).toEqual(['end', 'practitionerRole', 'start', 'visit-type']);
    expect(self.searchParams.get('visit-type')).toBe(examination);
    // The link is a working request for the same answer.
    expect(matchIds((await get(local(linkOf(find, 'self')))).json() as Bundle)).toEqual(matchIds(find));
  });

  it('leave out a campaign code that unlocks nothing, and keep one that does', async () => {
    const invalid = (await get('/fhir/ActivityDefinition?campaign=NOPE')).json() as Bundle;
    expect(linkOf(invalid, 'self')).toBe(`${fhir}/ActivityDefinition`);
    const valid = (await get('/fhir/ActivityDefinition?campaign=SPRING26')).json() as Bundle;
    expect(linkOf(valid, 'self')).toBe(`${fhir}/ActivityDefinition?campaign=SPRING26`);
  });

  it('encode what needs it and sort repeated parameters stably', () => {
    expect(searchUrl('https://x/fhir/Appointment/$find', [['start', '2026-09-14T00:00:00+02:00'], ['practitionerRole', 'PractitionerRole/b'], ['practitionerRole', 'PractitionerRole/a']]))
      .toBe('https://x/fhir/Appointment/$find?practitionerRole=PractitionerRole/b&practitionerRole=PractitionerRole/a&start=2026-09-14T00:00:00%2B02:00');
    expect([...sentParametersOf('/fhir/X?a=1&b=2&a=3&c').entries()]).toEqual([['a', ['1', '3']], ['b', ['2']], ['c', ['']]]);
  });
});

describe('_count paging', () => {
  it('walks every clinic two at a time by following next, with total the full count', async () => {
    const whole = (await get('/fhir/HealthcareService')).json() as Bundle;
    const all = matchIds(whole);
    expect(all.length).toBeGreaterThan(4);
    expect(whole.total).toBe(all.length);
    const seen: unknown[] = [];
    let url: string | undefined = '/fhir/HealthcareService?_count=2';
    let pages = 0;
    while (url !== undefined) {
      const res = await get(url);
      expect(res.statusCode).toBe(200);
      const page = res.json() as Bundle;
      expect(page.total).toBe(all.length);
      expect(matchIds(page).length).toBeLessThanOrEqual(2);
      expect(linkOf(page, 'first')).toBe(`${fhir}/HealthcareService?_count=2`);
      if (pages > 0) expect(linkOf(page, 'previous')).toBeDefined();
      seen.push(...matchIds(page));
      pages += 1;
      const next = linkOf(page, 'next');
      url = next === undefined ? undefined : local(next);
      expect(pages).toBeLessThan(50);
    }
    expect(seen).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 2));
  });

  it('pages practitioners, treatments and past the end; clamps a large _count', async () => {
    const page = (await get(`/fhir/PractitionerRole?service=HealthcareService/${CITY}&_count=1&_offset=1`)).json() as Bundle;
    expect(matchIds(page)).toHaveLength(1);
    expect(linkOf(page, 'self')).toBe(`${fhir}/PractitionerRole?_count=1&_offset=1&service=HealthcareService/${CITY}`);
    expect(linkOf(page, 'previous')).toBe(`${fhir}/PractitionerRole?_count=1&service=HealthcareService/${CITY}`);
    const treatments = (await get('/fhir/ActivityDefinition?_count=3')).json() as Bundle;
    expect(matchIds(treatments)).toHaveLength(3);
    const beyond = (await get('/fhir/HealthcareService?_count=2&_offset=9999')).json() as Bundle;
    expect(matchIds(beyond)).toEqual([]);
    expect(linkOf(beyond, 'next')).toBeUndefined();
    expect(linkOf(beyond, 'previous')).toBe(linkOf(beyond, 'last'));
    const big = (await get('/fhir/HealthcareService?_count=5000')).json() as Bundle;
    expect(linkOf(big, 'self')).toBe(`${fhir}/HealthcareService?_count=100`);
  });

  it('answers _summary=count and _count=0 with the total alone', async () => {
    const whole = (await get('/fhir/HealthcareService')).json() as Bundle;
    for (const query of ['_summary=count', '_count=0']) {
      const count = (await get(`/fhir/HealthcareService?${query}`)).json() as Bundle;
      expect(count.total, query).toBe(whole.total);
      expect(count.entry, query).toBeUndefined();
    }
    const find = (await get(`/fhir/Appointment/$find?healthcareService=HealthcareService/${CITY}&visit-type=${encodeURIComponent(examination)}&${window}&_summary=count`)).json() as Bundle;
    expect(find.total).toBeGreaterThan(0);
    expect(matchIds(find)).toEqual([]);
  });

  it('refuses bad paging values and _count on $find with a 400 naming the parameter', async () => {
    for (const [url, name] of [['/fhir/HealthcareService?_count=-1', '_count'], ['/fhir/HealthcareService?_offset=x', '_offset'], ['/fhir/HealthcareService?_summary=true', '_summary'],
      ['/fhir/HealthcareService?_count=1&_count=2', '_count'], [`/fhir/Appointment/$find?${window}&practitionerRole=PractitionerRole/${ANNA}&_count=10`, '_count']] as const) {
      const res = await get(url);
      expect([res.statusCode, readOutcome(res.json(), res.statusCode).reason], url).toEqual([400, 'invalid-parameter']);
      expect((res.json() as { issue: { expression?: string[] }[] }).issue[0]?.expression, url).toEqual([name]);
    }
  });
});

describe('unknown parameters', () => {
  it('are served with a warning entry naming them, or refused under Prefer: handling=strict', async () => {
    const lenient = await get('/fhir/HealthcareService?name=Lund&_sort=name&_format=json');
    expect(lenient.statusCode).toBe(200);
    const bundle = lenient.json() as Bundle;
    expect(outcomeIssues(bundle)).toEqual([expect.objectContaining({ severity: 'warning', code: 'not-supported', expression: ['_sort', 'name'] })]);
    expect(linkOf(bundle, 'self')).toBe(`${fhir}/HealthcareService`);
    expect(bundle.total).toBe(matchIds(bundle).length);

    const strict = await get('/fhir/HealthcareService?name=Lund&_sort=name&_format=json', { prefer: 'handling=strict' });
    expect(strict.statusCode).toBe(400);
    expect((strict.json() as { issue: { expression?: string[]; diagnostics: string }[] }).issue[0]).toMatchObject({ expression: ['_sort', 'name'], diagnostics: expect.stringContaining("'_sort'") });
    // Known parameters, _format and an explicit lenient preference are not refused.
    expect((await get(`/fhir/PractitionerRole?service=HealthcareService/${CITY}&_format=json&_count=2`, { prefer: 'return=minimal, handling=strict' })).statusCode).toBe(200);
    expect((await get('/fhir/HealthcareService?name=x', { prefer: 'handling=lenient' })).statusCode).toBe(200);
  });

  it('are listed on $find, my bookings and the offers context too (strict: refused)', async () => {
    const find = (await get(`/fhir/Appointment/$find?practitionerRole=PractitionerRole/${ANNA}&visit-type=${encodeURIComponent(examination)}&${window}&actor=x`)).json() as Bundle;
    expect(outcomeIssues(find)).toContainEqual(expect.objectContaining({ code: 'not-supported', expression: ['actor'] }));
    expect((await get(`/fhir/Appointment/$find?practitionerRole=PractitionerRole/${ANNA}&${window}&actor=x`, { prefer: 'handling=strict' })).statusCode).toBe(400);
    expect((await get('/fhir/$get-offers-context?bogus=1', { prefer: 'handling=strict' })).statusCode).toBe(400);
    expect((await get('/fhir/$get-offers-context?bogus=1')).statusCode).toBe(200);
  });

  it('reads Prefer as RFC 7240 does', () => {
    expect(prefersStrictHandling('handling=strict')).toBe(true);
    expect(prefersStrictHandling('return=representation, handling="strict"')).toBe(true);
    expect(prefersStrictHandling(['respond-async', 'HANDLING = strict; x=1'])).toBe(true);
    expect(prefersStrictHandling('handling=lenient')).toBe(false);
    expect(prefersStrictHandling(undefined)).toBe(false);
  });
});

describe('caching', () => {
  it('keeps ETags and 304s for whole answers and pages alike', async () => {
    for (const url of ['/fhir/HealthcareService', '/fhir/HealthcareService?_count=2&_offset=2', '/fhir/ActivityDefinition?campaign=SPRING26', '/fhir/HealthcareService?x=1']) {
      const first = await get(url, { 'accept-encoding': 'br' });
      expect(first.statusCode, url).toBe(200);
      const etag = String(first.headers['etag']);
      const again = await get(url, { 'accept-encoding': 'br', 'if-none-match': etag });
      expect([again.statusCode, again.headers['etag']], url).toEqual([304, etag]);
    }
    // A page is another representation than the whole list, and than the next page.
    const tags = await Promise.all(['/fhir/HealthcareService', '/fhir/HealthcareService?_count=2', '/fhir/HealthcareService?_count=2&_offset=2']
      .map(async (url) => String((await get(url)).headers['etag'])));
    expect(new Set(tags).size).toBe(3);
  });

  it('gives the whole answer the same bytes whatever unknown or invalid values came before', async () => {
    const before = await get('/fhir/ActivityDefinition');
    await get('/fhir/ActivityDefinition?campaign=NOPE1');
    await get('/fhir/ActivityDefinition?whatever=1');
    const after = await get('/fhir/ActivityDefinition?campaign=NOPE2');
    expect(after.headers['etag']).toBe(before.headers['etag']);
    expect(after.body).toBe(before.body);
  });
});
