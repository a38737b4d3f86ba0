// Booking events through BullMQ on a real redis-server (issue 20, "Delivery that survives"): a job
// outlives the BFF that queued it and is delivered by the next one with the same webhook-id; two
// instances on one Redis deliver each event once; the patient's personal number is nowhere in Redis
// in clear, not even in the dead-letter list. Each case has its own ITB_REDIS_KEY_PREFIX, so its
// queue is its own. Not here: "Redis goes away while booking" — with Redis down a signed-in $book
// fails closed with 503 before anything is published (many-instances.test.ts), so there is no event.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment } from '@itb/shared';
import { createKeyring } from '../session/seal.js';
import { PERSON, appointmentOf, createBody, freeTimePicker, postBook } from '../../test/booking-fixtures.test-support.js';
import { captureLog } from '../../test/log-capture.test-support.js';
import { parseMetrics, valueOf } from '../../test/metrics.test-support.js';
import type { PatientClient } from '../../test/patient-client.test-support.js';
import { signInPatient, startPatientEnv, type PatientBff, type PatientEnv } from '../../test/patient-env.test-support.js';
import { logLines, registryEnv, startWebhookReceiver, until, webhookSecret, type LogLine, type ReceivedPost, type WebhookReceiver } from '../../test/events.test-support.js';
import { startRedisServer, type RedisServer } from '../../../../scripts/redis-server.js';

let redis: RedisServer;
let env: PatientEnv;
let receiver: WebhookReceiver;
let inspect: Redis;
const secret = webhookSecret('redis');
const pick = freeTimePicker();

beforeAll(async () => {
  [redis, receiver, env] = await Promise.all([startRedisServer(), startWebhookReceiver([secret]), startPatientEnv({ count: 0, extraPorts: 5 })]);
  inspect = new Redis(redis.url, { lazyConnect: true });
  await inspect.connect();
});
afterAll(async () => {
  inspect?.disconnect();
  // Instances a case already closed close again harmlessly.
  await env?.close();
  await receiver?.close();
  await redis?.stop();
});

/** A BFF publishing to the sandbox's registry and the receiver through BullMQ under `prefix`. */
async function startBff(prefix: string, overrides: Readonly<Record<string, string>> = {}): Promise<{ bff: PatientBff; log: () => LogLine[] }> {
  const { stream, lines } = captureLog();
  const bff = await env.startExtra({
    ITB_REDIS_URL: redis.url,
    ITB_REDIS_KEY_PREFIX: prefix,
    ...registryEnv(env.sandbox),
    ITB_WEBHOOKS: `${receiver.url} ${secret}`,
    ITB_EVENTS_RETRY_FIRST_MS: '50',
    ITB_EVENTS_RETRY_MAX_MS: '200',
    ITB_RATE_LIMIT_BOOK_PER_MINUTE: '1000',
    ...overrides,
  }, { logger: { level: 'info', stream } });
  return { bff, log: () => logLines(lines) };
}

async function book(client: PatientClient): Promise<string> {
  const answer = await postBook(client, createBody(await pick(client)));
  expect(answer.status).toBe(200);
  const appointment: Appointment = appointmentOf(answer.body);
  return appointment.id!;
}

/** Every POST about ITB appointment `id`, whatever its type. */
function postsAbout(id: string): ReceivedPost[] {
  return receiver.posts.filter((p) => p.payload?.data['appointmentId'] === id);
}

/** The registry's pointers to ITB appointment `id`. */
function pointersTo(id: string): Appointment[] {
  return env.sandbox.registry.knobs.appointments().filter((a) => (a.identifier ?? []).some((i) => i.value === id));
}

/** Delivery lines of one channel about one appointment. */
function deliveries(log: readonly LogLine[], channel: 'registry' | 'webhooks', appointmentId: string, outcome?: string): LogLine[] {
  return log.filter((l) => l.logger === channel && l.appointmentId === appointmentId && (outcome === undefined || l.outcome === outcome));
}

describe('a BFF restart between booking and delivery', () => {
  it('leaves the event in Redis: the next instance delivers it with the same webhook-id and writes the pointer', async () => {
    receiver.answer([], 503);
    env.sandbox.registry.knobs.setDown(true);
    try {
      const a = await startBff('restart:');
      const alva = await signInPatient({ ...env, bff: a.bff }, PERSON.alva, [], []);
      const id = await book(alva);
      // A has tried both destinations and failed, then stops.
      await until('A to fail the webhook and the registry', () => deliveries(a.log(), 'webhooks', id, 'retrying').length > 0 && deliveries(a.log(), 'registry', id, 'retrying').length > 0 ? true : undefined);
      await a.bff.app.close();
      const triedByA = postsAbout(id);
      expect(triedByA.length).toBeGreaterThan(0);
      expect(triedByA.every((p) => p.status === 503)).toBe(true);
      expect(pointersTo(id)).toEqual([]);

      receiver.answer([]);
      env.sandbox.registry.knobs.setDown(false);
      const b = await startBff('restart:');
      const delivered = await until('the webhook delivered', () => postsAbout(id).find((p) => p.status === 204));
      expect(delivered.webhookId).toBe(triedByA[0]!.webhookId);
      expect(new Set(postsAbout(id).map((p) => p.webhookId)).size).toBe(1);
      expect(delivered.payload?.type).toBe('booking.created');
      const [pointer] = await until('the pointer', () => (pointersTo(id).length > 0 ? pointersTo(id) : undefined));
      expect(pointer!.status).toBe('booked');
      expect(JSON.stringify(pointer)).toContain(PERSON.alva);
      await until('B to log both deliveries', () => deliveries(b.log(), 'registry', id, 'delivered').length > 0 && deliveries(b.log(), 'webhooks', id, 'delivered').length > 0 ? true : undefined);
      expect(deliveries(a.log(), 'webhooks', id, 'delivered')).toEqual([]);
      expect(deliveries(a.log(), 'registry', id, 'delivered')).toEqual([]);
      expect(pointersTo(id)).toHaveLength(1);
      expect(receiver.posts.every((p) => p.verifiedBy.length > 0)).toBe(true);
      await b.bff.app.close();
    } finally {
      receiver.answer([]);
      env.sandbox.registry.knobs.setDown(false);
    }
  });
});

describe('two instances on one Redis', () => {
  it('delivers every event, each logged as delivered by exactly one instance, one pointer per booking', async () => {
    const c = await startBff('pair:');
    const d = await startBff('pair:');
    const alva = await signInPatient({ ...env, bff: c.bff }, PERSON.alva, [], []);
    const erik = await signInPatient({ ...env, bff: d.bff }, PERSON.erik, [], []);
    const ids: string[] = [];
    for (const client of [alva, erik, alva, erik, alva, erik]) ids.push(await book(client));

    const both = () => [...c.log(), ...d.log()];
    await until('every delivery logged', () => (ids.every((id) => deliveries(both(), 'webhooks', id, 'delivered').length > 0 && deliveries(both(), 'registry', id, 'delivered').length > 0) ? true : undefined));
    for (const id of ids) {
      expect(postsAbout(id).some((p) => p.status === 204)).toBe(true);
      for (const channel of ['webhooks', 'registry'] as const) {
        const byInstance = [deliveries(c.log(), channel, id, 'delivered').length, deliveries(d.log(), channel, id, 'delivered').length];
        expect(byInstance.toSorted()).toEqual([0, 1]);
      }
      expect(pointersTo(id)).toHaveLength(1);
      expect(pointersTo(id)[0]!.status).toBe('booked');
    }
    expect(both().filter((l) => l.logger === 'registry' || l.logger === 'webhooks').map((l) => l.outcome)).not.toContain('dead');
    expect(receiver.posts.every((p) => p.verifiedBy.length > 0)).toBe(true);
    expect(JSON.stringify(both())).not.toContain(PERSON.alva);
    expect(JSON.stringify(both())).not.toContain(PERSON.erik);
    await Promise.all([c.bff.app.close(), d.bff.app.close()]);
  });
});

/** Every key under `prefix` with its whole value as text, read by the key's type. */
async function dump(prefix: string): Promise<Map<string, string>> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await inspect.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  const values = new Map<string, string>();
  for (const key of keys) {
    const type = await inspect.type(key);
    // Gone since the scan: BullMQ's own short-lived keys (its marker) come and go while workers run.
    if (type === 'none') continue;
    const read: Record<string, () => Promise<unknown>> = {
      string: () => inspect.get(key),
      hash: () => inspect.hgetall(key),
      list: () => inspect.lrange(key, 0, -1),
      set: () => inspect.smembers(key),
      zset: () => inspect.zrange(key, 0, -1, 'WITHSCORES'),
      stream: () => inspect.xrange(key, '-', '+'),
    };
    const reader = read[type];
    if (reader === undefined) throw new Error(`key ${key} has a type this test cannot read: ${type}`);
    values.set(key, JSON.stringify(await reader()));
  }
  return values;
}

describe('a registry job at rest', () => {
  it('holds the personal number only sealed, while waiting and once dead-lettered, and /metrics counts the dead letter', async () => {
    const prefix = 'rest:';
    env.sandbox.registry.knobs.setDown(true);
    try {
      const e = await startBff(prefix, { ITB_EVENTS_RETRY_FOR_SECONDS: '1', ITB_EVENTS_RETRY_MAX_MS: '100', ITB_METRICS_PORT: '0' });
      const alva = await signInPatient({ ...env, bff: e.bff }, PERSON.alva, [], []);
      const id = await book(alva);
      await until('a failed registry try', () => (deliveries(e.log(), 'registry', id, 'retrying').length > 0 ? true : undefined));

      const waiting = await dump(prefix);
      const jobKey = [...waiting.keys()].find((k) => k.startsWith(`${prefix}bull:booking-events:msg_`) && k.endsWith('.registry'));
      expect(jobKey).toBeDefined();
      // The job does carry the identifier — sealed, and only the BFF's session keys open it.
      const job = JSON.parse(await inspect.hget(jobKey!, 'data') ?? '{}') as { sealedPatient?: string; event?: { data?: { appointmentId?: string } } };
      expect(job.event?.data?.appointmentId).toBe(id);
      const opened = await createKeyring(e.bff.config.sessionKeys).open(job.sealedPatient!, { purpose: 'itb-registry-patient', now: new Date() });
      expect(opened?.payload['value']).toBe(PERSON.alva);
      for (const [key, value] of waiting) {
        expect(key).not.toContain(PERSON.alva);
        expect(value, key).not.toContain(PERSON.alva);
      }

      await until('the dead letter', () => (deliveries(e.log(), 'registry', id, 'dead').length > 0 ? true : undefined));
      const failedSet = `${prefix}bull:booking-events:failed`;
      const dead = await inspect.zrange(failedSet, 0, -1);
      expect(dead).toEqual([jobKey!.slice(`${prefix}bull:booking-events:`.length)]);
      const record = await inspect.hgetall(jobKey!);
      expect(record['failedReason']).toMatch(/registry/);
      for (const [key, value] of await dump(prefix)) {
        expect(key).not.toContain(PERSON.alva);
        expect(value, key).not.toContain(PERSON.alva);
      }
      expect(JSON.stringify(e.log())).not.toContain(PERSON.alva);
      const samples = parseMetrics(await (await fetch(e.bff.app.metricsUrl()!)).text());
      expect(valueOf(samples, 'itb_bff_event_dead_letters')).toBe(1);
      expect(valueOf(samples, 'itb_bff_event_deliveries_total', { target: 'registry', outcome: 'dead' })).toBe(1);
      await e.bff.app.close();
    } finally {
      env.sandbox.registry.knobs.setDown(false);
    }
  });
});
