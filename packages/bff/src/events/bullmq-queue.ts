/**
 * The Redis delivery queue (BullMQ): jobs survive a restart of any BFF instance, each is handled by
 * one instance's worker at a time, and a retry is the same job (so a webhook retry carries the same
 * `webhook-id`). A job that used up its retries stays in BullMQ's failed set: the dead-letter list.
 * @module
 */
import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { DeliveryError } from './delivery-error.js';
import { Redis } from 'ioredis';
import { attemptsFor, retryDelayMs, type RetryPolicy } from './retry-policy.js';
import { jobIdOf, type DeliveryHandler, type DeliveryJob, type DeliveryQueue, type FailureListener } from './delivery-queue.js';

const QUEUE_NAME = 'booking-events';
/** Completed jobs kept for a day (at most this many) to answer "was it delivered?" in redis-cli. */
const COMPLETED_KEPT = { age: 86_400, count: 10_000 };

export interface BullmqQueueOptions {
  readonly redisUrl: string;
  /** Key prefix of this deployment (ITB_REDIS_KEY_PREFIX); BullMQ's keys go under `<prefix>bull:`. */
  readonly keyPrefix: string;
  readonly handler: DeliveryHandler;
  readonly policy: RetryPolicy;
  readonly onFailure: FailureListener;
  /** Deliveries one instance runs at once. */
  readonly concurrency?: number;
}

export function createBullmqQueue(options: BullmqQueueOptions): DeliveryQueue {
  const attempts = attemptsFor(options.policy);
  const prefix = `${options.keyPrefix}bull`;
  // Adding fails fast while Redis is away (the caller falls back); the worker's blocking connection
  // waits and reconnects instead, as BullMQ requires (no per-request retry limit).
  const queueConnection = new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
  const workerConnection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  // Errors are reported through the failed adds and the worker's events; unhandled 'error' events would crash.
  queueConnection.on('error', () => undefined);
  workerConnection.on('error', () => undefined);

  const queue = new Queue<DeliveryJob>(QUEUE_NAME, { connection: queueConnection, prefix });
  queue.on('error', () => undefined);
  const worker = new Worker<DeliveryJob>(
    QUEUE_NAME,
    async (job: Job<DeliveryJob>) => {
      try {
        await options.handler(job.data, job.attemptsMade + 1);
      } catch (error) {
        // BullMQ's way to skip the remaining retries.
        if (error instanceof DeliveryError && error.permanent) throw new UnrecoverableError(error.message);
        throw error;
      }
    },
    {
      connection: workerConnection,
      prefix,
      concurrency: options.concurrency ?? 4,
      // A job whose instance died mid-try is "stalled" and picked up again; BullMQ's default (1) would
      // send a job that stalls twice straight to the failed set, skipping its retries.
      maxStalledCount: 10,
      settings: { backoffStrategy: (attemptsMade: number) => retryDelayMs(attemptsMade, options.policy) },
    },
  );
  worker.on('error', () => undefined);
  worker.on('failed', (job, error) => {
    if (job === undefined) return;
    const permanent = error instanceof UnrecoverableError;
    const final = permanent || job.attemptsMade >= (job.opts.attempts ?? 1);
    options.onFailure(job.data, job.attemptsMade, permanent ? new DeliveryError(error.message, { permanent }) : error, final);
  });

  return {
    kind: 'redis',
    async add(job) {
      await queue.add('delivery', job, {
        jobId: jobIdOf(job),
        attempts,
        backoff: { type: 'itb' },
        removeOnComplete: COMPLETED_KEPT,
        removeOnFail: false,
      });
    },
    async deadLetterCount() {
      return queue.getFailedCount();
    },
    async close() {
      await worker.close();
      await queue.close();
      queueConnection.disconnect();
      workerConnection.disconnect();
    },
  };
}
