/**
 * `POST /fhir/Appointment/$book`: create, modify or cancel for the signed-in patient. The body is
 * FHIR Parameters (appointment-resource, optional patient-resource for contact details only,
 * optional comment); the patient's identity always comes from the session. Retries are safe: the
 * same `Idempotency-Key` (required for create) answers with the same result, and book-flow.ts
 * makes a retry on another instance find the first booking instead of making a second.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ATTRIBUTION_HEADER, IDEMPOTENCY_HEADER, bookingIntent, isEmptyAttribution, readAttributionHeader, readBookParameters, type BookingEventType, type BookingIntent } from '@itb/shared';
import { OutcomeError, isOutcomeError } from '../errors.js';
import { FHIR_JSON } from '../plugins/errors.js';
import { fingerprintOf } from '../plugins/idempotency.js';
import type { AuditAction } from '../plugins/audit.js';
import { checkedContactOf } from '../booking/contact.js';
import { cancelBooking, createBooking, modifyBooking, type BookAnswer, type BookFlow, type BookInput, type BookTrace } from '../booking/book-flow.js';

/** Longest comment a patient may leave for the clinic. */
export const COMMENT_MAX_LENGTH = 1000;
const KEY_PATTERN = /^[\x21-\x7e]{8,200}$/;

const parameter = z.looseObject({
  name: z.string().max(100),
  resource: z.looseObject({ resourceType: z.string().max(64) }).optional(),
  valueString: z.string().max(COMMENT_MAX_LENGTH).optional(),
});
const bookBody = z.looseObject({
  resourceType: z.literal('Parameters'),
  parameter: z.array(parameter).min(1).max(10),
});

const ACTIONS: Readonly<Record<BookingIntent, AuditAction>> = { create: 'book', modify: 'modify', cancel: 'cancel' };
const EVENTS: Readonly<Record<BookingIntent, BookingEventType>> = { create: 'booking.created', modify: 'booking.rescheduled', cancel: 'booking.cancelled' };
const RUNNERS: Readonly<Record<BookingIntent, (flow: BookFlow, input: BookInput) => Promise<BookAnswer>>> = {
  create: createBooking,
  modify: modifyBooking,
  cancel: cancelBooking,
};

export async function bookRoutes(parent: FastifyInstance): Promise<void> {
  if (!parent.hasContentTypeParser('application/fhir+json')) {
    parent.addContentTypeParser('application/fhir+json', { parseAs: 'string' }, parent.getDefaultJsonParser('error', 'error'));
  }
  const app = parent.withTypeProvider<ZodTypeProvider>();

  app.post('/fhir/Appointment/$book', {
    schema: { body: bookBody },
    preParsing: app.requirePatient,
    config: { rateLimit: { max: app.config.rateLimitBookPerMinute, timeWindow: 60_000 } },
  }, async (request, reply) => {
    const session = request.session!;
    const read = readBookParameters(request.body);
    if (!read.ok) throw new OutcomeError('invalid-parameter', 'The $book Parameters are not valid.', { detail: read.problem.reason });
    let intent: BookingIntent | undefined;
    try {
      intent = bookingIntent(read.appointment);
    } catch {
      intent = undefined;
    }
    if (intent === undefined) throw new OutcomeError('invalid-parameter', 'The appointment status must be pending (create), booked (modify) or cancelled (cancel).');
    const rawKey = request.headers[IDEMPOTENCY_HEADER.toLowerCase()];
    const key = typeof rawKey === 'string' ? rawKey : undefined;
    if (key !== undefined && !KEY_PATTERN.test(key)) throw new OutcomeError('invalid-parameter', `Header '${IDEMPOTENCY_HEADER}' must be 8–200 visible ASCII characters.`);
    if (key === undefined && intent === 'create') throw new OutcomeError('invalid-parameter', `Header '${IDEMPOTENCY_HEADER}' is required to book.`);
    // Campaign attribution belongs to new bookings only; a bad value is dropped, never refused.
    const sent = intent === 'create' ? readAttributionHeader(request.headers[ATTRIBUTION_HEADER.toLowerCase()]) : {};
    const attribution = isEmptyAttribution(sent) ? undefined : sent;

    const input: BookInput = { appointment: read.appointment, contact: checkedContactOf(read.patient), comment: read.comment };
    const trace: BookTrace = {};
    const flow: BookFlow = { request, reply, session, trace };
    const personalNumber = session.identity.personalNumber.value;
    let ranHere = false;
    const work = () => {
      ranHere = true;
      return RUNNERS[intent](flow, input);
    };
    try {
      const answer = key === undefined
        ? await work()
        : await app.idempotency.run(`${session.identity.personalNumber.system}|${personalNumber}`, `${intent}:${key}`, fingerprintOf(request.body), work);
      app.audit.record(request, personalNumber, {
        action: ACTIONS[intent],
        outcome: answer.replayed || !ranHere ? 'replayed' : 'success',
        attribution,
        ...trace,
        appointmentId: answer.appointment.id ?? trace.appointmentId,
      });
      // Once the answer is on its way, and only by the attempt that made the change (a replay's first attempt published it).
      if (ranHere && !answer.replayed) {
        const change = { type: EVENTS[intent], appointment: answer.appointment, previous: answer.previous, attribution, patient: session.identity.personalNumber };
        void reply.then(() => app.bookingEvents.publish(change), () => app.bookingEvents.publish(change));
      }
      return reply.code(200).type(FHIR_JSON).header('cache-control', 'no-store').send(app.publicLinks.toJson(answer.bundle));
    } catch (error) {
      const status = isOutcomeError(error) ? error.status : 500;
      app.audit.record(request, personalNumber, {
        action: ACTIONS[intent],
        outcome: status < 500 ? 'refused' : 'failed',
        reason: isOutcomeError(error) ? error.reason : 'internal',
        attribution,
        ...trace,
      });
      throw error;
    }
  });
}
