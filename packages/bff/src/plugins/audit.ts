/**
 * The audit trail of booking changes (spec §12): one structured line per book/modify/cancel
 * attempt on a dedicated `audit` child logger. The patient is an HMAC of the personal number under
 * config.auditSalt (stable across instances, so one patient's lines can be correlated, but not
 * reversible by brute force over the small personal-number space without the salt). Names, phone
 * numbers, e-mail addresses and tokens are never passed in. Each record is also counted in the
 * bookings metric (action, outcome, reason only).
 * @module
 */
import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Attribution } from '@itb/shared';

/** What was attempted. */
export type AuditAction = 'book' | 'modify' | 'cancel';
/** How it ended: done upstream, answered from an earlier attempt, refused (4xx) or failed (5xx). */
export type AuditOutcome = 'success' | 'replayed' | 'refused' | 'failed';

/** One audit record; every field is an id, a time or a code. */
export interface AuditRecord {
  readonly action: AuditAction;
  readonly outcome: AuditOutcome;
  /** Our reason code when refused or failed. */
  readonly reason?: string | undefined;
  readonly appointmentId?: string | undefined;
  readonly clinicId?: string | undefined;
  readonly practitionerRoleId?: string | undefined;
  /** ISO start of the (new) time. */
  readonly slotStart?: string | undefined;
  /** A new booking's campaign attribution (UTM values, cleaned by `readAttributionHeader`: never personal data). */
  readonly attribution?: Attribution | undefined;
}

/** `app.audit`. */
export interface AuditLog {
  /** The pseudonym of a personal number in audit lines. */
  patientHash(personalNumber: string): string;
  record(request: FastifyRequest, personalNumber: string, record: AuditRecord): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    audit: AuditLog;
  }
}

export const auditPlugin = fp(async (app: FastifyInstance) => {
  const salt = app.config.auditSalt;
  // Audit lines are kept at info even when the operator turns general logging down to warn/error;
  // only a fully silent logger (tests, explicit opt-out) silences them.
  const silent = app.log.level === 'silent';
  const logger = app.log.child({ logger: 'audit' }, silent ? {} : { level: 'info' });
  const patientHash = (personalNumber: string) => createHmac('sha256', salt).update(personalNumber.replace(/\D/g, '')).digest('hex');

  app.decorate('audit', {
    patientHash,
    record(request, personalNumber, record) {
      app.telemetry.booking(record.action, record.outcome, record.reason);
      logger.info({
        action: record.action,
        outcome: record.outcome,
        reason: record.reason,
        appointmentId: record.appointmentId,
        clinicId: record.clinicId,
        practitionerRoleId: record.practitionerRoleId,
        slotStart: record.slotStart,
        attribution: record.attribution,
        patient: patientHash(personalNumber),
        requestId: request.id,
        at: app.now().toISOString(),
      }, 'audit');
    },
  } satisfies AuditLog);
}, { fastify: '5.x', name: 'itb-audit', dependencies: ['itb-telemetry'] });
