/**
 * `/metrics` after a booking journey: scraped from its own port, parsed, and compared with a scrape
 * taken before — the counters moved by the right amounts, labels are route patterns and codes, and
 * nothing in it names the patient.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSON, appointmentOf, createBody, findTimes, postBook, STOCKHOLM_ANNA } from '../test/booking-fixtures.test-support.js';
import { type PatientClient } from '../test/patient-client.test-support.js';
import { signInPatient, startPatientEnv, type PatientEnv } from '../test/patient-env.test-support.js';
import type { PatientSession } from './plugins/session.js';
import { parseMetrics, valueOf } from '../test/metrics.test-support.js';

describe('/metrics', () => {
  let env: PatientEnv;
  let metricsUrl: string;
  const sessions: PatientSession[] = [];
  let alva: PatientClient;
  const scrape = async () => parseMetrics(await (await fetch(metricsUrl)).text());

  beforeAll(async () => {
    env = await startPatientEnv({ env: { ITB_METRICS_PORT: '0', ITB_RATE_LIMIT_CAMPAIGN_PER_MINUTE: '2' } });
    metricsUrl = env.bff.app.metricsUrl() ?? '';
    alva = await signInPatient(env, PERSON.alva, [], sessions);
  });
  afterAll(async () => {
    await env?.close();
  });

  it('is served on its own port only, as Prometheus text', async () => {
    const answer = await fetch(metricsUrl);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(new URL(metricsUrl).port).not.toBe(new URL(env.bff.baseUrl).port);
    expect((await fetch(`${env.bff.baseUrl}/metrics`)).status).toBe(404);
    const samples = parseMetrics(await answer.text());
    expect(valueOf(samples, 'itb_bff_process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(valueOf(samples, 'itb_bff_nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
  });

  it('counts a booking journey: requests by route, upstream calls, caches, fan-out, the booking, refusals', async () => {
    const before = await scrape();
    const [time] = await findTimes(alva, STOCKHOLM_ANNA);
    const booked = await postBook(alva, createBody(time!));
    expect(booked.status).toBe(200);
    const again = await alva.json('fhir/Appointment');
    expect(again.status).toBe(200);
    const refused = [];
    for (let i = 0; i < 4; i += 1) refused.push((await fetch(`${env.bff.baseUrl}/campaigns/NO-SUCH-CODE`)).status);
    expect(refused.filter((s) => s === 429)).toHaveLength(2);
    const after = await scrape();
    const moved = (name: string, labels: Readonly<Record<string, string>> = {}) => valueOf(after, name, labels) - valueOf(before, name, labels);

    expect(moved('itb_bff_http_request_duration_seconds_count', { route: '/fhir/Appointment/$book', method: 'POST', status: '200' })).toBe(1);
    expect(moved('itb_bff_http_request_duration_seconds_count', { route: '/fhir/Appointment/$find', method: 'GET', status: '200' })).toBe(1);
    expect(moved('itb_bff_http_request_duration_seconds_count', { route: '/campaigns/:code', status: '429' })).toBe(2);
    expect(moved('itb_bff_bookings_total', { action: 'book', outcome: 'success', reason: 'none' })).toBe(1);
    expect(moved('itb_bff_upstream_request_duration_seconds_count', { operation: '$book', outcome: '2xx' })).toBe(1);
    // The patient's search, and $book's own look at whether ITB still offers the time.
    expect(moved('itb_bff_upstream_request_duration_seconds_count', { operation: '$find', outcome: '2xx' })).toBe(2);
    expect(moved('itb_bff_find_fanout_width_count')).toBe(1);
    expect(moved('itb_bff_find_fanout_width_sum')).toBe(1);
    expect(moved('itb_bff_rate_limited_total', { route: '/campaigns/:code' })).toBe(2);
    // The system catalog was loaded at sign-in at the latest: $find and $book read it from the cache.
    expect(moved('itb_bff_cache_lookups_total', { cache: 'catalog' })).toBeGreaterThanOrEqual(2);
    expect(moved('itb_bff_cache_lookups_total', { cache: 'catalog', result: 'hit' })).toBeGreaterThanOrEqual(1);
    // Both upstream $find calls above went through the availability cache, each with its own window.
    expect(moved('itb_bff_cache_lookups_total', { cache: 'availability', result: 'miss' })).toBe(2);
    expect(appointmentOf(booked.body).id).toBeDefined();
  });

  it('labels nothing with a patient, an id or a URL', async () => {
    const samples = await scrape();
    const values = samples.flatMap((s) => Object.values(s.labels));
    const identity = sessions[0]!.identity;
    const personal = [identity.personalNumber.value, identity.givenName, identity.familyName, '+46701740605', '701740605'];
    for (const value of values) {
      for (const item of personal) expect(value).not.toContain(item);
      expect(value).not.toMatch(/\?|hs-|pr-|ad-|\d{6,}/);
    }
    const routes = new Set(samples.filter((s) => s.labels['route'] !== undefined).map((s) => s.labels['route']));
    for (const route of routes) expect(route === 'unmatched' || route?.startsWith('/')).toBe(true);
  });
});

describe('/metrics switched off (the default)', () => {
  it('has no listener', async () => {
    const env = await startPatientEnv();
    try {
      expect(env.bff.app.metricsUrl()).toBeUndefined();
      expect((await fetch(`${env.bff.baseUrl}/metrics`)).status).toBe(404);
    } finally {
      await env.close();
    }
  });
});
