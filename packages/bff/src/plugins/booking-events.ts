/**
 * Booking events leave the BFF after the patient has their answer: a pointer in the appointment
 * registry (ITB_REGISTRY_*) and signed webhooks (ITB_WEBHOOKS), each a job of its own in the
 * delivery queue (BullMQ on Redis with ITB_REDIS_URL, else in memory), retried with backoff, then
 * dead-lettered. Every try ends in a line on the `registry` or `webhooks` logger and in
 * `itb_bff_event_deliveries_total`; dead letters are counted in `itb_bff_event_dead_letters`.
 * The patient's identifier, which only the registry needs, is sealed with the session keys before
 * it is queued; nothing else personal is ever in a job, a log line or a webhook.
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyBaseLogger } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Gauge } from 'prom-client';
import { bookingEventData, pointerIdentifier, registryPointer, type Appointment, type Attribution, type BookingEvent, type BookingEventType, type EventNames } from '@itb/shared';
import { createKeyring } from '../session/seal.js';
import { createBullmqQueue } from '../events/bullmq-queue.js';
import { DeliveryError, reasonOf } from '../events/delivery-error.js';
import { jobIdOf, type DeliveryJob, type DeliveryQueue } from '../events/delivery-queue.js';
import { createMemoryQueue } from '../events/memory-queue.js';
import { createRegistryClient } from '../events/registry-client.js';
import { createRegistryOrder } from '../events/registry-order.js';
import type { RetryPolicy } from '../events/retry-policy.js';
import { createWebhookSender } from '../events/webhook-sender.js';
import { sharedStoreOf } from './shared-store.js';

/** A change the patient has just made (and ITB confirmed). */
export interface BookingChange {
  readonly type: BookingEventType;
  /** The Appointment as ITB answered the change. */
  readonly appointment: Appointment;
  /** A reschedule's booking before the change. */
  readonly previous?: Appointment | undefined;
  readonly attribution?: Attribution | undefined;
  /** The patient's identifier (the session's personal number): for the registry's pointer only. */
  readonly patient: { readonly system: string; readonly value: string };
}

/** `app.bookingEvents`. */
export interface BookingEvents {
  /** Whether any destination is configured. */
  readonly enabled: boolean;
  /** Queue the change's deliveries; never throws and never makes the caller wait. */
  publish(change: BookingChange): void;
  /** Resolves once every publish started so far has queued its jobs (tests, shutdown). */
  queued(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    bookingEvents: BookingEvents;
  }
}

/** A sealed patient identifier outlives every retry by far. */
const SEALED_PATIENT_DAYS = 40;

function channelLogger(app: FastifyInstance, name: 'registry' | 'webhooks'): FastifyBaseLogger {
  // Like the audit log: kept at info even when general logging is turned down, silent only when all is.
  return app.log.child({ logger: name }, app.log.level === 'silent' ? {} : { level: 'info' });
}

export const bookingEventsPlugin = fp(async (app: FastifyInstance) => {
  const config = app.config;
  const registry = config.registry;
  const endpoints = config.webhooks;
  if (registry === undefined && endpoints.length === 0) {
    app.decorate('bookingEvents', { enabled: false, publish: () => undefined, queued: async () => undefined });
    return;
  }

  const policy: RetryPolicy = { firstMs: config.eventsRetryFirstMs, maxMs: config.eventsRetryMaxMs, forMs: config.eventsRetryForSeconds * 1000 };
  const keyring = createKeyring(config.sessionKeys);
  const logs = { registry: channelLogger(app, 'registry'), webhooks: channelLogger(app, 'webhooks') };
  const registryClient = registry === undefined ? undefined : createRegistryClient({
    settings: registry, timeoutMs: config.eventsTimeoutMs, allowInsecureLoopback: config.dangerouslyAllowInsecureLoopbackHttp, now: () => app.now().getTime(),
  });
  const order = createRegistryOrder(sharedStoreOf(app));
  const webhooks = createWebhookSender({ endpoints, timeoutMs: config.eventsTimeoutMs, now: () => app.now() });

  const deliveries = new Counter({
    name: 'itb_bff_event_deliveries_total',
    help: 'Tries to deliver booking events, by destination (registry, webhook) and outcome (delivered, superseded, retrying, dead)',
    labelNames: ['target', 'outcome'],
    registers: [app.telemetry.registry],
  });

  const channelOf = (job: DeliveryJob) => (job.target === 'registry' ? 'registry' : 'webhooks');
  const targetLabel = (job: DeliveryJob) => (job.target === 'registry' ? 'registry' : 'webhook');
  /** What every line about a job says: ids and codes only. */
  function describe(job: DeliveryJob, attempt: number): Record<string, unknown> {
    const line: Record<string, unknown> = { eventId: job.event.id, type: job.event.type, appointmentId: job.event.data.appointmentId, attempt };
    if (job.target !== 'registry') {
      const endpoint = endpoints.find((e) => `webhook:${e.id}` === job.target);
      line.endpoint = job.target.slice('webhook:'.length);
      if (endpoint !== undefined) line.host = new URL(endpoint.url).host;
    }
    return line;
  }

  async function deliver(job: DeliveryJob, attempt: number): Promise<void> {
    if (job.target === 'registry') {
      if (registryClient === undefined || registry === undefined) throw new DeliveryError('the registry is no longer configured', { permanent: true });
      const { data, timestamp } = job.event;
      if (await order.isSuperseded(data.appointmentId, timestamp)) {
        deliveries.inc({ target: 'registry', outcome: 'superseded' });
        logs.registry.info({ ...describe(job, attempt), outcome: 'superseded' }, 'registry pointer already newer');
        return;
      }
      const opened = job.sealedPatient === undefined ? undefined : await keyring.open(job.sealedPatient, { purpose: 'itb-registry-patient', now: app.now() });
      const system = opened?.payload.system;
      const value = opened?.payload.value;
      if (typeof system !== 'string' || typeof value !== 'string') throw new DeliveryError('the sealed patient identifier cannot be opened with the current session keys', { permanent: true });
      const identifier = pointerIdentifier(config.upstreamFhirUrl, data.appointmentId);
      const { status } = await registryClient.putPointer(registryPointer(config.upstreamFhirUrl, data, { system, value }), identifier);
      await order.written(data.appointmentId, timestamp);
      deliveries.inc({ target: 'registry', outcome: 'delivered' });
      logs.registry.info({ ...describe(job, attempt), outcome: 'delivered', status }, 'registry pointer written');
      return;
    }
    const { status } = await webhooks.send(job.target.slice('webhook:'.length), job.event);
    deliveries.inc({ target: 'webhook', outcome: 'delivered' });
    logs.webhooks.info({ ...describe(job, attempt), outcome: 'delivered', status }, 'webhook delivered');
  }

  function failed(job: DeliveryJob, attempt: number, error: unknown, final: boolean): void {
    const outcome = final ? 'dead' : 'retrying';
    deliveries.inc({ target: targetLabel(job), outcome });
    const status = error instanceof DeliveryError ? error.status : undefined;
    const line = { ...describe(job, attempt), outcome, reason: reasonOf(error), ...(status === undefined ? {} : { status }) };
    // A dead letter is the operator's to look at: its line carries what is needed to replay it by hand.
    if (final) logs[channelOf(job)].error({ ...line, jobId: jobIdOf(job) }, 'delivery dead-lettered');
    else logs[channelOf(job)].warn(line, 'delivery failed; will retry');
  }

  const memory = createMemoryQueue({ handler: deliver, policy, onFailure: failed });
  const queue: DeliveryQueue = config.redisUrl === undefined
    ? memory
    : createBullmqQueue({ redisUrl: config.redisUrl, keyPrefix: config.redisKeyPrefix, handler: deliver, policy, onFailure: failed });

  new Gauge({
    name: 'itb_bff_event_dead_letters',
    help: 'Booking-event deliveries that used up their retries (the dead-letter list: BullMQ failed set with Redis, this instance\'s memory without)',
    registers: [app.telemetry.registry],
    async collect() {
      const counts = await Promise.all([queue === memory ? 0 : queue.deadLetterCount().catch(() => 0), memory.deadLetterCount()]);
      this.set(counts[0] + counts[1]);
    },
  });

  async function enqueue(job: DeliveryJob): Promise<void> {
    try {
      await queue.add(job);
    } catch {
      // Redis is away: this instance delivers it itself (lost only if it stops before it succeeds).
      logs[channelOf(job)].warn({ eventId: job.event.id, type: job.event.type, appointmentId: job.event.data.appointmentId, queue: 'memory' }, 'shared queue unavailable; delivering from this instance');
      await memory.add(job);
    }
  }

  async function namesNow(): Promise<EventNames | undefined> {
    try {
      const { catalog } = await app.catalogSource.systemCatalog();
      return {
        clinic: (id) => catalog.clinics.get(id)?.name,
        treatment: (id) => catalog.treatments.get(id)?.title,
        practitioner: (id) => catalog.practitioners.get(id)?.name,
      };
    } catch {
      return undefined; // ids alone are still a complete event
    }
  }

  async function publishNow(change: BookingChange): Promise<void> {
    const names = await namesNow();
    const event: BookingEvent = {
      id: `msg_${randomUUID().replaceAll('-', '')}`,
      type: change.type,
      timestamp: app.now().toISOString(),
      data: bookingEventData(change.appointment, { previous: change.previous, attribution: change.attribution, ...(names === undefined ? {} : { names }) }),
    };
    const jobs: DeliveryJob[] = endpoints.map((endpoint) => ({ event, target: `webhook:${endpoint.id}` as const }));
    if (registry !== undefined) {
      const sealedPatient = await keyring.seal({ system: change.patient.system, value: change.patient.value }, {
        purpose: 'itb-registry-patient', now: app.now(), expiresAt: new Date(app.now().getTime() + SEALED_PATIENT_DAYS * 86_400_000),
      });
      jobs.unshift({ event, target: 'registry', sealedPatient });
    }
    await Promise.all(jobs.map(enqueue));
  }

  const publishing = new Set<Promise<void>>();
  app.decorate('bookingEvents', {
    enabled: true,
    publish(change) {
      const run = publishNow(change)
        .catch((error: unknown) => {
          app.log.error({ logger: 'events', appointmentId: change.appointment.id, type: change.type, reason: reasonOf(error) }, 'booking event could not be queued');
        })
        .finally(() => publishing.delete(run));
      publishing.add(run);
    },
    async queued() {
      await Promise.allSettled([...publishing]);
    },
  });

  app.addHook('onClose', async () => {
    await Promise.allSettled([...publishing]);
    await queue.close();
    if (queue !== memory) await memory.close();
  });
});
