import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readOutcome, type Bundle } from '@itb/shared';
import { startBffTestEnv, type BffTestEnv } from '../../test/bff-test-env.test-support.js';

const CITY = 'hs-stockholm-city';
const ANNA = 'pr-anna-berg-sto';
const JOHAN = 'pr-johan-ek-sto';
const DAY = 86_400_000;

let env: BffTestEnv;
let examination: string;
let hygiene: string;
let window: string;

beforeAll(async () => {
  env = await startBffTestEnv({ env: { ITB_FIND_TTL_SECONDS: '0' } });
  const ad = async (id: string) => {
    const coding = ((await env.app.inject({ url: `/fhir/ActivityDefinition/${id}` })).json() as { code: { coding: { system: string; code: string }[] } }).code.coding[0];
    return `${coding?.system}|${coding?.code}`;
  };
  examination = await ad('ad-examination-30');
  hygiene = await ad('ad-hygiene-45');
  const start = new Date(Date.now() + DAY);
  window = `start=${start.toISOString().slice(0, 10)}&end=${new Date(start.getTime() + 14 * DAY).toISOString().slice(0, 10)}`;
});
afterEach(() => { env.sandbox.knobs.reset(); env.sandbox.knobs.resetCounts(); });
afterAll(async () => { await env.close(); });

function find(query: string, app = env.app) {
  return app.inject({ url: `/fhir/Appointment/$find?${window}&${query}` });
}

function times(bundle: Bundle): { id: string; start: string; role: string }[] {
  return (bundle.entry ?? []).map((e) => e.resource as { resourceType: string; id: string; start: string; participant: { actor: { reference: string } }[] })
    .filter((r) => r.resourceType === 'Appointment')
    .map((r) => ({ id: r.id, start: r.start, role: r.participant.find((p) => p.actor.reference.startsWith('PractitionerRole/'))?.actor.reference ?? '' }));
}

type Issue = { expression?: string[]; diagnostics?: string; details?: { text?: string } };
function outcomeIssues(bundle: Bundle): Issue[] {
  return (bundle.entry ?? []).filter((e) => e.resource?.resourceType === 'OperationOutcome')
    .flatMap((e) => (e.resource as unknown as { issue: Issue[] }).issue);
}

const vt = (v: string) => `visit-type=${encodeURIComponent(v)}`;

describe('fan-out', () => {
  it('returns the union of the per-practitioner answers, sorted by start', async () => {
    const both = await find(`${vt(examination)}&healthcareService=HealthcareService/${CITY}&practitionerRole=PractitionerRole/${ANNA}&practitionerRole=PractitionerRole/${JOHAN}`);
    expect(both.statusCode).toBe(200);
    const merged = both.json() as Bundle;
    expect(merged).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    const anna = times((await find(`${vt(examination)}&practitionerRole=PractitionerRole/${ANNA}`)).json() as Bundle);
    const johan = times((await find(`${vt(examination)}&practitionerRole=PractitionerRole/${JOHAN}`)).json() as Bundle);
    expect(anna.length).toBeGreaterThan(0);
    expect(johan.length).toBeGreaterThan(0);
    const all = times(merged);
    expect(new Set(all.map((t) => `${t.role} ${t.id}`))).toEqual(new Set([...anna, ...johan].map((t) => `${t.role} ${t.id}`)));
    expect(merged.total).toBe(all.length);
    expect(all.map((t) => Date.parse(t.start))).toEqual(all.map((t) => Date.parse(t.start)).sort((a, b) => a - b));
    expect(outcomeIssues(merged)).toEqual([]);
    expect(both.body).not.toContain(env.sandbox.fhirBase);
  });

  it('gives every free time a stable urn:uuid fullUrl (it has no REST address) and never names the upstream base', async () => {
    const query = `${vt(examination)}&practitionerRole=PractitionerRole/${ANNA}`;
    const answer = await find(query);
    expect(answer.statusCode).toBe(200);
    const bundle = answer.json() as Bundle;
    const urls = (bundle.entry ?? []).filter((e) => e.resource?.resourceType === 'Appointment').map((e) => e.fullUrl);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(urls).size).toBe(urls.length);
    expect(((await find(query)).json() as Bundle).entry?.map((e) => e.fullUrl)).toEqual(bundle.entry?.map((e) => e.fullUrl));
    expect(answer.body).not.toContain(env.sandbox.fhirBase);
  });

  it('expands "any practitioner" to every online offer of the clinic and treatment', async () => {
    env.sandbox.knobs.resetCounts();
    const any = times((await find(`${vt(examination)}&healthcareService=HealthcareService/${CITY}`)).json() as Bundle);
    const explicit = times((await find(`${vt(examination)}&practitionerRole=PractitionerRole/${ANNA}&practitionerRole=PractitionerRole/${JOHAN}`)).json() as Bundle);
    expect(new Set(any.map((t) => t.role))).toEqual(new Set([`PractitionerRole/${ANNA}`, `PractitionerRole/${JOHAN}`]));
    expect(any).toEqual(explicit);
  });

  it('reports a failing practitioner in an OperationOutcome entry while the others still show', async () => {
    env.sandbox.knobs.injectFault({ kind: '500', count: Number.POSITIVE_INFINITY, match: JOHAN });
    const res = await find(`${vt(examination)}&healthcareService=HealthcareService/${CITY}`);
    expect(res.statusCode).toBe(200);
    const bundle = res.json() as Bundle;
    const roles = new Set(times(bundle).map((t) => t.role));
    expect(roles).toEqual(new Set([`PractitionerRole/${ANNA}`]));
    const issues = outcomeIssues(bundle);
    expect(issues).toHaveLength(1);
    // expression is FHIRPath (the parameter); the practitioner is named in details.text.
    expect([issues[0]?.expression, issues[0]?.details?.text]).toEqual([['practitionerRole'], `PractitionerRole/${JOHAN}`]);
    expect(JSON.stringify(issues)).not.toMatch(/boom|stack|itb-sys/i);
  });

  it('fails with 502 only when every practitioner fails, and recovers', async () => {
    env.sandbox.knobs.injectFault({ kind: '503', count: Number.POSITIVE_INFINITY, match: '$find' });
    const res = await find(`${vt(examination)}&healthcareService=HealthcareService/${CITY}`);
    expect(res.statusCode).toBe(502);
    expect(readOutcome(res.json()).reason).toBe('upstream-unavailable');
    env.sandbox.knobs.reset();
    expect((await find(`${vt(examination)}&healthcareService=HealthcareService/${CITY}`)).statusCode).toBe(200);
  });

  it('calls practitioners in parallel', async () => {
    env.sandbox.knobs.setLatency(300);
    const started = performance.now();
    const res = await find(`${vt(examination)}&healthcareService=HealthcareService/${CITY}`);
    const ms = performance.now() - started;
    expect(res.statusCode).toBe(200);
    // Two practitioners in sequence would take 600 ms or more.
    expect(ms).toBeLessThan(580);
  });
});

describe('minimum advance booking', () => {
  it('drops times closer than the clinic minimum (60 min at Stockholm City)', async () => {
    const all = times((await find(`${vt(examination)}&practitionerRole=PractitionerRole/${ANNA}`)).json() as Bundle);
    const pivot = all[3] as { start: string };
    const now = new Date(Date.parse(pivot.start) - 30 * 60_000);
    const shifted = await startBffTestEnv({ sandbox: env.sandbox, now: () => now });
    try {
      const kept = times((await find(`${vt(examination)}&practitionerRole=PractitionerRole/${ANNA}`, shifted.app)).json() as Bundle);
      const cutoff = now.getTime() + 60 * 60_000;
      expect(kept).toEqual(all.filter((t) => Date.parse(t.start) >= cutoff));
      expect(kept.length).toBeLessThan(all.length);
      expect(kept.some((t) => t.start === pivot.start)).toBe(false);
    } finally {
      await shifted.close();
    }
  });
});

describe('validation', () => {
  const cases: [string, string, string][] = [
    ['missing start', `end=2030-01-02&practitionerRole=PractitionerRole/${ANNA}`, 'start'],
    ['bad date', `start=2030-02-30&end=2030-03-02&practitionerRole=PractitionerRole/${ANNA}`, 'start'],
    ['end before start', `start=2030-01-05&end=2030-01-02&practitionerRole=PractitionerRole/${ANNA}`, 'end'],
    ['window too long', `start=2030-01-01&end=2030-03-01&practitionerRole=PractitionerRole/${ANNA}`, 'end'],
    ['bad visit-type', `start=2030-01-01&end=2030-01-02&visit-type=nocode&practitionerRole=PractitionerRole/${ANNA}`, 'visit-type'],
    ['bad clinic reference', 'start=2030-01-01&end=2030-01-02&healthcareService=Clinic/x', 'healthcareService'],
    ['bad practitioner reference', 'start=2030-01-01&end=2030-01-02&practitionerRole=pr-x', 'practitionerRole'],
  ];
  for (const [name, query, param] of cases) {
    it(`400 for ${name}, naming '${param}'`, async () => {
      const res = await env.app.inject({ url: `/fhir/Appointment/$find?${query}` });
      expect(res.statusCode).toBe(400);
      const problem = readOutcome(res.json(), res.statusCode);
      expect(problem.reason).toBe('invalid-parameter');
      expect(problem.diagnostics).toContain(`'${param}'`);
    });
  }

  it('400 for unknown ids, a practitioner at another clinic, or no practitioner without clinic + treatment', async () => {
    for (const query of [
      'healthcareService=HealthcareService/hs-nowhere&practitionerRole=PractitionerRole/' + ANNA,
      'practitionerRole=PractitionerRole/pr-nobody',
      `${vt('urn:x|nothing')}&practitionerRole=PractitionerRole/${ANNA}`,
      `healthcareService=HealthcareService/hs-bergen-sentrum&practitionerRole=PractitionerRole/${ANNA}`,
      `healthcareService=HealthcareService/${CITY}`,
      vt(examination),
    ]) {
      const res = await find(query);
      expect(res.statusCode, query).toBe(400);
      expect(readOutcome(res.json()).reason).toBe('invalid-parameter');
    }
    expect(env.sandbox.knobs.requestCount('$find')).toBe(0);
  });

  it('422 offer-offline for an offline offer and external-booking for such a clinic', async () => {
    const offline = await find(`${vt(hygiene)}&healthcareService=HealthcareService/hs-bergen-sentrum`);
    expect(offline.statusCode).toBe(422);
    expect(readOutcome(offline.json()).reason).toBe('offer-offline');
    const explicit = await find(`${vt(hygiene)}&practitionerRole=PractitionerRole/pr-silje-moen-brg`);
    expect(readOutcome(explicit.json(), explicit.statusCode).reason).toBe('offer-offline');
    const external = await find(`${vt(examination)}&healthcareService=HealthcareService/hs-goteborg-hisingen`);
    expect(external.statusCode).toBe(422);
    expect(readOutcome(external.json()).reason).toBe('external-booking');
    expect(env.sandbox.knobs.requestCount('$find')).toBe(0);
  });
});

describe('caching and coalescing', () => {
  it('answers 200 identical concurrent requests on a cold cache with one upstream call per practitioner', async () => {
    const cold = await startBffTestEnv({ sandbox: env.sandbox });
    try {
      env.sandbox.knobs.resetCounts();
      env.sandbox.knobs.setLatency(50);
      const query = `${vt(examination)}&healthcareService=HealthcareService/${CITY}`;
      const answers = await Promise.all(Array.from({ length: 200 }, () => find(query, cold.app)));
      expect(answers.every((a) => a.statusCode === 200)).toBe(true);
      expect(new Set(answers.map((a) => a.body)).size).toBe(1);
      expect(env.sandbox.knobs.requestCount('$find')).toBe(2);
      expect(env.sandbox.knobs.requestCount('$get-offers-context')).toBe(1);
      await find(query, cold.app);
      expect(env.sandbox.knobs.requestCount('$find')).toBe(2);
    } finally {
      await cold.close();
    }
  });
});
