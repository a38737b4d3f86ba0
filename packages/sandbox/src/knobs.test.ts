import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle } from '@itb/shared';
import { ALVA, appointmentsOf, createBody, FIXED_NOW, findPath, startTestSandbox, type TestEnv } from './testing/sandbox-env.test-support.js';

let env: TestEnv;
let token: string;

beforeAll(async () => {
  env = await startTestSandbox();
  token = await env.systemToken();
});
afterAll(() => env.close());
afterEach(() => {
  env.sandbox.knobs.reset();
  env.sandbox.knobs.resetCounts();
});

const knob = (path: string, body?: unknown) => fetch(`${env.sandbox.origin}/_sandbox${path}`, {
  method: body === undefined && !path.startsWith('/reset') ? 'GET' : 'POST',
  ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
});

async function timed(call: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await call();
  return performance.now() - started;
}

describe('latency', () => {
  it('delays every upstream call by the set latency, in process and over HTTP', async () => {
    env.sandbox.knobs.setLatency(150);
    expect(await timed(() => env.fhir('metadata'))).toBeGreaterThanOrEqual(145);
    expect((await knob('/latency', { ms: 0 })).status).toBe(200);
    expect(await timed(() => env.fhir('metadata'))).toBeLessThan(145);
    expect((await knob('/latency', { ms: -1 })).status).toBe(400);
  });

  it('starts with the latencyMs option and returns to it on reset', async () => {
    const slow = await startTestSandbox({ latencyMs: 120 });
    try {
      expect(await timed(() => slow.fhir('metadata'))).toBeGreaterThanOrEqual(115);
      slow.sandbox.knobs.setLatency(0);
      slow.sandbox.knobs.reset();
      expect(await timed(() => slow.fhir('metadata'))).toBeGreaterThanOrEqual(115);
    } finally {
      await slow.close();
    }
  });
});

describe('faults', () => {
  it('answers 500 and 503 with OperationOutcomes for `count` matching calls only', async () => {
    env.sandbox.knobs.injectFault({ kind: '500' });
    const first = await env.fhir('metadata');
    expect(first.status).toBe(500);
    expect(first.body.resourceType).toBe('OperationOutcome');
    expect((await env.fhir('metadata')).status).toBe(200);

    env.sandbox.knobs.injectFault({ kind: '503', count: 2, match: 'PractitionerRole/pr-anna-berg-sto' });
    const anna = findPath('pr-anna-berg-sto', 'undersokning', '2026-12-01', '2026-12-08');
    const elin = findPath('pr-elin-holm-sto', 'hyg45', '2026-12-01', '2026-12-08');
    expect((await env.fhir(elin, { token })).status).toBe(200);
    const unavailable = await env.fhir(anna, { token });
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('1');
    expect((await env.fhir(anna, { token })).status).toBe(503);
    expect((await env.fhir(anna, { token })).status).toBe(200);
  });

  it('matches POST bodies too', async () => {
    env.sandbox.knobs.injectFault({ kind: '500', match: 'pr-johan-ek-sto' });
    const body = { resourceType: 'Parameters', parameter: [{ name: 'start', valueDateTime: '2026-12-01' }, { name: 'end', valueDateTime: '2026-12-05' }, { name: 'practitionerRole', valueReference: { reference: 'PractitionerRole/pr-johan-ek-sto' } }] };
    expect((await env.fhir('Appointment/$find', { token, body })).status).toBe(500);
    expect((await env.fhir('Appointment/$find', { token, body })).status).toBe(200);
  });

  it('never answers on a timeout fault (the client gives up)', async () => {
    env.sandbox.knobs.injectFault({ kind: 'timeout', match: 'metadata' });
    await expect(fetch(`${env.sandbox.fhirBase}/metadata`, { signal: AbortSignal.timeout(300) })).rejects.toThrow(/abort|timeout/i);
    expect((await env.fhir('metadata')).status).toBe(200);
  });

  it('drops the connection on a drop fault', async () => {
    env.sandbox.knobs.injectFault({ kind: 'drop' });
    await expect(fetch(`${env.sandbox.fhirBase}/metadata`)).rejects.toThrow(/fetch failed/);
    expect((await env.fhir('metadata')).status).toBe(200);
  });

  it('keeps failing with count Infinity until reset, also when set over HTTP', async () => {
    expect((await knob('/fault', { kind: '503', count: 'Infinity', match: '$get-offers-context' })).status).toBe(200);
    for (let i = 0; i < 3; i += 1) expect((await env.fhir('$get-offers-context', { token })).status).toBe(503);
    expect((await env.fhir('HealthcareService', { token })).status).toBe(200);
    expect((await knob('/reset', {})).status).toBe(200);
    expect((await env.fhir('$get-offers-context', { token })).status).toBe(200);
  });

  it('rejects malformed faults', async () => {
    expect((await knob('/fault', { kind: '418' })).status).toBe(400);
    expect((await knob('/fault', { kind: '500', count: 0 })).status).toBe(400);
    expect((await knob('/fault', { kind: '500', match: 5 })).status).toBe(400);
    expect(() => env.sandbox.knobs.injectFault({ kind: 'nope' as '500' })).toThrow();
  });
});

describe('clock', () => {
  it('fixes now for slots and rules, and releases it', async () => {
    env.sandbox.knobs.setNow(FIXED_NOW);
    const fixed = appointmentsOf((await env.fhir(findPath('pr-elin-holm-sto', 'hyg45', '2026-09-14', '2026-09-21'), { token })).body);
    expect(fixed.length).toBeGreaterThan(0);
    expect(Date.parse(fixed[0]?.start ?? '')).toBeGreaterThan(FIXED_NOW.getTime());
    expect((await knob('/clock', { now: null })).status).toBe(200);
    // Real time is later than the fixed week, so that week has no times any more.
    const real = (await env.fhir(findPath('pr-elin-holm-sto', 'hyg45', '2026-09-14', '2026-09-21'), { token })).body as Bundle;
    expect(real.total).toBe(Date.now() > Date.parse('2026-09-21') ? 0 : real.total);
    expect((await knob('/clock', { now: '2026-09-14T08:00:00+02:00' })).status).toBe(200);
    expect(((await (await knob('')).json()) as { now: string }).now).toBe(FIXED_NOW.toISOString());
    expect((await knob('/clock', { now: 'yesterday' })).status).toBe(400);
  });
});

describe('bookings, reset and counters', () => {
  it('lists every booking, restores the seed on reset and counts upstream calls', async () => {
    env.sandbox.knobs.setNow(FIXED_NOW);
    const seeded = env.sandbox.knobs.bookings();
    expect(seeded.map((b) => b.id).sort()).toEqual(['bk-seed-alva-past', 'bk-seed-kari-upcoming']);
    const alva = await env.patientToken(ALVA.personalNumber);
    const time = appointmentsOf((await env.fhir(findPath('pr-elin-holm-sto', 'hyg45', '2026-09-15', '2026-09-18'), { token })).body)[0];
    if (time === undefined) throw new Error('no time');
    expect((await env.fhir('Appointment/$book', { token: alva, body: createBody(time, 'hs-stockholm-city', ALVA) })).status).toBe(200);
    expect(env.sandbox.knobs.bookings()).toHaveLength(3);
    const overHttp = (await (await knob('/bookings')).json()) as Bundle;
    expect(overHttp.total).toBe(3);
    env.sandbox.knobs.reset();
    expect(env.sandbox.knobs.bookings().map((b) => b.id).sort()).toEqual(['bk-seed-alva-past', 'bk-seed-kari-upcoming']);

    env.sandbox.knobs.resetCounts();
    await env.fhir(findPath('pr-anna-berg-sto', 'undersokning', '2026-12-01', '2026-12-08'), { token });
    await env.fhir(findPath('pr-elin-holm-sto', 'hyg45', '2026-12-01', '2026-12-08'), { token });
    await env.fhir('metadata');
    expect(env.sandbox.knobs.requestCount()).toBe(3);
    expect(env.sandbox.knobs.requestCount('$find')).toBe(2);
    expect(env.sandbox.knobs.requestCount('PractitionerRole/pr-anna-berg-sto')).toBe(1);
    expect(((await (await knob('/requests?match=%24find')).json()) as { count: number }).count).toBe(2);
    expect((await knob('/requests/reset', {})).status).toBe(200);
    expect(env.sandbox.knobs.requestCount()).toBe(0);
  });
});
