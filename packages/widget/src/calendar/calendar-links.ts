/**
 * "Add to Google Calendar" and "Add to Outlook" links: pre-filled event forms on the calendar's
 * own site, for patients whose phone does nothing useful with an .ics download. The event text
 * (what, where) goes to a third party, so callers pass clinic, treatment and address only, never
 * anything about the patient.
 * @module
 */
import { icsDate } from './ics.js';

/** What a calendar link carries. */
export interface CalendarLinkEvent {
  readonly start: string;
  readonly end: string;
  readonly title: string;
  readonly location?: string;
  readonly details?: string;
}

function withText(url: URL, names: { title: string; location: string; details: string }, event: CalendarLinkEvent): string {
  // URLSearchParams encodes every value, so clinic data cannot break out of its parameter.
  url.searchParams.set(names.title, event.title);
  if (event.location !== undefined && event.location !== '') url.searchParams.set(names.location, event.location);
  if (event.details !== undefined && event.details !== '') url.searchParams.set(names.details, event.details);
  return url.href;
}

/** Google Calendar's event template: `dates` as two UTC stamps, so no time zone is guessed. */
export function googleCalendarUrl(event: CalendarLinkEvent): string {
  const url = new URL('https://calendar.google.com/calendar/render');
  url.searchParams.set('action', 'TEMPLATE');
  url.searchParams.set('dates', `${icsDate(event.start)}/${icsDate(event.end)}`);
  return withText(url, { title: 'text', location: 'location', details: 'details' }, event);
}

/** Outlook on the web's compose deep link (personal accounts; work accounts are redirected by Microsoft). */
export function outlookCalendarUrl(event: CalendarLinkEvent): string {
  const url = new URL('https://outlook.live.com/calendar/0/deeplink/compose');
  url.searchParams.set('path', '/calendar/action/compose');
  url.searchParams.set('rru', 'addevent');
  url.searchParams.set('startdt', new Date(event.start).toISOString());
  url.searchParams.set('enddt', new Date(event.end).toISOString());
  return withText(url, { title: 'subject', location: 'location', details: 'body' }, event);
}
