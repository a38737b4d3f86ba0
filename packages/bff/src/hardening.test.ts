/**
 * Slow upstreams and anonymous load: one deadline per request, capped upstream answers, a global
 * cap on upstream calls in flight, at most as many practitioners per `$find` as a clinic has, and
 * per-client limits on the anonymous routes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSON, STOCKHOLM_ANNA, appointmentOf, bookParameters, createBody, findTimes, postBook, reasonOf } from '../test/booking-fixtures.test-support.js';
import { startBffTestEnv, type BffTestEnv } from '../test/bff-test-env.test-support.js';
import type { ResponseLog } from '../test/patient-client.test-support.js';
import { signInPatient, startPatientEnv, type PatientEnv } from '../test/patient-env.test-support.js';

const DAY = 86_400_000;
const week = () => `start=${new Date(Date.now() + 3 * DAY).toISOString()}&end=${new Date(Date.now() + 10 * DAY).toISOString()}`;
const reason = (res: { json(): unknown }) => reasonOf(res.json());

describe('one deadline per request', () => {
  let env: PatientEnv;
  beforeAll(async () => {
    env = await startPatientEnv({ env: { ITB_REQUEST_DEADLINE_MS: '1500', ITB_UPSTREAM_TIMEOUT_MS: '1200', ITB_RATE_LIMIT_BOOK_PER_MINUTE: '1000' } });
  });
  afterAll(() => env?.close());

  it('answers a cancel against a slow ITB with 504 at the deadline, and the retry completes it', async () => {
    const log: ResponseLog = [];
    const alva = await signInPatient(env, PERSON.alva, log, []);
    const booked = appointmentOf((await postBook(alva, createBody((await findTimes(alva, STOCKHOLM_ANNA))[0]!))).body);
    // Each upstream call alone is within its own timeout; the cancel needs several of them.
    env.sandbox.knobs.setLatency(700);
    const started = Date.now();
    const slow = await postBook(alva, bookParameters({ ...booked, status: 'cancelled' }), 'cancel-attempt-1');
    const took = Date.now() - started;
    expect([slow.status, reasonOf(slow.body)]).toEqual([504, 'upstream-timeout']);
    expect(slow.body).toMatchObject({ resourceType: 'OperationOutcome' });
    expect(took).toBeLessThan(1500 + 700);
    env.sandbox.knobs.setLatency(0);
    const retried = await postBook(alva, bookParameters({ ...booked, status: 'cancelled' }), 'cancel-attempt-2');
    expect([retried.status, appointmentOf(retried.body).status]).toEqual([200, 'cancelled']);
  });
});

describe('anonymous load', () => {
  let env: BffTestEnv;
  beforeAll(async () => {
    env = await startBffTestEnv({
      env: {
        ITB_UPSTREAM_MAX_IN_FLIGHT: '2',
        ITB_FIND_TTL_SECONDS: '0',
        ITB_RATE_LIMIT_FIND_PER_MINUTE: '1000',
      },
    });
  });
  afterAll(() => env?.close());

  it('never has more upstream calls in flight than the cap, whatever arrives at once', async () => {
    await env.app.inject({ url: '/fhir/HealthcareService' });
    env.sandbox.knobs.setLatency(60);
    env.sandbox.knobs.resetCounts();
    const visitType = encodeURIComponent('http://portal.wof.purified.link/fhir/CodeSystem/csServiceType|undersokning');
    // Six different searches (identical ones would share one plan), each fanning out over the clinic.
    const searches = Array.from({ length: 6 }, (_, i) => {
      const start = Date.now() + (3 + i) * DAY;
      return `/fhir/Appointment/$find?start=${new Date(start).toISOString()}&end=${new Date(start + 2 * DAY).toISOString()}&healthcareService=HealthcareService/hs-stockholm-city&visit-type=${visitType}`;
    });
    const answers = await Promise.all(searches.map((url) => env.app.inject({ url })));
    env.sandbox.knobs.setLatency(0);
    expect(answers.map((a) => a.statusCode)).toEqual(Array(6).fill(200));
    expect(env.sandbox.knobs.requestCount('$find')).toBeGreaterThanOrEqual(6);
    expect(env.sandbox.knobs.peakConcurrency()).toBeLessThanOrEqual(2);
  });

  it('refuses a $find naming more practitioners than any clinic has, before calling ITB', async () => {
    const { catalog } = await env.app.catalogSource.systemCatalog();
    const roles = [...catalog.practitioners.keys()];
    env.sandbox.knobs.resetCounts();
    const many = await env.app.inject({ url: `/fhir/Appointment/$find?${week()}&${roles.map((r) => `practitionerRole=PractitionerRole/${r}`).join('&')}` });
    expect([many.statusCode, reason(many)]).toEqual([400, 'invalid-parameter']);
    expect(many.json()).toMatchObject({ issue: [{ diagnostics: expect.stringMatching(/^At most \d+ different 'practitionerRole' values/) }] });
    expect(env.sandbox.knobs.requestCount('$find')).toBe(0);
  });

  it('answers 502 upstream-invalid for an upstream answer over the size cap', async () => {
    const capped = await startBffTestEnv({ sandbox: env.sandbox, env: { ITB_UPSTREAM_MAX_BODY_BYTES: '65536' } });
    try {
      // The whole catalog with every include is about 157 KB.
      const answer = await capped.app.inject({ url: '/fhir/$get-offers-context?includeActivityDefinitionPortal=true&includeHealthcareServicePortal=true&includePractitionerRolePortal=true' });
      expect([answer.statusCode, reason(answer)]).toEqual([502, 'upstream-invalid']);
    } finally {
      await capped.close();
    }
  });

  it('limits $find, catalog reads and campaign checks per client', async () => {
    const limited = await startBffTestEnv({
      sandbox: env.sandbox,
      env: { ITB_RATE_LIMIT_FIND_PER_MINUTE: '2', ITB_RATE_LIMIT_CATALOG_PER_MINUTE: '2', ITB_RATE_LIMIT_CAMPAIGN_PER_MINUTE: '2' },
    });
    try {
      for (const url of [`/fhir/Appointment/$find?${week()}&practitionerRole=PractitionerRole/pr-anna-berg-sto`, '/fhir/HealthcareService', '/campaigns/GUESS1']) {
        const statuses = [];
        for (let i = 0; i < 3; i += 1) statuses.push((await limited.app.inject({ url, remoteAddress: '203.0.113.7' })).statusCode);
        expect(statuses[2], url).toBe(429);
        // Another client is not held back by the first one's use.
        expect((await limited.app.inject({ url, remoteAddress: '203.0.113.8' })).statusCode, url).not.toBe(429);
      }
    } finally {
      await limited.close();
    }
  });
});
