/**
 * Wall-clock ↔ instant in a clinic's time zone, with `Intl` only. Working hours never span a DST
 * switch (02:00–03:00 local), so one UTC offset per local day — taken at local noon — is exact for
 * every time a clinic is open, and caching it keeps `$find` fast.
 * @module
 */
import { localParts, offsetMinutes } from '@itb/shared';

/** A local calendar day. `weekday` is ISO (1 = Monday … 7 = Sunday). */
export interface LocalDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly weekday: number;
  /** `YYYY-MM-DD`. */
  readonly key: string;
}

// A zone's offset on a given day never changes: a memo that keeps $find fast, not shared state.
const noonOffsets = new Map<string, number>();

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function dayFromUtcDate(date: Date): LocalDay {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  const day = date.getUTCDate();
  const weekday = date.getUTCDay() === 0 ? 7 : date.getUTCDay();
  return { year, month, day, weekday, key: `${pad(year, 4)}-${pad(month)}-${pad(day)}` };
}

/** The local day containing `instant` in `timeZone`. */
export function localDayOf(instant: number, timeZone: string): LocalDay {
  const w = localParts(instant, timeZone);
  return dayFromUtcDate(new Date(Date.UTC(w.year, w.month - 1, w.day)));
}

/** The local day `days` after `day` (negative goes back). */
export function addDays(day: LocalDay, days: number): LocalDay {
  return dayFromUtcDate(new Date(Date.UTC(day.year, day.month - 1, day.day + days)));
}

/** Minutes east of UTC at local noon of `day`. */
function noonOffsetMinutes(day: LocalDay, timeZone: string): number {
  const key = `${timeZone}|${day.key}`;
  let offset = noonOffsets.get(key);
  if (offset === undefined) {
    offset = offsetMinutes(Date.UTC(day.year, day.month - 1, day.day, 12), timeZone);
    noonOffsets.set(key, offset);
  }
  return offset;
}

/** The instant of local `minutes` after midnight on `day` (valid for daytime hours). */
export function localInstant(day: LocalDay, minutes: number, timeZone: string): number {
  return Date.UTC(day.year, day.month - 1, day.day) + (minutes - noonOffsetMinutes(day, timeZone)) * 60_000;
}

/** `HH:MM` → minutes after midnight. */
export function minutesOf(clock: string): number {
  const [h = '0', m = '0'] = clock.split(':');
  return Number(h) * 60 + Number(m);
}

/** `YYYY-MM-DDTHH:MM:SS` in local time of a daytime instant on `day`. */
export function localLabel(day: LocalDay, instant: number, timeZone: string): string {
  const minutes = Math.round((instant - Date.UTC(day.year, day.month - 1, day.day)) / 60_000) + noonOffsetMinutes(day, timeZone);
  return `${day.key}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00`;
}

/** ISO instant in UTC written with `+00:00`, as live ITB does (spec §5.2.2). */
export function utcWithOffset(instant: number): string {
  return `${new Date(instant).toISOString().slice(0, 19)}+00:00`;
}
