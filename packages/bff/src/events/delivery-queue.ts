/**
 * The queue booking events travel through on their way out of the BFF: one job per event and
 * destination (the registry, or one webhook endpoint), so a receiver that is down delays only its
 * own deliveries. Two implementations with one retry policy: BullMQ on Redis (survives restarts,
 * shared by every instance) and in memory (one instance; lost on restart).
 * @module
 */
import type { BookingEvent } from '@itb/shared';

/** Where one delivery goes: the registry, or a webhook endpoint by its id. */
export type DeliveryTarget = 'registry' | `webhook:${string}`;

/** One delivery of one event. */
export interface DeliveryJob {
  readonly event: BookingEvent;
  readonly target: DeliveryTarget;
  /** Registry jobs: the patient's identifier, sealed with the session keys (never in clear at rest). */
  readonly sealedPatient?: string;
}

/** A stable id per event and target: adding the same job twice queues it once. */
export function jobIdOf(job: DeliveryJob): string {
  return `${job.event.id}.${job.target.replace(':', '-')}`;
}

/** Delivers one job; throws to have it retried. `attempt` counts from 1. */
export type DeliveryHandler = (job: DeliveryJob, attempt: number) => Promise<void>;

/** Told about every failed try; `final` when it was the last and the job is now dead-lettered. */
export type FailureListener = (job: DeliveryJob, attempt: number, error: unknown, final: boolean) => void;

export interface DeliveryQueue {
  /** Which implementation, for logs and `/readyz`-style reports. */
  readonly kind: 'redis' | 'memory';
  /** Queue a job (resolves once it is stored). */
  add(job: DeliveryJob): Promise<void>;
  /** Jobs that used up their retries. */
  deadLetterCount(): Promise<number>;
  /** Stop taking work; lets tries under way finish. */
  close(): Promise<void>;
}
