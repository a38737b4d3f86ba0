/**
 * The three `$book` intents as the BFF runs them: rules checked first (422 before anything goes
 * upstream), modify/cancel only on an appointment the session's patient owns (else 404, nothing
 * sent), the patient always built from the session, and the upstream answer read into one shape.
 * @module
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  REASON_STATUS, buildBookParameters, buildCancelAppointment, buildCreateAppointment, buildModifyAppointment,
  buildPortalPatient, canBookTime, canCancel, canReschedule, contactOf, readBookingConfirmation, isOldEnough, isResourceId, participantId, readBookResult,
  readBookingRules, slotIdentifierOf, treatmentIdOf,
  type Appointment, type Bundle, type BundleEntry, type ContactDetails, type HealthcareService, type PatientContact,
  type ReasonCode, type RuleDecision,
} from '@itb/shared';
import { OutcomeError, isOutcomeError } from '../errors.js';
import type { PatientSession } from '../plugins/session.js';
import { belongsTo, ownAppointments, ownPatient } from './ownership.js';
import { patientRequest } from './patient-upstream.js';
import { namedTime, offeredTime, type NamedTime, type OfferedTime } from './offered-time.js';

/** What the route hands over after validating the body (everything checkable without I/O is checked). */
export interface BookInput {
  readonly appointment: Appointment;
  /** The submitted contact details, already checked (a malformed phone or e-mail never got this far). */
  readonly contact: PatientContact;
  readonly comment?: string | undefined;
}

/** A successful answer, and whether it came from an earlier attempt (found upstream, not booked now). */
export interface BookAnswer {
  readonly bundle: Bundle;
  readonly appointment: Appointment;
  readonly replayed: boolean;
  /** A reschedule's booking as it was before (its earlier time), when this attempt made the change. */
  readonly previous?: Appointment | undefined;
}

/** Ids for the audit line, filled in as the flow learns them. */
export interface BookTrace {
  appointmentId?: string | undefined;
  clinicId?: string | undefined;
  practitionerRoleId?: string | undefined;
  slotStart?: string | undefined;
}

interface Flow {
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
  readonly session: PatientSession;
  readonly trace: BookTrace;
}

function refuse(decision: RuleDecision): void {
  if (!decision.ok) throw new OutcomeError(decision.reason, 'The booking rules of the clinic do not allow this.', { detail: decision.reason });
}

/** Same time as `wanted`: the same slot id, or the same start with the same practitioner. */
function sameTime(candidate: Appointment, wanted: Appointment): boolean {
  const slot = slotIdentifierOf(wanted);
  if (slot !== undefined && slotIdentifierOf(candidate) === slot) return true;
  const start = wanted.start === undefined ? NaN : Date.parse(wanted.start);
  return candidate.start !== undefined && Date.parse(candidate.start) === start
    && participantId(candidate, 'PractitionerRole') === participantId(wanted, 'PractitionerRole');
}

function successBundle(flow: Flow, appointment: Appointment, extra: readonly BundleEntry[] = []): Bundle {
  const fullUrl = appointment.id === undefined ? undefined : flow.request.server.publicLinks.fullUrlOf('Appointment', appointment.id);
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: 1,
    entry: [
      { ...(fullUrl === undefined ? {} : { fullUrl }), resource: appointment, search: { mode: 'match' } },
      ...extra,
    ],
  };
}

/** A catalog read with the system token: the instance's cache when BFF-core provides one. */
async function systemRead<T>(flow: Flow, path: string): Promise<T | undefined> {
  const app = flow.request.server;
  if (app.hasDecorator('catalogSource')) {
    try {
      return (await app.catalogSource.read(path)).body as T;
    } catch (error) {
      if (isOutcomeError(error) && error.status < 500) return undefined;
      throw error;
    }
  }
  const answer = await app.upstream.request<T>({ path, auth: 'system', retry: true });
  return answer.status === 200 ? answer.body : undefined;
}

/** An inactive clinic is never booked (spec §13.29); cancelling a booking there stays possible. */
function refuseInactiveClinic(clinic: HealthcareService): void {
  if (clinic.active === false) throw new OutcomeError('clinic-inactive', 'This clinic is not taking bookings.');
}

/** The clinic of a booking as ITB has it (the booking is ITB's data, read with the patient's token). */
async function clinicOfBooking(flow: Flow, booking: Appointment): Promise<HealthcareService> {
  const clinicId = participantId(booking, 'HealthcareService');
  if (!isResourceId(clinicId)) throw new OutcomeError('upstream-invalid', 'The booking names no clinic.');
  const clinic = await systemRead<HealthcareService>(flow, `HealthcareService/${clinicId}`);
  if (clinic?.resourceType !== 'HealthcareService') throw new OutcomeError('upstream-invalid', 'The booking names an unknown clinic.');
  flow.trace.clinicId = clinicId;
  return clinic;
}

/** The patient's own appointment `id` as ITB has it now; 404 for anyone else's or a missing one. */
async function ownedBooking(flow: Flow, id: string | undefined): Promise<Appointment> {
  if (!isResourceId(id)) throw new OutcomeError('not-found', 'No such appointment.');
  const answer = await patientRequest<Appointment>(flow.request, flow.reply, { path: `Appointment/${id}`, retry: true });
  if (answer.status !== 200 || answer.body?.resourceType !== 'Appointment' || !belongsTo(answer.body, flow.session.identity.personalNumber)) {
    throw new OutcomeError('not-found', 'No such appointment.');
  }
  return answer.body;
}

/** The patient's own booked appointment at the same time as `wanted`, if ITB already has one. */
async function existingBooking(flow: Flow, wanted: Appointment): Promise<Appointment | undefined> {
  const answer = await patientRequest(flow.request, flow.reply, { path: 'Appointment', retry: true });
  if (answer.status !== 200) return undefined;
  return ownAppointments(answer.body, flow.session.identity.personalNumber)
    .find((candidate) => candidate.status === 'booked' && sameTime(candidate, wanted));
}

/** Contact details: the submitted ones, else what ITB has on file for the patient. */
async function contactDetails(flow: Flow, input: BookInput): Promise<ContactDetails> {
  const submitted = input.contact;
  let mobilePhone = submitted.mobilePhone;
  let email = submitted.email;
  if (mobilePhone === undefined) {
    const answer = await patientRequest(flow.request, flow.reply, { path: 'Patient', retry: true });
    const onFile = answer.status === 200 ? ownPatient(answer.body, flow.session.identity.personalNumber) : undefined;
    const contact = contactOf(onFile);
    mobilePhone = contact.mobilePhone;
    email ??= contact.email;
  }
  if (mobilePhone === undefined) throw new OutcomeError('invalid-parameter', 'A mobile phone number is required (patient-resource telecom).');
  return {
    mobilePhone,
    ...(email === undefined ? {} : { email }),
    confirmation: readBookingConfirmation(input.appointment),
    ...(submitted.consentToMarketing === undefined ? {} : { consentToMarketing: submitted.consentToMarketing }),
  };
}

function upstreamFailure(flow: Flow, status: number, reason: ReasonCode, detail: string | undefined): OutcomeError {
  if (status === 401) {
    flow.reply.clearSession();
    return new OutcomeError('login-required', 'The sign-in is no longer valid; sign in again.');
  }
  if (status === 409) return new OutcomeError('slot-taken', 'The chosen time is no longer free; pick another time.');
  if (status === 422) {
    const rule = REASON_STATUS[reason] === 422 ? reason : 'rule-violation';
    return new OutcomeError(rule, 'The booking service refused the booking under its rules.', { detail: detail ?? rule });
  }
  if (status === 404) return new OutcomeError('not-found', 'No such appointment.');
  if (status === 403) return new OutcomeError('forbidden', 'The booking service did not allow this.');
  if (status === 429) return new OutcomeError('rate-limited', 'The booking service is busy; try again shortly.');
  if (status >= 400 && status < 500) return new OutcomeError('invalid-parameter', 'The booking service refused the request as invalid.');
  return new OutcomeError('upstream-invalid', 'The booking service gave an unexpected answer.');
}

/** POST the Parameters upstream and read the answer; failures become OutcomeErrors. */
async function send(flow: Flow, appointment: Appointment, contact: ContactDetails, comment: string | undefined, previous?: Appointment): Promise<{ ok: true; answer: BookAnswer } | { ok: false; error: OutcomeError; status: number }> {
  const identity = flow.session.identity;
  const patient = buildPortalPatient(identity, contact);
  const answer = await patientRequest(flow.request, flow.reply, {
    method: 'POST',
    path: 'Appointment/$book',
    body: buildBookParameters(appointment, patient, comment),
  });
  // Whatever ITB answered, this practitioner's cached times may now be wrong (taken, moved, freed).
  flow.request.server.availabilityCache.forget(participantId(appointment, 'PractitionerRole'), previous === undefined ? undefined : participantId(previous, 'PractitionerRole'));
  const result = readBookResult(answer.body, answer.status);
  if (result.ok) {
    const outcomes = ((answer.body as Bundle | undefined)?.entry ?? []).filter((e) => e.resource?.resourceType === 'OperationOutcome');
    flow.trace.appointmentId = result.appointment.id ?? flow.trace.appointmentId;
    return { ok: true, answer: { bundle: successBundle(flow, result.appointment, outcomes), appointment: result.appointment, replayed: false, previous } };
  }
  return { ok: false, status: answer.status, error: upstreamFailure(flow, answer.status, result.problem.reason, result.problem.detail) };
}

/**
 * Create. The BFF is stateless and may run as several instances with no shared store, so the
 * per-instance idempotency map cannot see a retry that lands on another instance. ITB itself is
 * the only shared state: before booking we look for the patient's own booked appointment at the
 * same time (slot id, or start + practitioner), and after a 409 we look again, because the "taken"
 * slot may have been taken by this very patient's earlier attempt on another instance (or a
 * request that timed out after ITB had booked). Either way the patient gets that appointment as
 * the answer instead of a second booking or a false "slot taken".
 */
export async function createBooking(flow: Flow, input: BookInput): Promise<BookAnswer> {
  const now = flow.request.server.now();
  flow.trace.practitionerRoleId = participantId(input.appointment, 'PractitionerRole');
  flow.trace.slotStart = input.appointment.start;
  const offered = await offeredOrMine(flow, namedTime(input.appointment));
  if ('replay' in offered) return offered.replay;
  const { clinic } = offered;
  flow.trace.clinicId = clinic.id;
  const birthDate = flow.session.identity.birthDate;
  if (birthDate !== undefined) refuse(isOldEnough(clinic.bookingRules, birthDate, now));
  refuse(canBookTime(clinic.bookingRules, new Date(offered.appointment.start as string), now));
  const contact = await contactDetails(flow, input);
  const appointment = buildCreateAppointment(offered.appointment, {
    clinicId: clinic.id,
    patient: flow.session.identity,
    confirmation: contact.confirmation,
    ...(contact.consentToMarketing === undefined ? {} : { consentToMarketing: contact.consentToMarketing }),
  });
  const sent = await send(flow, appointment, contact, input.comment);
  if (sent.ok) return sent.answer;
  if (sent.status === 409) {
    const mine = await existingBooking(flow, offered.appointment);
    if (mine !== undefined) return replayOf(flow, mine);
  }
  throw sent.error;
}

function replayOf(flow: Flow, booking: Appointment): BookAnswer {
  flow.trace.appointmentId = booking.id;
  return { bundle: successBundle(flow, booking), appointment: booking, replayed: true };
}

/**
 * The offered time the browser names, or, when ITB no longer offers it because this patient already
 * booked it (a retry on another instance, or after a lost answer), that booking to answer with.
 */
async function offeredOrMine(flow: Flow, named: NamedTime): Promise<OfferedTime | { replay: BookAnswer }> {
  try {
    return await offeredTime(flow.request, named);
  } catch (error) {
    if (!isOutcomeError(error) || error.reason !== 'slot-taken') throw error;
    const mine = await existingBooking(flow, named.requested);
    if (mine === undefined) throw error;
    return { replay: replayOf(flow, mine) };
  }
}

/** Modify (reschedule) the patient's own appointment to the time in `input.appointment`. */
export async function modifyBooking(flow: Flow, input: BookInput): Promise<BookAnswer> {
  const now = flow.request.server.now();
  const newTime = input.appointment;
  flow.trace.appointmentId = newTime.id;
  flow.trace.slotStart = newTime.start;
  // Everything the browser names is checked before ITB is asked anything.
  const named = namedTime(newTime);
  const booking = await ownedBooking(flow, newTime.id);
  flow.trace.practitionerRoleId = participantId(newTime, 'PractitionerRole') ?? participantId(booking, 'PractitionerRole');
  if (booking.status === 'cancelled') throw new OutcomeError('already-cancelled', 'This appointment is cancelled.', { detail: 'already-cancelled' });
  // Already at the requested time (e.g. a retry on another instance after ITB applied the change).
  if (booking.start !== undefined && Date.parse(booking.start) === named.start && sameTime(booking, newTime)) {
    return replayOf(flow, booking);
  }
  const current = await clinicOfBooking(flow, booking);
  refuseInactiveClinic(current);
  refuse(canReschedule({ rules: readBookingRules(current), appointment: booking, now }));
  // The new time: offered by ITB, at the booking's clinic, for the booking's treatment.
  const offered = await offeredTime(flow.request, named, { clinicId: flow.trace.clinicId, treatmentId: treatmentIdOf(booking) });
  refuse(canBookTime(offered.clinic.bookingRules, new Date(offered.appointment.start as string), now));
  const contact = await contactDetails(flow, input);
  const sent = await send(flow, buildModifyAppointment(booking, offered.appointment), contact, input.comment, booking);
  if (sent.ok) return sent.answer;
  throw sent.error;
}

/** Cancel the patient's own appointment; one already cancelled is answered with its current state. */
export async function cancelBooking(flow: Flow, input: BookInput): Promise<BookAnswer> {
  const now = flow.request.server.now();
  flow.trace.appointmentId = input.appointment.id;
  const booking = await ownedBooking(flow, input.appointment.id);
  flow.trace.slotStart = booking.start;
  flow.trace.practitionerRoleId = participantId(booking, 'PractitionerRole');
  const clinic = await clinicOfBooking(flow, booking);
  if (booking.status === 'cancelled') return replayOf(flow, booking);
  refuse(canCancel({ rules: readBookingRules(clinic), appointment: booking, now }));
  const contact = await contactDetails(flow, input);
  const sent = await send(flow, buildCancelAppointment(booking), contact, input.comment);
  if (sent.ok) return sent.answer;
  throw sent.error;
}

export type { Flow as BookFlow };
