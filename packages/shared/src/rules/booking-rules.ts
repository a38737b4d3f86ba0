/**
 * Booking-rule decisions (spec §11.1). Pure: `now` is always a parameter.
 * A decision returns a value, never throws, so the widget and the BFF explain it their own way.
 * @module
 */
import type { Appointment, HealthcareService } from '../fhir/types.js';
import type { ReasonCode } from '../outcome/reasons.js';

/** A clinic's booking policy (ext-booking-rules, spec §8.2). Every field optional. */
export interface BookingRules {
  readonly cancellationAllowed?: boolean;
  readonly reschedulingAllowed?: boolean;
  readonly allowCancellationRemainingHours?: number;
  readonly allowRescheduleRemainingHours?: number;
  readonly allowCancellationAfterRegistrationHours?: number;
  readonly allowRescheduleAfterRegistrationHours?: number;
  readonly minimumPatientAgeYears?: number;
  readonly minimumAdvanceBookingMinutes?: number;
}

/** Why a change or booking is refused: a subset of {@link ReasonCode}. */
export type RuleRefusal = Extract<ReasonCode,
  | 'too-soon' | 'too-young' | 'booking-not-accepted'
  | 'cancellation-not-allowed' | 'cancel-window-passed'
  | 'rescheduling-not-allowed' | 'reschedule-window-passed' | 'reschedule-limit-reached'
  | 'change-locked' | 'already-cancelled' | 'in-the-past'>;

/** The outcome of a rule check. */
export type RuleDecision = { readonly ok: true } | { readonly ok: false; readonly reason: RuleRefusal };

/** What {@link canCancel} / {@link canReschedule} need to know. */
export interface ChangeContext {
  /** The clinic's rules (from its HealthcareService). */
  readonly rules: BookingRules;
  /** The booking, with its characteristic / appointment-update extensions if the server sent them. */
  readonly appointment: Appointment;
  readonly now: Date;
  /** When the booking was made, if known (appointments do not expose `created`). */
  readonly registeredAt?: Date;
}

/** Read ext-booking-rules (any URL variant) from a clinic. Missing → `{}`. */
export function readBookingRules(clinic: HealthcareService): BookingRules { void clinic; throw new Error('TODO'); }

/**
 * May the patient cancel now? Server flags (wofconnect-appointment-update `canBeCancelled`) win;
 * otherwise: `cancellationAllowed ≠ false` AND (`start − now ≥ h` OR `now − registeredAt ≤ r`),
 * the appointment's `minChangeHours` and the clinic's `scheduling-accepts-cancellation` (spec §11.1, §15.8).
 */
export function canCancel(context: ChangeContext): RuleDecision { void context; throw new Error('TODO'); }

/** May the patient reschedule now? Same shape as {@link canCancel}, plus the reschedule count. */
export function canReschedule(context: ChangeContext): RuleDecision { void context; throw new Error('TODO'); }

/** May a time starting at `start` be booked at `now` (minimumAdvanceBookingMinutes)? */
export function canBookTime(rules: BookingRules, start: Date, now: Date): RuleDecision { void rules; void start; void now; throw new Error('TODO'); }

/** Is a patient born on `birthDate` (YYYY-MM-DD) old enough at `now` (minimumPatientAgeYears)? */
export function isOldEnough(rules: BookingRules, birthDate: string, now: Date): RuleDecision { void rules; void birthDate; void now; throw new Error('TODO'); }

/** Whole years between `birthDate` (YYYY-MM-DD) and `now` (by calendar date in `timeZone`, default Europe/Stockholm). */
export function ageInYears(birthDate: string, now: Date, timeZone?: string): number { void birthDate; void now; void timeZone; throw new Error('TODO'); }
