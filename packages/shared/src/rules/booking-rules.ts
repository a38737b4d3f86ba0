/**
 * Booking-rule decisions (spec §11.1). Pure: `now` is always a parameter.
 * A decision returns a value, never throws, so the widget and the BFF explain it their own way.
 * @module
 */
import { booleanValue, codesOf, findExtension, numberValue, subExtension, subExtensions } from '../fhir/extensions.js';
import type { Appointment, HealthcareService, Organization } from '../fhir/types.js';
import { EXT, type SchedulingAcceptsCode } from '../fhir/urls.js';
import type { ReasonCode } from '../outcome/reasons.js';
import { localParts } from '../time/zoned.js';

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
  /**
   * The clinic's `wofconnect-characteristic` `schedulingAvailability` codes (spec §8.4), when it
   * sends any: what the clinic accepts through the API at all. Absent = no statement = everything.
   */
  readonly schedulingAccepts?: readonly SchedulingAcceptsCode[];
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

/** What an appointment itself says about changes (wofconnect-characteristic, wofconnect-appointment-update). */
export interface AppointmentChangeState {
  readonly canBeCancelled?: boolean;
  readonly canBeRescheduled?: boolean;
  readonly webReschedulingCount?: number;
  readonly webReschedulingCountAllowed?: number;
  readonly minChangeHours?: number;
  /** schedulingAvailability codes on the appointment, when present. */
  readonly schedulingAccepts?: readonly string[];
}

const OK: RuleDecision = { ok: true };
const refuse = (reason: RuleRefusal): RuleDecision => ({ ok: false, reason });
const HOUR = 3_600_000;

const RULE_NUMBERS = [
  'allowCancellationRemainingHours', 'allowRescheduleRemainingHours',
  'allowCancellationAfterRegistrationHours', 'allowRescheduleAfterRegistrationHours',
  'minimumPatientAgeYears', 'minimumAdvanceBookingMinutes',
] as const;
const RULE_BOOLEANS = ['cancellationAllowed', 'reschedulingAllowed'] as const;
const ACCEPTS: readonly string[] = ['scheduling-accepts-new', 'scheduling-accepts-cancellation', 'scheduling-accepts-reschedule'];

/** schedulingAvailability codes under `characteristic.scheduling`, or undefined when none is sent. */
function schedulingAvailability(element: unknown): string[] | undefined {
  const scheduling = subExtension(findExtension(element, EXT.characteristic), 'scheduling');
  const entries = subExtensions(scheduling, 'schedulingAvailability');
  return entries.length === 0 ? undefined : entries.flatMap(codesOf);
}

/** Read ext-booking-rules (any URL variant) from a clinic or its organisation. Missing → `{}`. Unknown sub-extensions are ignored. */
export function readBookingRules(clinic: HealthcareService | Organization): BookingRules {
  const rules: { -readonly [K in keyof BookingRules]: BookingRules[K] } = {};
  const extension = findExtension(clinic, EXT.bookingRules);
  for (const name of RULE_BOOLEANS) {
    const value = booleanValue(subExtension(extension, name));
    if (value !== undefined) rules[name] = value;
  }
  for (const name of RULE_NUMBERS) {
    const value = numberValue(subExtension(extension, name));
    if (value !== undefined) rules[name] = value;
  }
  const accepts = schedulingAvailability(clinic);
  if (accepts !== undefined) rules.schedulingAccepts = accepts.filter((c): c is SchedulingAcceptsCode => ACCEPTS.includes(c));
  return rules;
}

/** What the appointment's own extensions say about changing it. */
export function readAppointmentChangeState(appointment: Appointment): AppointmentChangeState {
  const state: { -readonly [K in keyof AppointmentChangeState]: AppointmentChangeState[K] } = {};
  const update = findExtension(appointment, EXT.appointmentUpdate);
  const scheduling = subExtension(findExtension(appointment, EXT.characteristic), 'scheduling');
  const canBeCancelled = booleanValue(subExtension(update, 'canBeCancelled'));
  const canBeRescheduled = booleanValue(subExtension(update, 'canBeRescheduled'));
  const count = numberValue(subExtension(update, 'webReschedulingCount'));
  const allowed = numberValue(subExtension(scheduling, 'webReschedulingCountAllowed'));
  const minChangeHours = numberValue(subExtension(scheduling, 'minChangeHours'));
  const accepts = schedulingAvailability(appointment);
  if (canBeCancelled !== undefined) state.canBeCancelled = canBeCancelled;
  if (canBeRescheduled !== undefined) state.canBeRescheduled = canBeRescheduled;
  if (count !== undefined) state.webReschedulingCount = count;
  if (allowed !== undefined) state.webReschedulingCountAllowed = allowed;
  if (minChangeHours !== undefined) state.minChangeHours = minChangeHours;
  if (accepts !== undefined) state.schedulingAccepts = accepts;
  return state;
}

interface ChangeKind {
  readonly accepts: SchedulingAcceptsCode;
  readonly notAllowed: RuleRefusal;
  readonly windowPassed: RuleRefusal;
  readonly allowed: (rules: BookingRules) => boolean | undefined;
  readonly remainingHours: (rules: BookingRules) => number | undefined;
  readonly afterRegistrationHours: (rules: BookingRules) => number | undefined;
  readonly serverFlag: (state: AppointmentChangeState) => boolean | undefined;
}

const CANCEL: ChangeKind = {
  accepts: 'scheduling-accepts-cancellation',
  notAllowed: 'cancellation-not-allowed',
  windowPassed: 'cancel-window-passed',
  allowed: (r) => r.cancellationAllowed,
  remainingHours: (r) => r.allowCancellationRemainingHours,
  afterRegistrationHours: (r) => r.allowCancellationAfterRegistrationHours,
  serverFlag: (s) => s.canBeCancelled,
};

const RESCHEDULE: ChangeKind = {
  accepts: 'scheduling-accepts-reschedule',
  notAllowed: 'rescheduling-not-allowed',
  windowPassed: 'reschedule-window-passed',
  allowed: (r) => r.reschedulingAllowed,
  remainingHours: (r) => r.allowRescheduleRemainingHours,
  afterRegistrationHours: (r) => r.allowRescheduleAfterRegistrationHours,
  serverFlag: (s) => s.canBeRescheduled,
};

function instant(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The local rules only (spec §11.1), in order from "never" to "not any more". */
function localDecision(kind: ChangeKind, context: ChangeContext, state: AppointmentChangeState, start: number | undefined): RuleDecision {
  const { rules, now, registeredAt } = context;
  // The booking's own characteristic is the more specific statement; the clinic's applies otherwise.
  const accepts: readonly string[] | undefined = state.schedulingAccepts ?? rules.schedulingAccepts;
  if (accepts !== undefined && !accepts.includes(kind.accepts)) return refuse(kind.notAllowed);
  if (kind.allowed(rules) === false) return refuse(kind.notAllowed);
  if (start === undefined) return OK;
  const remaining = start - now.getTime();
  const h = kind.remainingHours(rules);
  const r = kind.afterRegistrationHours(rules);
  // Grace-period reading (spec §15.8): the after-registration window lets a fresh booking be
  // changed even when the visit is close; it never restricts on its own.
  const inGrace = r !== undefined && registeredAt !== undefined && now.getTime() - registeredAt.getTime() <= r * HOUR;
  if (h !== undefined && remaining < h * HOUR && !inGrace) return refuse(kind.windowPassed);
  if (state.minChangeHours !== undefined && remaining < state.minChangeHours * HOUR) return refuse('change-locked');
  return OK;
}

function decide(kind: ChangeKind, context: ChangeContext, extra?: (state: AppointmentChangeState) => RuleDecision): RuleDecision {
  const { appointment, now } = context;
  if (appointment.status === 'cancelled') return refuse('already-cancelled');
  const start = instant(appointment.start);
  if (start !== undefined && start <= now.getTime()) return refuse('in-the-past');
  const state = readAppointmentChangeState(appointment);
  const flag = kind.serverFlag(state);
  // The server evaluated its own rules "at the current time" (spec §8.5): its yes or no wins.
  if (flag === true) return OK;
  let decision = localDecision(kind, context, state, start);
  if (decision.ok && extra !== undefined) decision = extra(state);
  if (flag === false && decision.ok) return refuse(kind.notAllowed);
  return decision;
}

/**
 * May the patient cancel now? Server flags (wofconnect-appointment-update `canBeCancelled`) win;
 * otherwise: `cancellationAllowed ≠ false` AND (`start − now ≥ h` OR `now − registeredAt ≤ r`),
 * the appointment's `minChangeHours` and the clinic's `scheduling-accepts-cancellation` (spec §11.1, §15.8).
 * A server `false` is reported with the local reason when one applies, else `cancellation-not-allowed`.
 */
export function canCancel(context: ChangeContext): RuleDecision {
  return decide(CANCEL, context);
}

/** May the patient reschedule now? Same shape as {@link canCancel}, plus the reschedule count. */
export function canReschedule(context: ChangeContext): RuleDecision {
  return decide(RESCHEDULE, context, (state) =>
    state.webReschedulingCountAllowed !== undefined && (state.webReschedulingCount ?? 0) >= state.webReschedulingCountAllowed
      ? refuse('reschedule-limit-reached')
      : OK);
}

/**
 * May a time starting at `start` be booked at `now` (minimumAdvanceBookingMinutes)? A time that
 * has started is always too soon; a clinic that states its scheduling availability without
 * `scheduling-accepts-new` takes no bookings (`booking-not-accepted`).
 */
export function canBookTime(rules: BookingRules, start: Date, now: Date): RuleDecision {
  if (rules.schedulingAccepts !== undefined && !rules.schedulingAccepts.includes('scheduling-accepts-new')) return refuse('booking-not-accepted');
  return meetsMinimumNotice(start.getTime(), now, rules.minimumAdvanceBookingMinutes) ? OK : refuse('too-soon');
}

/**
 * Does a time starting at `start` (epoch ms) leave the clinic's minimum notice
 * (`minimumAdvanceBookingMinutes`, spec §11.1) after `now`? Inclusive at the boundary; an
 * unreadable start never does. The one rule behind refusing, filtering and hiding too-soon times.
 */
export function meetsMinimumNotice(start: number, now: Date, minutes: number | undefined): boolean {
  return Number.isFinite(start) && start - now.getTime() >= Math.max(0, minutes ?? 0) * 60_000;
}

/**
 * Is a patient born on `birthDate` (YYYY-MM-DD) old enough at `now` (minimumPatientAgeYears)?
 * An unreadable birth date fails a stated minimum age, since it cannot be shown to pass.
 */
export function isOldEnough(rules: BookingRules, birthDate: string, now: Date, timeZone?: string): RuleDecision {
  const minimum = rules.minimumPatientAgeYears;
  if (minimum === undefined) return OK;
  return ageInYears(birthDate, now, timeZone) >= minimum ? OK : refuse('too-young');
}

/**
 * Whole years between `birthDate` (YYYY-MM-DD) and `now` (by calendar date in `timeZone`, default
 * Europe/Stockholm). Someone born on 29 February turns a year older on 1 March in common years.
 * Returns `NaN` for an unreadable date.
 */
export function ageInYears(birthDate: string, now: Date, timeZone = 'Europe/Stockholm'): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(birthDate));
  if (match === null || Number.isNaN(now.getTime())) return Number.NaN;
  const [, by, bm, bd] = match.map(Number) as [number, number, number, number];
  const { year: ty, month: tm, day: td } = localParts(now.getTime(), timeZone);
  const beforeBirthday = tm < bm || (tm === bm && td < bd);
  return ty - by - (beforeBirthday ? 1 : 0);
}
