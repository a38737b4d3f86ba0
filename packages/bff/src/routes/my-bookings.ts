/**
 * "My bookings" (spec §6.7, §11.6): the signed-in patient's appointments and Patient, read with the
 * patient's token and filtered again here to the session's personal number. An appointment of
 * someone else answers exactly like one that does not exist.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OutcomeError } from '../errors.js';
import { appointmentBundle, belongsTo, ownAppointments, ownPatient } from '../booking/ownership.js';
import { patientRequest } from '../booking/patient-upstream.js';
import type { Appointment } from '@itb/shared';
import { FHIR_JSON } from '../plugins/errors.js';
import { fhirId, parseDateOrDateTime } from '../fhir/schemas.js';
import { pageOf, pagingParams } from '../fhir/paging.js';
import { searchOf } from '../fhir/search-honesty.js';

const STATUSES = ['proposed', 'pending', 'booked', 'arrived', 'fulfilled', 'cancelled', 'noshow', 'entered-in-error', 'checked-in', 'waitlist'] as const;
const statusList = z.string().max(200).refine(
  (value) => value.split(',').every((s) => (STATUSES as readonly string[]).includes(s)),
  `must be a comma list of ${STATUSES.join(', ')}`,
);
// The prefixes ITB's Appointment search takes (IHE ITI-118: eq, ge, gt, le, lt).
const DATE_PREFIX = /^(eq|gt|lt|ge|le)?/;
const dateParam = z.string().max(40).refine(
  (value) => parseDateOrDateTime(value.replace(DATE_PREFIX, '')) !== undefined,
  'must be a FHIR date (or dateTime with a zone) with an optional prefix, e.g. ge2026-01-01',
);

const listQuery = z.object({
  status: statusList.optional(),
  date: z.union([dateParam, z.array(dateParam).max(2)]).optional(),
  ...pagingParams,
});
const idParams = z.object({ id: fhirId });

export async function myBookingsRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const links = app.publicLinks;

  app.get('/fhir/Appointment', { schema: { querystring: listQuery }, preParsing: app.requirePatient }, async (request, reply) => {
    const session = request.session!;
    const search = searchOf(request, `${app.config.publicUrl}/fhir/Appointment`, listQuery, pageOf(request.query));
    const answer = await patientRequest(request, reply, {
      path: 'Appointment',
      query: { status: request.query.status, date: request.query.date },
      retry: true,
    });
    // A 4xx here is ITB refusing the search itself; anything else is ITB failing.
    if (answer.status >= 400 && answer.status < 500) throw new OutcomeError('invalid-parameter', 'The booking service refused this search.');
    if (answer.status !== 200) throw new OutcomeError('upstream-invalid', 'The booking service could not list your appointments.');
    const mine = ownAppointments(answer.body, session.identity.personalNumber);
    return reply.type(FHIR_JSON).header('cache-control', 'no-store').send(links.toJson(search.finish(appointmentBundle(mine, links))));
  });

  app.get('/fhir/Appointment/:id', { schema: { params: idParams }, preParsing: app.requirePatient }, async (request, reply) => {
    const session = request.session!;
    const answer = await patientRequest<Appointment>(request, reply, { path: `Appointment/${request.params.id}`, retry: true });
    if (answer.status !== 200 || answer.body?.resourceType !== 'Appointment' || !belongsTo(answer.body, session.identity.personalNumber)) {
      throw new OutcomeError('not-found', 'No such appointment.');
    }
    return reply.type(FHIR_JSON).header('cache-control', 'no-store').send(links.toJson(answer.body));
  });

  app.get('/fhir/Patient/me', { preParsing: app.requirePatient }, async (request, reply) => {
    const session = request.session!;
    const answer = await patientRequest(request, reply, { path: 'Patient', retry: true });
    const patient = answer.status === 200 ? ownPatient(answer.body, session.identity.personalNumber) : undefined;
    if (patient === undefined) throw new OutcomeError('not-found', 'The booking service has no patient record for you yet.');
    return reply.type(FHIR_JSON).header('cache-control', 'no-store').send(links.toJson(patient));
  });
}
