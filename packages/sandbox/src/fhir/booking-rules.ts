/**
 * The clinic rules as the sandbox enforces them, through @itb/shared's rule functions so that the
 * sandbox, the BFF and the widget agree on every edge (spec §11.1, §15.8). Each refusal names the
 * rule in its diagnostics.
 * @module
 */
import { canBookTime, canCancel, canReschedule, isOldEnough, type Appointment, type BookingRules, type Extension, type RuleDecision, type RuleRefusal } from '@itb/shared';
import type { SeedClinic } from '../seed/types.js';
import type { StoredBooking } from '../store.js';
import { FhirError } from '../http/fhir-error.js';

/** The clinic's rules in the shape of @itb/shared's rule functions. */
export function rulesOf(clinic: SeedClinic): BookingRules {
  const accepts = clinic.characteristic?.schedulingAvailability;
  return { ...clinic.rules, ...(accepts === undefined ? {} : { schedulingAccepts: accepts }) };
}

/** Whether `booking` may be cancelled / rescheduled at `now`. */
export function decideChange(kind: 'cancel' | 'reschedule', booking: StoredBooking, clinic: SeedClinic, now: number): RuleDecision {
  const scheduling: Extension[] = [];
  const c = clinic.characteristic;
  if (c?.webReschedulingCountAllowed !== undefined) scheduling.push({ url: 'webReschedulingCountAllowed', valueInteger: c.webReschedulingCountAllowed });
  if (c?.minChangeHours !== undefined) scheduling.push({ url: 'minChangeHours', valueInteger: c.minChangeHours });
  // Only what the rules need: no canBe* flags, which would otherwise decide the question.
  const view: Appointment = {
    resourceType: 'Appointment',
    status: booking.status,
    start: new Date(booking.start).toISOString(),
    participant: [],
    extension: [
      { url: 'wofconnect-appointment-update', extension: [{ url: 'webReschedulingCount', valueInteger: booking.reschedules }] },
      ...(scheduling.length === 0 ? [] : [{ url: 'wofconnect-characteristic', extension: [{ url: 'scheduling', extension: scheduling }] }]),
    ],
  };
  const context = { rules: rulesOf(clinic), appointment: view, now: new Date(now), registeredAt: new Date(booking.registeredAt) };
  return kind === 'cancel' ? canCancel(context) : canReschedule(context);
}

/** wofconnect-appointment-update flags of a booking at `now`. */
export function changeFlags(booking: StoredBooking, clinic: SeedClinic, now: number): { canBeCancelled: boolean; canBeRescheduled: boolean } {
  if (booking.status !== 'booked') return { canBeCancelled: false, canBeRescheduled: false };
  return { canBeCancelled: decideChange('cancel', booking, clinic, now).ok, canBeRescheduled: decideChange('reschedule', booking, clinic, now).ok };
}

/** The rule behind each refusal, and a sentence naming it. */
function explain(reason: RuleRefusal, clinic: SeedClinic): { rule: string; text: string } {
  const r = clinic.rules;
  switch (reason) {
    case 'too-soon': return { rule: 'minimumAdvanceBookingMinutes', text: `minimumAdvanceBookingMinutes: this clinic takes online bookings at least ${r.minimumAdvanceBookingMinutes ?? 0} minutes before the start.` };
    case 'too-young': return { rule: 'minimumPatientAgeYears', text: `minimumPatientAgeYears: patients must be at least ${r.minimumPatientAgeYears ?? 0} years old to book online at this clinic.` };
    case 'booking-not-accepted': return { rule: 'schedulingAvailability', text: 'schedulingAvailability: this clinic does not accept new bookings through the API.' };
    case 'cancellation-not-allowed': return r.cancellationAllowed === false
      ? { rule: 'cancellationAllowed', text: 'cancellationAllowed: this clinic does not allow online cancellation.' }
      : { rule: 'schedulingAvailability', text: 'schedulingAvailability: this clinic does not accept cancellations through the API.' };
    case 'cancel-window-passed': return { rule: 'allowCancellationRemainingHours', text: `allowCancellationRemainingHours: online cancellation closes ${r.allowCancellationRemainingHours ?? 0} hours before the start.` };
    case 'rescheduling-not-allowed': return r.reschedulingAllowed === false
      ? { rule: 'reschedulingAllowed', text: 'reschedulingAllowed: this clinic does not allow online rescheduling.' }
      : { rule: 'schedulingAvailability', text: 'schedulingAvailability: this clinic does not accept reschedules through the API.' };
    case 'reschedule-window-passed': return { rule: 'allowRescheduleRemainingHours', text: `allowRescheduleRemainingHours: online rescheduling closes ${r.allowRescheduleRemainingHours ?? 0} hours before the start.` };
    case 'reschedule-limit-reached': return { rule: 'webReschedulingCountAllowed', text: `webReschedulingCountAllowed: this booking may be rescheduled online at most ${clinic.characteristic?.webReschedulingCountAllowed ?? 0} time(s).` };
    case 'change-locked': return { rule: 'minChangeHours', text: `minChangeHours: the booking cannot be changed within ${clinic.characteristic?.minChangeHours ?? 0} hours of the start.` };
    case 'already-cancelled': return { rule: 'status', text: 'status: the booking is already cancelled.' };
    case 'in-the-past': return { rule: 'start', text: 'start: the time has already started or passed.' };
  }
}

/** 422 naming the rule. */
export function ruleError(reason: RuleRefusal, clinic: SeedClinic): FhirError {
  const { rule, text } = explain(reason, clinic);
  return new FhirError(reason, text, { status: 422, detail: rule });
}

/** Throw 422 unless a new time at `start` may be booked at `now` by a patient born `birthDate`. */
export function checkNewTime(clinic: SeedClinic, start: number, now: number, birthDate: string): void {
  if (start <= now) throw ruleError('in-the-past', clinic);
  const rules = rulesOf(clinic);
  const time = canBookTime(rules, new Date(start), new Date(now));
  if (!time.ok) throw ruleError(time.reason, clinic);
  const age = isOldEnough(rules, birthDate, new Date(now), clinic.timeZone);
  if (!age.ok) throw ruleError(age.reason, clinic);
}
