/**
 * The three `$book` intents as the BFF runs them: rules checked first (422 before anything goes
 * upstream), modify/cancel only on an appointment the session's patient owns (else 404, nothing
 * sent), the patient always built from the session, and the upstream answer read into one shape.
 * @module
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  EXT, REASON_STATUS, SYSTEM, buildBookParameters, buildCancelAppointment, buildCreateAppointment, buildModifyAppointment,
  buildPortalPatient, canBookTime, isResourceId, referenceId, canCancel, canReschedule, isExtension, isOldEnough, offersFor, participantId, readBookResult,
  readBookingRules, sameCanonical, treatmentIdOf,
  type Appointment, type Bundle, type BundleEntry, type ContactDetails, type HealthcareService, type Patient, type PractitionerRole,
  type ReasonCode, type RuleDecision,
} from '@itb/shared';
import { OutcomeError, isOutcomeError } from '../errors.js';
import type { PatientSession } from '../plugins/session.js';
import { confirmationFrom, contactFrom } from './contact.js';
import { belongsTo, ownAppointments, ownPatient } from './ownership.js';
import { patientRequest } from './patient-upstream.js';

/** What the route hands over after validating the body. */
export interface BookInput {
  readonly appointment: Appointment;
  readonly patient?: Patient | undefined;
  readonly comment?: string | undefined;
}

/** A successful answer, and whether it came from an earlier attempt (found upstream, not booked now). */
export interface BookAnswer {
  readonly bundle: Bundle;
  readonly appointment: Appointment;
  readonly replayed: boolean;
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

function slotIdOf(appointment: Appointment): string | undefined {
  return (appointment.identifier ?? []).find((i) => sameCanonical(i.system, SYSTEM.slotId))?.value;
}

/** Same time as `wanted`: the same slot id, or the same start with the same practitioner. */
function sameTime(candidate: Appointment, wanted: Appointment): boolean {
  const slot = slotIdOf(wanted);
  if (slot !== undefined && slotIdOf(candidate) === slot) return true;
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

/**
 * An offer that is offline (spec §11.3) cannot be booked; refuse before ITB does. When the catalog
 * cannot be read, ITB's own answer decides.
 */
async function refuseOfflineOffer(flow: Flow, time: Appointment, clinicId: string): Promise<void> {
  const app = flow.request.server;
  const treatmentId = treatmentIdOf(time);
  const roleId = participantId(time, 'PractitionerRole');
  if (!app.hasDecorator('catalogSource') || treatmentId === undefined || roleId === undefined) return;
  let offers;
  try {
    offers = offersFor((await app.catalogSource.systemCatalog()).catalog, clinicId, treatmentId).filter((o) => o.practitionerRoleId === roleId);
  } catch {
    return;
  }
  if (offers.length > 0 && offers.every((o) => !o.isOnline)) {
    throw new OutcomeError('offer-offline', 'This treatment cannot be booked online right now.');
  }
}

async function clinicOf(flow: Flow, appointment: Appointment): Promise<HealthcareService> {
  let clinicId = participantId(appointment, 'HealthcareService');
  if (clinicId === undefined) {
    const roleId = participantId(appointment, 'PractitionerRole');
    const role = roleId === undefined ? undefined : await systemRead<PractitionerRole>(flow, `PractitionerRole/${roleId}`);
    clinicId = role?.healthcareService?.map((service) => referenceId(service, 'HealthcareService')).find((id) => id !== undefined);
  }
  if (!isResourceId(clinicId)) throw new OutcomeError('invalid-parameter', 'The appointment names no clinic.');
  const clinic = await systemRead<HealthcareService>(flow, `HealthcareService/${clinicId}`);
  if (clinic?.resourceType !== 'HealthcareService') throw new OutcomeError('invalid-parameter', 'The appointment names an unknown clinic.');
  flow.trace.clinicId = clinicId;
  return clinic;
}

/** An inactive clinic is never booked (spec §13.29); cancelling a booking there stays possible. */
function refuseInactiveClinic(clinic: HealthcareService): void {
  if (clinic.active === false) throw new OutcomeError('clinic-inactive', 'This clinic is not taking bookings.');
}

function hasExternalBooking(clinic: HealthcareService): boolean {
  const info = (clinic.extension ?? []).find((e) => isExtension(e.url, EXT.clinicInfo));
  return info?.extension?.find((e) => e.url === 'hasExternalBooking')?.valueBoolean === true;
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
  const submitted = contactFrom(input.patient);
  let mobilePhone = submitted.mobilePhone;
  let email = submitted.email;
  if (mobilePhone === undefined) {
    const answer = await patientRequest(flow.request, flow.reply, { path: 'Patient', retry: true });
    const onFile = answer.status === 200 ? ownPatient(answer.body, flow.session.identity.personalNumber) : undefined;
    const contact = onFile === undefined ? {} : contactFrom({ resourceType: 'Patient', telecom: onFile.telecom ?? [] });
    mobilePhone = contact.mobilePhone;
    email ??= contact.email;
  }
  if (mobilePhone === undefined) throw new OutcomeError('invalid-parameter', 'A mobile phone number is required (patient-resource telecom).');
  return {
    mobilePhone,
    ...(email === undefined ? {} : { email }),
    confirmation: confirmationFrom(input.appointment),
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
    return { ok: true, answer: { bundle: successBundle(flow, result.appointment, outcomes), appointment: result.appointment, replayed: false } };
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
  const time = input.appointment;
  const now = flow.request.server.now();
  flow.trace.practitionerRoleId = participantId(time, 'PractitionerRole');
  flow.trace.slotStart = time.start;
  if (time.start === undefined || Number.isNaN(Date.parse(time.start))) throw new OutcomeError('invalid-parameter', 'The appointment has no valid start.');
  const clinic = await clinicOf(flow, time);
  refuseInactiveClinic(clinic);
  if (hasExternalBooking(clinic)) throw new OutcomeError('external-booking', 'This clinic is booked through another service.');
  await refuseOfflineOffer(flow, time, flow.trace.clinicId as string);
  const rules = readBookingRules(clinic);
  const birthDate = flow.session.identity.birthDate;
  if (birthDate !== undefined) refuse(isOldEnough(rules, birthDate, now));
  refuse(canBookTime(rules, new Date(time.start), now));
  const contact = await contactDetails(flow, input);

  const earlier = await existingBooking(flow, time);
  if (earlier !== undefined) {
    flow.trace.appointmentId = earlier.id;
    return { bundle: successBundle(flow, earlier), appointment: earlier, replayed: true };
  }
  const appointment = buildCreateAppointment(time, {
    clinicId: flow.trace.clinicId as string,
    patient: flow.session.identity,
    confirmation: contact.confirmation,
    ...(contact.consentToMarketing === undefined ? {} : { consentToMarketing: contact.consentToMarketing }),
  });
  const sent = await send(flow, appointment, contact, input.comment);
  if (sent.ok) return sent.answer;
  if (sent.status === 409) {
    const mine = await existingBooking(flow, time);
    if (mine !== undefined) {
      flow.trace.appointmentId = mine.id;
      return { bundle: successBundle(flow, mine), appointment: mine, replayed: true };
    }
  }
  throw sent.error;
}

/** Modify (reschedule) the patient's own appointment to the time in `input.appointment`. */
export async function modifyBooking(flow: Flow, input: BookInput): Promise<BookAnswer> {
  const now = flow.request.server.now();
  const newTime = input.appointment;
  flow.trace.appointmentId = newTime.id;
  flow.trace.slotStart = newTime.start;
  const booking = await ownedBooking(flow, newTime.id);
  flow.trace.practitionerRoleId = participantId(newTime, 'PractitionerRole') ?? participantId(booking, 'PractitionerRole');
  if (newTime.start === undefined || Number.isNaN(Date.parse(newTime.start))) throw new OutcomeError('invalid-parameter', 'The new time has no valid start.');
  if (booking.status === 'cancelled') throw new OutcomeError('already-cancelled', 'This appointment is cancelled.', { detail: 'already-cancelled' });
  // Already at the requested time (e.g. a retry on another instance after ITB applied the change).
  if (booking.start !== undefined && Date.parse(booking.start) === Date.parse(newTime.start) && sameTime(booking, newTime)) {
    flow.trace.clinicId = participantId(booking, 'HealthcareService');
    return { bundle: successBundle(flow, booking), appointment: booking, replayed: true };
  }
  const clinic = await clinicOf(flow, booking);
  refuseInactiveClinic(clinic);
  const rules = readBookingRules(clinic);
  refuse(canReschedule({ rules, appointment: booking, now }));
  refuse(canBookTime(rules, new Date(newTime.start), now));
  const contact = await contactDetails(flow, input);
  const sent = await send(flow, buildModifyAppointment(booking, newTime), contact, input.comment, booking);
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
  const clinic = await clinicOf(flow, booking);
  if (booking.status === 'cancelled') {
    return { bundle: successBundle(flow, booking), appointment: booking, replayed: true };
  }
  refuse(canCancel({ rules: readBookingRules(clinic), appointment: booking, now }));
  const contact = await contactDetails(flow, input);
  const sent = await send(flow, buildCancelAppointment(booking), contact, input.comment);
  if (sent.ok) return sent.answer;
  throw sent.error;
}

export type { Flow as BookFlow };
