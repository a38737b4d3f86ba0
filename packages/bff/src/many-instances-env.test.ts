/**
 * The many-instances test environment itself (two BFFs behind the round-robin proxy, no Redis), so
 * the Redis suites can trust it: the proxy alternates, a patient signs in through it across both
 * instances, and a stopped instance shows as a 502 rather than a hang.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSON } from '../test/booking-fixtures.test-support.js';
import { startManyInstances, type ManyInstances } from '../test/many-instances.test-support.js';
import { createPatientClient } from '../test/patient-client.test-support.js';

/** Requests each target received while `work` ran. */
async function hitsDuring(env: ManyInstances, work: () => Promise<void>): Promise<number[]> {
  const before = env.proxy.hits();
  await work();
  return env.proxy.hits().map((count, index) => count - (before[index] ?? 0));
}

describe('two instances behind the round-robin proxy', () => {
  let env: ManyInstances;
  beforeAll(async () => {
    env = await startManyInstances({ redis: false });
  });
  afterAll(async () => {
    await env?.close();
  });

  it('names the proxy as every instance’s public URL', () => {
    expect(env.bffs.map((bff) => bff.config.publicUrl)).toEqual([env.url, env.url]);
  });

  it('sends requests to the instances in turn', async () => {
    const statuses: number[] = [];
    const hits = await hitsDuring(env, async () => {
      for (let i = 0; i < 6; i += 1) statuses.push((await fetch(`${env.url}/healthz`)).status);
    });
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    expect(hits).toEqual([3, 3]);
  });

  it('signs a patient in across both instances, and each then knows the session', async () => {
    const alva = createPatientClient(env.url);
    // /auth/login and /auth/callback are two proxied requests, so one lands on each instance.
    const loginHits = await hitsDuring(env, async () => {
      expect((await alva.login(PERSON.alva)).status).toBe(303);
    });
    expect(loginHits).toEqual([1, 1]);
    const answers: unknown[] = [];
    const sessionHits = await hitsDuring(env, async () => {
      for (let i = 0; i < 2; i += 1) answers.push((await alva.json('auth/session')).body);
    });
    expect(sessionHits).toEqual([1, 1]);
    expect(answers).toEqual([expect.objectContaining({ signedIn: true }), expect.objectContaining({ signedIn: true })]);
  });
});

describe('an instance that is down', () => {
  let env: ManyInstances;
  beforeAll(async () => {
    env = await startManyInstances({ redis: false });
  });
  afterAll(async () => {
    // Also shows close() accepts an instance stopped by the test.
    await env?.close();
  });

  it('answers 502 from the proxy for the requests sent to it, and the other instance keeps answering', async () => {
    await env.bffs[1]?.app.close();
    const answers: Array<[number, string]> = [];
    const hits = await hitsDuring(env, async () => {
      for (let i = 0; i < 2; i += 1) {
        const response = await fetch(`${env.url}/healthz`);
        answers.push([response.status, await response.text()]);
      }
    });
    expect(hits).toEqual([1, 1]);
    expect(answers.map(([status]) => status).sort()).toEqual([200, 502]);
    expect(answers.find(([status]) => status === 502)?.[1]).toMatch(/^bad gateway/);
  });
});
