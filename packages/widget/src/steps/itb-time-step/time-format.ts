/**
 * The time step's dates, with Intl in the clinic's time zone (design §Decisions): the week label,
 * the day strip's labels, the "first available time" button and the country for the zone line.
 * @module
 */
import type { Translation } from '../../locales/translation.js';

const DAY_MS = 86_400_000;

function format(t: Translation, date: Date, timeZone: string, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(t.intl, { timeZone, ...options }).format(date);
}

/** A day key (YYYY-MM-DD) at noon UTC, which lies on that date in every zone a clinic is in. */
function dayOf(key: string): Date {
  return new Date(`${key}T12:00:00Z`);
}

/**
 * "30 nov.–6 dec.": Monday to Sunday. The window's end is the next Monday's midnight (exclusive),
 * so the last day shown is the one before it; the year is named only when it is not this one.
 */
export function formatWeek(t: Translation, window: { readonly start: string; readonly end: string }, timeZone: string, now: Date): string {
  const first = new Date(window.start);
  const last = new Date(Date.parse(window.end) - DAY_MS / 2);
  const thisYear = format(t, now, timeZone, { year: 'numeric' });
  const otherYear = [first, last].some((d) => format(t, d, timeZone, { year: 'numeric' }) !== thisYear);
  const options: Intl.DateTimeFormatOptions = { timeZone, day: 'numeric', month: 'short', ...(otherYear ? { year: 'numeric' } : {}) };
  return new Intl.DateTimeFormat(t.intl, options).formatRange(first, last);
}

/** The texts of one day in the strip: "tis" (or "T" when narrow), "8" and, for screen readers, "tisdag 8 december". */
export function formatStripDay(t: Translation, key: string, timeZone: string): { weekday: string; narrow: string; date: string; long: string } {
  const day = dayOf(key);
  return {
    weekday: format(t, day, timeZone, { weekday: 'short' }).replace(/\.$/, ''),
    narrow: format(t, day, timeZone, { weekday: 'narrow' }),
    date: format(t, day, timeZone, { day: 'numeric' }).replace(/\.$/, ''),
    long: format(t, day, timeZone, { weekday: 'long', day: 'numeric', month: 'long' }),
  };
}

/** "tis 8 dec. 09:00": short enough for a button at 320 px. */
export function formatShortDateTime(t: Translation, iso: string, timeZone: string): string {
  return format(t, new Date(iso), timeZone, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

/**
 * The country whose time a zone is ("Swedish time"), for the zone names clinics ITB serves use;
 * otherwise the clinic's address country when it is written as a two-letter code.
 */
export function zoneCountry(timeZone: string, addressCountry?: string): string | undefined {
  const byZone: Readonly<Record<string, string>> = {
    'Europe/Stockholm': 'SE', 'Europe/Oslo': 'NO', 'Arctic/Longyearbyen': 'NO', 'Europe/Copenhagen': 'DK', 'Europe/Helsinki': 'FI',
  };
  const code = addressCountry?.trim().toUpperCase();
  return byZone[timeZone] ?? (code !== undefined && /^[A-Z]{2}$/.test(code) ? code : undefined);
}
