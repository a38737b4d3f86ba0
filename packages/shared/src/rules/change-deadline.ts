/**
 * Until when may a booking be cancelled or moved online? The same clinic rules as
 * {@link canCancel} / {@link canReschedule} (spec §11.1, §15.8), turned from "may I now?" into
 * "until when?", so a confirmation can say it before the patient ever needs to ask.
 * Pure: the moment of booking is a parameter.
 * @module
 */
import type { Appointment } from '../fhir/types.js';
import { readAppointmentChangeState, type AppointmentChangeState, type BookingRules, type RuleRefusal } from './booking-rules.js';

/** Online until `until` (an ISO instant; absent when the booking has no readable start), or not online at all and why. */
export type ChangeDeadline =
  | { readonly online: true; readonly until?: string }
  | { readonly online: false; readonly reason: RuleRefusal };

export interface DeadlineContext {
  /** The clinic's rules (its HealthcareService, with its organisation's). */
  readonly rules: BookingRules;
  /** The booking as `$book` returned it. */
  readonly appointment: Appointment;
  /** When it was booked: the after-registration grace period runs from here. */
  readonly bookedAt: Date;
}

interface Kind {
  readonly accepts: 'scheduling-accepts-cancellation' | 'scheduling-accepts-reschedule';
  readonly notAllowed: RuleRefusal;
  readonly windowPassed: RuleRefusal;
  readonly allowed: boolean | undefined;
  readonly remainingHours: number | undefined;
  readonly graceHours: number | undefined;
  readonly serverFlag: boolean | undefined;
  readonly limitReached: boolean;
}

const HOUR = 3_600_000;

function deadline(kind: Kind, context: DeadlineContext, state: AppointmentChangeState): ChangeDeadline {
  const { rules, appointment, bookedAt } = context;
  if (appointment.status === 'cancelled') return { online: false, reason: 'already-cancelled' };
  const accepts: readonly string[] | undefined = state.schedulingAccepts ?? rules.schedulingAccepts;
  // An explicit "no" from the server, the booking or the clinic means no online change at all.
  if (kind.serverFlag === false || kind.allowed === false || (accepts !== undefined && !accepts.includes(kind.accepts))) {
    return { online: false, reason: kind.notAllowed };
  }
  if (kind.limitReached) return { online: false, reason: 'reschedule-limit-reached' };
  const start = Date.parse(appointment.start ?? '');
  if (Number.isNaN(start)) return { online: true };
  const booked = bookedAt.getTime();
  let until = kind.remainingHours === undefined ? start : start - kind.remainingHours * HOUR;
  // The grace period lets a fresh booking be changed even inside the window (never past the start).
  if (kind.graceHours !== undefined) until = Math.max(until, Math.min(start, booked + kind.graceHours * HOUR));
  if (until <= booked) return { online: false, reason: kind.windowPassed };
  // The booking's own lock (minChangeHours) applies on top, grace or not.
  if (state.minChangeHours !== undefined) {
    until = Math.min(until, start - state.minChangeHours * HOUR);
    if (until <= booked) return { online: false, reason: 'change-locked' };
  }
  return { online: true, until: new Date(until).toISOString() };
}

/** Until when the booking may be cancelled and moved online, or why it may not be at all. */
export function changeDeadlines(context: DeadlineContext): { readonly cancel: ChangeDeadline; readonly reschedule: ChangeDeadline } {
  const { rules } = context;
  const state = readAppointmentChangeState(context.appointment);
  return {
    cancel: deadline({
      accepts: 'scheduling-accepts-cancellation', notAllowed: 'cancellation-not-allowed', windowPassed: 'cancel-window-passed',
      allowed: rules.cancellationAllowed, remainingHours: rules.allowCancellationRemainingHours, graceHours: rules.allowCancellationAfterRegistrationHours,
      serverFlag: state.canBeCancelled, limitReached: false,
    }, context, state),
    reschedule: deadline({
      accepts: 'scheduling-accepts-reschedule', notAllowed: 'rescheduling-not-allowed', windowPassed: 'reschedule-window-passed',
      allowed: rules.reschedulingAllowed, remainingHours: rules.allowRescheduleRemainingHours, graceHours: rules.allowRescheduleAfterRegistrationHours,
      serverFlag: state.canBeRescheduled,
      limitReached: state.webReschedulingCountAllowed !== undefined && (state.webReschedulingCount ?? 0) >= state.webReschedulingCountAllowed,
    }, context, state),
  };
}
