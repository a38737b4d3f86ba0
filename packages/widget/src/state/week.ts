/**
 * Loading one week of free times, and when it is empty, finding the next free time after it so
 * the patient reaches it in one step instead of paging week by week.
 * @module
 */
import { bookableTimes, weekWindow } from '@itb/shared';
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
