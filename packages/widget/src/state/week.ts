/**
 * Loading one week of free times, and when it is empty, finding the next free time after it so
 * the patient reaches it in one step instead of paging week by week.
 * @module
 */
import { bookableTimes, uniqueStartTimes, weekWindow } from '@itb/shared';
import type { AvailableTime, BookingRules } from '@itb/shared';
import type { BffClient } from '../bff-client.js';
import type { TimesState } from './booking-state.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How far past an empty week to look; stays under the BFF's ITB_MAX_FIND_DAYS default (31). */
const LOOKAHEAD_DAYS = 28;

export interface WeekQuery {
  readonly client: Pick<BffClient, 'find'>;
  readonly day: Date;
  readonly timeZone: string;
  readonly clinicId: string;
  readonly visitType: string;
  readonly practitionerRoleId?: string;
  readonly campaign?: string;
  readonly rules: BookingRules;
  readonly now: Date;
  readonly signal: AbortSignal;
}

/** Any day in the week after / before the week starting at `weekStart` (mid-week, so DST never matters). */
export function dayInNextWeek(weekStart: string): Date {
  return new Date(Date.parse(weekStart) + 9 * DAY_MS);
}
export function dayInPreviousWeek(weekStart: string): Date {
  return new Date(Date.parse(weekStart) - 4 * DAY_MS);
}

export async function loadWeek(q: WeekQuery): Promise<TimesState> {
  const window = weekWindow(q.day, q.timeZone);
  const base = {
    clinicId: q.clinicId,
    visitType: q.visitType,
    ...(q.practitionerRoleId === undefined ? {} : { practitionerRoleId: q.practitionerRoleId }),
    ...(q.campaign === undefined ? {} : { campaign: q.campaign }),
  };
  const found = await q.client.find({ ...base, start: window.start, end: window.end }, q.signal);
  const items = bookableTimes(found.times, q.now, q.rules.minimumAdvanceBookingMinutes);
  if (items.length > 0) return { status: 'ready', window, items, gaps: found.gaps };
  const from = new Date(Math.max(Date.parse(window.end), q.now.getTime()));
  const ahead = await q.client.find({ ...base, start: from.toISOString(), end: new Date(from.getTime() + LOOKAHEAD_DAYS * DAY_MS).toISOString() }, q.signal);
  const next: AvailableTime | undefined = bookableTimes(ahead.times, q.now, q.rules.minimumAdvanceBookingMinutes)[0];
  return { status: 'ready', window, items, gaps: found.gaps, nextFree: next ?? null };
}

type Earliest = NonNullable<TimesState['earliest']>;

/** What makes two searches the same for "first available time": where, what, with whom, which code. */
export function searchKeyOf(q: Pick<WeekQuery, 'clinicId' | 'visitType' | 'practitionerRoleId' | 'campaign'>): string {
  return JSON.stringify([q.clinicId, q.visitType, q.practitionerRoleId ?? null, q.campaign ?? null]);
}

/**
 * The earliest bookable time known once `week` has loaded: its first time, the look-ahead's, or one
 * an earlier week of the same search found. An earlier find inside the week just loaded is not
 * kept (the fresh answer says whether it is still free), nor one that is now too soon, nor any
 * after a slot-taken answer (the taken time may be it). With several practitioners free at the
 * first time, the one listed first is the one a tile would book.
 */
export function earliestKnown(
  week: TimesState, search: string, previous: TimesState['earliest'],
  options: { readonly now: Date; readonly minimumAdvanceBookingMinutes?: number | undefined; readonly slotTaken: boolean },
): Earliest | undefined {
  const candidates: AvailableTime[] = [];
  const first = uniqueStartTimes(week.items)[0]?.times[0];
  if (first !== undefined) candidates.push(first);
  if (week.nextFree) candidates.push(week.nextFree);
  if (previous?.search === search && !options.slotTaken && week.window !== undefined) {
    const at = Date.parse(previous.time.start);
    const inWeek = at >= Date.parse(week.window.start) && at < Date.parse(week.window.end);
    if (!inWeek && bookableTimes([previous.time], options.now, options.minimumAdvanceBookingMinutes).length > 0) candidates.push(previous.time);
  }
  const earliest = candidates.reduce<AvailableTime | undefined>((best, t) => (best === undefined || Date.parse(t.start) < Date.parse(best.start) ? t : best), undefined);
  return earliest === undefined ? undefined : { search, time: earliest };
}
