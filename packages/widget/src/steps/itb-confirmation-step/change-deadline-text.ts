/**
 * The confirmation's "until when can I change this?" sentences, from @itb/shared's
 * changeDeadlines: one sentence when cancel and move share a deadline, else one each; a kind that
 * is not possible online gets the reason text, which tells the patient to call the clinic.
 * @module
 */
import { changeDeadlines, type Appointment, type BookingRules, type ChangeDeadline } from '@itb/shared';
import { formatDateTime } from '../../locales/format.js';
import type { Translation } from '../../locales/translation.js';

export interface ChangeLines {
  readonly lines: readonly string[];
  /** True when some change is not possible online: show how to reach the clinic. */
  readonly needsTheClinic: boolean;
}

const WITHOUT_GRACE = (rules: BookingRules): BookingRules => {
  const { allowCancellationAfterRegistrationHours: _c, allowRescheduleAfterRegistrationHours: _r, ...rest } = rules;
  return rest;
};

/**
 * `now` is when the confirmation shows, right after `$book`. A new booking's grace period runs from
 * then; a moved one's from its first registration, which only `created` tells, so without it the
 * grace period is left out rather than granted afresh.
 */
export function changeLines(t: Translation, input: { rules: BookingRules; appointment: Appointment; kind: 'create' | 'modify'; zone: string; now: Date }): ChangeLines {
  const created = Date.parse(input.appointment.created ?? '');
  const known = !Number.isNaN(created);
  const rules = known || input.kind === 'create' ? input.rules : WITHOUT_GRACE(input.rules);
  const { cancel, reschedule } = changeDeadlines({ rules, appointment: input.appointment, bookedAt: known ? new Date(created) : input.now });
  const when = (d: ChangeDeadline & { online: true }) => formatDateTime(t, d.until!, input.zone);
  if (cancel.online && reschedule.online && cancel.until !== undefined && cancel.until === reschedule.until) {
    return { lines: [t.confirmation.changeUntil(when(cancel))], needsTheClinic: false };
  }
  const line = (d: ChangeDeadline, until: (when: string) => string): string | undefined =>
    d.online ? (d.until === undefined ? undefined : until(when(d))) : t.reasons[d.reason];
  const lines = [line(cancel, t.confirmation.cancelUntil), line(reschedule, t.confirmation.rescheduleUntil)].filter((l): l is string => l !== undefined);
  // Two refusals often share one sentence's worth of advice; never say the same thing twice.
  return { lines: [...new Set(lines)], needsTheClinic: !cancel.online || !reschedule.online };
}
