// Booking events when a destination fails (issue 20, in-memory queue): the patient's booking never
// waits or fails for it; the registry down for a while → retried until it is back; a refused client
// secret → audited tries, then a dead letter counted in /metrics, no secret logged, and a rotated
// secret list that gets through; a webhook receiver that fails → the same webhook-id with a fresh
// valid signature on every try, and a dead letter when it never recovers. Retry waits are shrunk
// through ITB_EVENTS_RETRY_* so a whole 24-hour policy runs in about a second.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment } from '@itb/shared';
import { PERSON, appointmentOf, bookParameters, createBody, freeTimePicker, postBook } from '../../test/booking-fixtures.test-support.js';
import { captureLog } from '../../test/log-capture.test-support.js';
import { parseMetrics, valueOf } from '../../test/metrics.test-support.js';
import type { PatientClient } from '../../test/patient-client.test-support.js';
import { signInPatient, startPatientEnv, type PatientBff, type PatientEnv } from '../../test/patient-env.test-support.js';
import { channel, eventSuite, registryEnv, until, webhookSecret, type LogLine, type Publisher } from '../../test/events.test-support.js';
import { attemptsFor } from './retry-policy.js';

/** Retries every 20–100 ms for a minute: failures recover within a test. */
const RETRY_QUICKLY = { ITB_EVENTS_RETRY_FIRST_MS: '20', ITB_EVENTS_RETRY_MAX_MS: '100', ITB_EVENTS_RETRY_FOR_SECONDS: '60' };
/** The same waits for one second only: failures are dead-lettered within a test. */
const GIVE_UP_QUICKLY = { ...RETRY_QUICKLY, ITB_EVENTS_RETRY_FOR_SECONDS: '1' };
const ATTEMPTS_IN_A_SECOND = attemptsFor({ firstMs: 20, maxMs: 100, forMs: 1000 });
const LEVEL = { warn: 40, error: 50 } as const;

let env: PatientEnv;
const { startPublisher, startReceiver, pointersTo, close: closeReceivers } = eventSuite(() => env);
const pick = freeTimePicker();

beforeAll(async () => {
  env = await startPatientEnv({ count: 0, extraPorts: 9 });
});
afterAll(async () => {
  env?.sandbox.registry.knobs.setDown(false);
  await env?.close();
  await closeReceivers();
});

/** Lines of `channel` about `id` once at least `count` have `outcome`. */
function linesWhen(publisher: Publisher, name: 'registry' | 'webhooks', id: string, outcome: string, count = 1): Promise<LogLine[]> {
  return until(`${count} ${name} line(s) ${outcome} for ${id}`, () => {
    const all = channel(publisher.log(), name, id);
    return all.filter((l) => l['outcome'] === outcome).length >= count ? all : undefined;
  });
}

/** Book a free time; the booking must succeed whatever the destinations do. Returns the ITB id. */
async function book(client: PatientClient): Promise<string> {
  const answer = await postBook(client, createBody(await pick(client)));
  expect(answer.status).toBe(200);
  return appointmentOf(answer.body).id!;
}

async function scrape(bff: PatientBff) {
  return parseMetrics(await (await fetch(bff.app.metricsUrl()!)).text());
}

describe('the registry failing', () => {
  it('answers the booking while the registry is down, retries, and writes the pointer once it is back', async () => {
    const { knobs } = env.sandbox.registry;
    const secret = webhookSecret('registry-down');
    const receiver = await startReceiver([secret]);
    const publisher = await startPublisher({ ...registryEnv(env.sandbox), ...RETRY_QUICKLY, ITB_WEBHOOKS: `${receiver.url} ${secret}` });
    knobs.setDown(true);
    let id: string;
    try {
      id = await book(publisher.alva);
      expect(pointersTo(id)).toEqual([]);
      // The webhook is a job of its own: the registry being down does not hold it back.
      await until('the webhook', () => receiver.postsOf('booking.created', id)[0]);
      const failing = await linesWhen(publisher, 'registry', id, 'retrying', 2);
      expect(failing.every((l) => l['outcome'] === 'retrying' && l['level'] === LEVEL.warn && typeof l['reason'] === 'string')).toBe(true);
      expect(pointersTo(id)).toEqual([]);
    } finally {
      knobs.setDown(false);
    }
    const [pointer] = await until('the pointer', () => (pointersTo(id).length > 0 ? pointersTo(id) : undefined));
    expect(pointer!.status).toBe('booked');
    const lines = await linesWhen(publisher, 'registry', id, 'delivered');
    expect(lines.at(-1)?.['attempt']).toBe(lines.length);
    expect(lines.filter((l) => l['outcome'] === 'delivered')).toHaveLength(1);
    expect(channel(publisher.log(), 'registry', id, 'dead')).toEqual([]);
    expect(pointersTo(id)).toHaveLength(1);
    await publisher.bff.app.close();
  });

  it('ends with the newest change when a booking is cancelled while the registry is down: one pointer, cancelled', async () => {
    const { knobs } = env.sandbox.registry;
    const publisher = await startPublisher({ ...registryEnv(env.sandbox), ...RETRY_QUICKLY });
    knobs.setDown(true);
    let id: string;
    try {
      const answer = await postBook(publisher.alva, createBody(await pick(publisher.alva)));
      expect(answer.status).toBe(200);
      const booked = appointmentOf(answer.body);
      id = booked.id!;
      expect((await postBook(publisher.alva, bookParameters({ ...booked, status: 'cancelled' }))).status).toBe(200);
      await until('both registry jobs failing', () => {
        const types = new Set(channel(publisher.log(), 'registry', id, 'retrying').map((l) => l['type']));
        return types.has('booking.created') && types.has('booking.cancelled') ? true : undefined;
      });
    } finally {
      knobs.setDown(false);
    }
    // Whichever retry comes first, the created event never overwrites the cancellation.
    const lines = await until('both jobs done', () => {
      const done = channel(publisher.log(), 'registry', id).filter((l) => l['outcome'] === 'delivered' || l['outcome'] === 'superseded');
      return done.length === 2 ? done : undefined;
    });
    expect(lines.find((l) => l['type'] === 'booking.cancelled')?.['outcome']).toBe('delivered');
    expect(pointersTo(id).map((p) => p.status)).toEqual(['cancelled']);
    await publisher.bff.app.close();
  });

  it('audits a refused client secret as retrying, then dead, without touching the booking or logging a secret', async () => {
    const wrong = 'not-the-registry-secret-4711';
    const { knobs, clientSecret } = env.sandbox.registry;
    const publisher = await startPublisher({ ...registryEnv(env.sandbox, wrong), ...GIVE_UP_QUICKLY, ITB_METRICS_PORT: '0' });
    const before = knobs.counts();
    const id = await book(publisher.alva);

    const lines = await linesWhen(publisher, 'registry', id, 'dead');
    expect(lines.map((l) => l['outcome'])).toEqual([...Array<string>(ATTEMPTS_IN_A_SECOND - 1).fill('retrying'), 'dead']);
    const dead = lines.at(-1)!;
    expect(dead).toMatchObject({ level: LEVEL.error, attempt: ATTEMPTS_IN_A_SECOND, status: 401, jobId: expect.stringMatching(/^msg_\w+\.registry$/) });
    expect(dead['reason']).toBe('the registry token URL refused every configured client secret (1)');
    expect(lines.every((l) => l['reason'] === dead['reason'])).toBe(true);
    // One token request per try, each refused: nothing written.
    expect(knobs.counts().tokenRequests - before.tokenRequests).toBe(ATTEMPTS_IN_A_SECOND);
    expect(knobs.counts().tokensIssued).toBe(before.tokensIssued);
    expect(pointersTo(id)).toEqual([]);
    const logText = publisher.lines.join('\n');
    for (const value of [wrong, clientSecret, PERSON.alva]) expect(logText, value).not.toContain(value);

    const samples = await scrape(publisher.bff);
    expect(valueOf(samples, 'itb_bff_event_deliveries_total', { target: 'registry', outcome: 'dead' })).toBe(1);
    expect(valueOf(samples, 'itb_bff_event_deliveries_total', { target: 'registry', outcome: 'retrying' })).toBe(ATTEMPTS_IN_A_SECOND - 1);
    expect(valueOf(samples, 'itb_bff_event_dead_letters')).toBeGreaterThanOrEqual(1);
    await publisher.bff.app.close();
  });

  it('moves on to the next client secret when the token URL refuses the first (rotation)', async () => {
    const { knobs, clientSecret } = env.sandbox.registry;
    const publisher = await startPublisher({ ...registryEnv(env.sandbox, `retired-secret,${clientSecret}`), ...RETRY_QUICKLY });
    const before = knobs.counts();
    const first = await book(publisher.alva);
    await until('the first pointer', () => pointersTo(first)[0]);
    expect((await linesWhen(publisher, 'registry', first, 'delivered')).map((l) => [l['outcome'], l['attempt']])).toEqual([['delivered', 1]]);
    expect(knobs.counts().tokenRequests - before.tokenRequests).toBe(2);

    // The token is kept, and when it has to be renewed the working secret is asked first.
    knobs.revokeTokens();
    const second = await book(publisher.alva);
    await until('the second pointer', () => pointersTo(second)[0]);
    expect(knobs.counts().tokenRequests - before.tokenRequests).toBe(3);
    expect(knobs.counts().tokensIssued - before.tokensIssued).toBe(2);
    await publisher.bff.app.close();
  });

  it('asks for the registry scope only: another scope gets no token', async () => {
    const publisher = await startPublisher({ ...registryEnv(env.sandbox), ...RETRY_QUICKLY, ITB_REGISTRY_SCOPE: `${env.sandbox.registry.fhirBase}/Appointment.write` });
    const before = env.sandbox.registry.knobs.counts();
    const id = await book(publisher.alva);
    const [line] = await linesWhen(publisher, 'registry', id, 'retrying');
    expect(line?.['reason']).toBe('the registry token URL could not give a token');
    expect(env.sandbox.registry.knobs.counts().tokensIssued).toBe(before.tokensIssued);
    expect(pointersTo(id)).toEqual([]);
    await publisher.bff.app.close();
  });
});

describe('a webhook receiver failing', () => {
  it('retries with the same webhook-id and a fresh valid signature each time, and logs one delivery', async () => {
    const secret = webhookSecret('retry');
    const receiver = await startReceiver([secret]);
    receiver.answer([503, 503], 204);
    const publisher = await startPublisher({ ...RETRY_QUICKLY, ITB_WEBHOOKS: `${receiver.url} ${secret}` });
    const id = await book(publisher.alva);

    const lines = await linesWhen(publisher, 'webhooks', id, 'delivered');
    const posts = receiver.postsOf('booking.created', id);
    expect(posts.map((p) => p.status)).toEqual([503, 503, 204]);
    expect(posts.every((p) => p.verifiedBy.length === 1)).toBe(true);
    expect(new Set(posts.map((p) => p.webhookId)).size).toBe(1);
    expect(posts.every((p) => p.body === posts[0]!.body)).toBe(true);
    expect(lines.map((l) => [l['outcome'], l['attempt'], l['status'], l['eventId']])).toEqual([
      ['retrying', 1, 503, posts[0]!.webhookId], ['retrying', 2, 503, posts[0]!.webhookId], ['delivered', 3, 204, posts[0]!.webhookId],
    ]);
    expect(lines.slice(0, 2).map((l) => [l['level'], l['reason']])).toEqual([[LEVEL.warn, 'the receiver answered HTTP 503'], [LEVEL.warn, 'the receiver answered HTTP 503']]);
    await publisher.bff.app.close();
  });

  it('signs with every secret of an endpoint, so a receiver that knows either verifies, and posts to every endpoint', async () => {
    const [a, b, c] = [webhookSecret('rotate-a'), webhookSecret('rotate-b'), webhookSecret('other-endpoint')];
    const rotating = await startReceiver([a, b]);
    const other = await startReceiver([c]);
    const publisher = await startPublisher({ ...RETRY_QUICKLY, ITB_WEBHOOKS: `${rotating.url} ${a} ${b}, ${other.url} ${c}` });
    const id = await book(publisher.alva);

    const [post] = await until('the rotating endpoint', () => (rotating.postsOf('booking.created', id).length > 0 ? rotating.postsOf('booking.created', id) : undefined));
    const signatures = post!.headers['webhook-signature']!.split(' ');
    expect(signatures).toHaveLength(2);
    expect(signatures.every((s) => /^v1,[A-Za-z0-9+/]+=*$/.test(s))).toBe(true);
    // Verified on its own by a receiver knowing only a, and by one knowing only b.
    expect(post!.verifiedBy).toEqual([0, 1]);
    const [elsewhere] = await until('the other endpoint', () => (other.postsOf('booking.created', id).length > 0 ? other.postsOf('booking.created', id) : undefined));
    expect(elsewhere!.headers['webhook-signature']!.split(' ')).toHaveLength(1);
    expect(elsewhere!.webhookId).toBe(post!.webhookId);
    const delivered = await until('both deliveries logged', () => {
      const found = channel(publisher.log(), 'webhooks', id, 'delivered');
      return found.length === 2 ? found : undefined;
    });
    expect(new Set(delivered.map((l) => l['endpoint'])).size).toBe(2);
    expect(new Set(delivered.map((l) => l['host']))).toEqual(new Set([new URL(rotating.url).host, new URL(other.url).host]));
    await publisher.bff.app.close();
  });

  it('dead-letters a delivery that never succeeds: an error line with the job id, and /metrics', async () => {
    const secret = webhookSecret('dead');
    const receiver = await startReceiver([secret]);
    receiver.answer([], 500);
    const publisher = await startPublisher({ ...GIVE_UP_QUICKLY, ITB_WEBHOOKS: `${receiver.url} ${secret}`, ITB_METRICS_PORT: '0' });
    const id = await book(publisher.alva);

    const lines = await linesWhen(publisher, 'webhooks', id, 'dead');
    const posts = receiver.postsOf('booking.created', id);
    expect(posts).toHaveLength(ATTEMPTS_IN_A_SECOND);
    expect(new Set(posts.map((p) => p.webhookId)).size).toBe(1);
    const dead = lines.at(-1)!;
    const endpointId = publisher.bff.config.webhooks[0]!.id;
    expect(dead).toMatchObject({
      level: LEVEL.error, outcome: 'dead', attempt: ATTEMPTS_IN_A_SECOND, status: 500, reason: 'the receiver answered HTTP 500',
      eventId: posts[0]!.webhookId, endpoint: endpointId, jobId: `${posts[0]!.webhookId}.webhook-${endpointId}`,
    });
    expect(lines.filter((l) => l['outcome'] === 'dead')).toHaveLength(1);
    expect(publisher.lines.join('\n')).not.toContain(secret.slice('whsec_'.length));

    const samples = await scrape(publisher.bff);
    expect(valueOf(samples, 'itb_bff_event_deliveries_total', { target: 'webhook', outcome: 'dead' })).toBe(1);
    expect(valueOf(samples, 'itb_bff_event_deliveries_total', { target: 'webhook', outcome: 'delivered' })).toBe(0);
    expect(valueOf(samples, 'itb_bff_event_dead_letters')).toBe(1);
    await publisher.bff.app.close();
  });

  it('stops at once when a receiver answers 410 Gone: one try, dead-lettered, no retries', async () => {
    const secret = webhookSecret('gone');
    const receiver = await startReceiver([secret]);
    receiver.answer([], 410);
    const publisher = await startPublisher({ ITB_EVENTS_RETRY_FIRST_MS: '20', ITB_EVENTS_RETRY_MAX_MS: '20', ITB_EVENTS_RETRY_FOR_SECONDS: '3600', ITB_WEBHOOKS: `${receiver.url} ${secret}` });
    const id = await book(publisher.alva);
    const lines = await linesWhen(publisher, 'webhooks', id, 'dead');
    expect(receiver.postsOf('booking.created', id)).toHaveLength(1);
    expect(lines.at(-1)).toMatchObject({ outcome: 'dead', attempt: 1, status: 410 });
    await publisher.bff.app.close();
  });
});
