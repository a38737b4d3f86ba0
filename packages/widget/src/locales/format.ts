/**
 * Dates and times with Intl, always in the clinic's time zone (design §Decisions): a patient in
 * another zone still sees the clock time they must show up at.
 * @module
 */
import type { Translation } from './translation.js';

function format(t: Translation, iso: string, timeZone: string, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(t.intl, { timeZone, ...options }).format(new Date(iso));
}

/** "14:30" */
export function formatTime(t: Translation, iso: string, timeZone: string): string {
  return format(t, iso, timeZone, { hour: '2-digit', minute: '2-digit' });
}

/** "Tuesday 15 September" */
export function formatDay(t: Translation, iso: string, timeZone: string): string {
  return format(t, iso, timeZone, { weekday: 'long', day: 'numeric', month: 'long' });
}

/** "Tuesday 15 September 2026, 10:00" */
export function formatDateTime(t: Translation, iso: string, timeZone: string): string {
  return format(t, iso, timeZone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** "14–20 Sept 2026" for a week window. */
export function formatRange(t: Translation, startIso: string, endIso: string, timeZone: string): string {
  const formatter = new Intl.DateTimeFormat(t.intl, { timeZone, day: 'numeric', month: 'short', year: 'numeric' });
  return formatter.formatRange(new Date(startIso), new Date(endIso));
}

/** A day key (YYYY-MM-DD, as groupByDay returns) as a heading, at noon so no zone shifts the date. */
export function formatDayKey(t: Translation, key: string, timeZone: string): string {
  return format(t, `${key}T12:00:00Z`, timeZone, { weekday: 'long', day: 'numeric', month: 'long' });
}
