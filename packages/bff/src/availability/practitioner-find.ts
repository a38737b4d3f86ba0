/**
 * One upstream `$find` for one practitioner (ITB answers for one at a time, spec §5.2.1), through
 * the instance's availability cache: what the `$find` route fans out to, and what `$book` asks
 * to learn which times ITB offers right now.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import type { Bundle } from '@itb/shared';
import { OutcomeError } from '../errors.js';

/** What one practitioner's `$find` is asked (ids without their `Type/` prefix). */
export interface PractitionerFindQuery {
  readonly practitionerRoleId: string;
  readonly clinicId: string | undefined;
  readonly start: string;
  readonly end: string;
  readonly visitType: string | undefined;
}

function findRefusal(status: number): OutcomeError {
  const cause = new Error(`GET Appointment/$find answered ${status}`);
  if (status === 400) return new OutcomeError('invalid-parameter', 'The booking system rejected the search.', { cause });
  return new OutcomeError('upstream-unavailable', 'The booking system could not search times.', { cause });
}

/** The practitioner's `$find` answer (cached briefly, concurrent identical calls coalesced). */
export async function findForPractitioner(app: FastifyInstance, q: PractitionerFindQuery): Promise<Bundle> {
  const query: Record<string, string> = { start: q.start, end: q.end };
  if (q.visitType !== undefined) query['visit-type'] = q.visitType;
  if (q.clinicId !== undefined) query['healthcareService'] = `HealthcareService/${q.clinicId}`;
  query['practitionerRole'] = `PractitionerRole/${q.practitionerRoleId}`;
  return app.availabilityCache.get(q.practitionerRoleId, query, async () => {
    const response = await app.upstream.request<Bundle>({ path: 'Appointment/$find', query, auth: 'system', retry: true });
    if (response.status !== 200) throw findRefusal(response.status);
    if (response.body?.resourceType !== 'Bundle') throw new OutcomeError('upstream-invalid', 'The booking system sent an unreadable answer.');
    return response.body;
  });
}
