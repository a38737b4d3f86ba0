import { clinicLanguage, groupByDay, uniqueStartTimes, weekWindow } from '@itb/shared';
import type { AvailableTime, TimeOption } from '@itb/shared';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { defineOnce } from '../../define-once.js';
import { formatDateTime, formatDayKey, formatTime } from '../../locales/format.js';
import type { BookingSnapshot } from '../../state/booking-state.js';
import { practitionerName, selectedClinic, selectedTreatment } from '../../state/selection.js';
import { dayInNextWeek, dayInPreviousWeek } from '../../state/week.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { skeletonStyles } from '../../styles/skeleton.styles.js';
import { daysOfWeek, instantInDay } from '../itb-day-picker/day-grid.js';
import '../itb-clinic-contact/itb-clinic-contact.js';
import '../itb-day-picker/itb-day-picker.js';
import type { DaySelectEvent, PickerDay, WeekSelectEvent } from '../itb-day-picker/itb-day-picker.js';
import { practitionerLabel } from '../practitioner-label.js';
import { StepElement } from '../step-element.js';
import { timeStepStyles } from './itb-time-step.styles.js';
import { partsOfDay } from './parts-of-day.js';
import { formatShortDateTime, formatStripDay, formatWeek, zoneCountry } from './time-format.js';

/** The clinic-local date (YYYY-MM-DD) an instant falls on. */
function dayKeyOf(iso: string, timeZone: string): string | undefined {
  return [...groupByDay([{ start: iso }], timeZone).keys()][0];
}

/**
 * @tagname itb-time-step
 * @summary Choose a date and time: a strip of the week's days (those with free times marked), then
 * the chosen day's times under morning / afternoon / evening, all in the clinic's time zone. Opens
 * on the first day with free times; "first available time" is one tap away, and when a week is
 * empty the next free time is one click away. For "any practitioner" each time names who is free.
 * Also used to pick the new time when rescheduling.
 *
 * @csspart heading - The step heading.
 * @csspart time-button - Each time.
 * @csspart first-free - The "first available time" button.
 * @csspart button - Week navigation and back buttons.
 * @csspart day - Each day of the strip.
 * @csspart day-picker - The day picker.
 * @csspart week-label - The week shown.
 * @csspart week-button - The previous and next week buttons.
 * @csspart day-heading - The chosen day's heading.
 * @csspart day-part-heading - Morning, afternoon and evening.
 * @csspart notice - Notices: an empty week, times that could not be fetched.
 * @csspart error - A time taken meanwhile, a failed load.
 */
export class ItbTimeStep extends StepElement {
  static override styles = [sharedStyles, skeletonStyles, timeStepStyles];

  /** The day the patient chose; unset, the week opens on its first day with free times. */
  @state() private pickedDay?: string;
  /** A week has been shown: later loads keep the strip (and the focus in it) instead of the skeleton. */
  private weekShown = false;

  protected override updated(): void {
    if (this.booking?.times.status === 'ready') this.weekShown = true;
  }

  private renderOption(option: TimeOption, timeZone: string, anyPractitioner: boolean, lang: string | undefined): TemplateResult {
    const s = this.booking!;
    const first: AvailableTime | undefined = option.times[0];
    const people = anyPractitioner ? option.times.map((time) => practitionerLabel(s.catalog?.practitioners.get(time.practitionerRoleId), practitionerName(s, time.practitionerRoleId))).filter((n) => n.short !== '') : [];
    const clock = formatTime(s.t, option.start, timeZone);
    // The time leads the accessible name ("13:00 with Anna Berg, dentist"); the tile shows the first
    // name only, plus how many more are free then (the controller books the first free one).
    const shown = people.length === 0 ? '' : people.length === 1 ? people[0]!.short : `${people[0]!.short} +${people.length - 1}`;
    return html`<li>
      <button type="button" class="time" part="time-button"
        @click=${() => { if (first !== undefined) this.intents?.chooseTime(first); }}>
        <span class="clock">${clock}</span>${people.length === 0 ? nothing : html`
        <span class="visually-hidden">${s.t.time.with} <span lang=${ifDefined(lang)}>${people.map((p) => p.full).join('; ')}</span></span>
        <span class="who" aria-hidden="true" lang=${ifDefined(lang)}>${shown}</span>`}
      </button>
    </li>`;
  }

  private renderDay(day: string, options: readonly TimeOption[], timeZone: string, lang: string | undefined): TemplateResult {
    const s = this.booking!;
    const t = s.t;
    const anyPractitioner = s.practitionerId === undefined;
    const heading = html`<h3 id="day-heading" class="day-heading" part="day-heading">${formatDayKey(t, day, timeZone)}</h3>`;
    if (options.length === 0) return html`<section class="day" aria-labelledby="day-heading">${heading}<p class="muted">${t.time.noTimesThisDay}</p></section>`;
    return html`<section class="day" aria-labelledby="day-heading">${heading}
      ${partsOfDay(options, timeZone).map(({ part, items }) => html`
        <div class="part" role="group" aria-labelledby="part-${part}">
          <h4 id="part-${part}" class="part-heading" part="day-part-heading">${t.time[part]}</h4>
          <ul class="times ${anyPractitioner ? 'with-who' : ''}">${items.map((o) => this.renderOption(o, timeZone, anyPractitioner, lang))}</ul>
        </div>`)}
    </section>`;
  }

  private renderEmptyWeek(s: BookingSnapshot, timeZone: string): TemplateResult {
    const t = s.t;
    const next = s.times.nextFree;
    return html`<div class="notice" part="notice">
      <p>${t.time.noTimesThisWeek}</p>
      ${next === undefined ? nothing : next === null ? html`<p>${t.time.noTimesAtAll}</p><itb-clinic-contact exportparts="contact, link" .clinic=${selectedClinic(s)}></itb-clinic-contact>` : html`
        <p>${t.time.nextFree(formatDateTime(t, next.start, timeZone))}</p>
        <button type="button" class="button" part="button" @click=${() => this.showDayOf(next.start, timeZone)}>${t.time.showNextFree}</button>`}
    </div>`;
  }

  /** Shows the week of `iso`, opened on its day (the "next free time" jump lands on that day). */
  private showDayOf(iso: string, timeZone: string): void {
    this.pickedDay = dayKeyOf(iso, timeZone);
    this.intents?.showWeek(iso);
  }

  /** The shapes of the strip (first load only) and of a few time tiles; one hidden loading text. */
  private renderSkeleton(t: BookingSnapshot['t'], strip: boolean): TemplateResult {
    return html`<div class="skeleton" aria-busy="true" part="skeleton">
      <span class="visually-hidden">${t.common.loading}</span>
      ${strip ? html`<span class="bone week" aria-hidden="true"></span>
        <span class="bones days" aria-hidden="true">${Array.from({ length: 7 }, () => html`<span class="bone day"></span>`)}</span>` : nothing}
      <span class="bone line" aria-hidden="true"></span>
      <span class="bones tiles" aria-hidden="true">${Array.from({ length: 8 }, () => html`<span class="bone tile"></span>`)}</span>
    </div>`;
  }

  protected override render(): unknown {
    const s = this.booking;
    const clinic = s === undefined ? undefined : selectedClinic(s);
    if (s === undefined || clinic === undefined) return nothing;
    const t = s.t;
    const zone = clinic.timeZone;
    const lang = clinicLanguage(clinic);
    const times = s.times;
    const loading = times.status === 'loading' || times.status === 'idle';
    const window = !loading && times.window !== undefined ? times.window : weekWindow(s.weekDay ?? new Date(), zone);
    const byDay = times.status === 'ready' ? groupByDay(uniqueStartTimes(times.items), zone) : undefined;
    const keys = daysOfWeek(window);
    const chosenDay = s.chosenTime === undefined ? undefined : dayKeyOf(s.chosenTime.start, zone);
    const selected = [this.pickedDay, chosenDay].find((k) => k !== undefined && keys.includes(k))
      ?? (byDay === undefined ? undefined : keys.find((k) => byDay.has(k)));
    const days: PickerDay[] = keys.map((key) => {
      const text = formatStripDay(t, key, zone);
      const free = byDay === undefined ? undefined : (byDay.get(key)?.length ?? 0);
      return { key, weekday: text.weekday, narrow: text.narrow, date: text.date, label: free === undefined ? text.long : t.time.dayLabel(text.long, free), ...(free === undefined ? {} : { free }) };
    });
    const earliest = times.status === 'error' ? undefined : times.earliest?.time;
    const practitioner = s.practitionerId === undefined ? t.practitioner.any : html`<span lang=${ifDefined(lang)}>${practitionerName(s, s.practitionerId)}</span>`;
    return html`
      <h2 tabindex="-1" part="heading">${s.rescheduling === undefined ? t.time.heading : t.time.rescheduleHeading}</h2>
      <p class="context muted"><span lang=${ifDefined(lang)}>${clinic.name}</span> &middot; <span lang=${ifDefined(lang)}>${selectedTreatment(s)?.title ?? ''}</span> &middot; ${practitioner}</p>
      ${s.bookProblem?.reason === 'slot-taken' ? html`<p class="notice error" part="error">${t.reasons['slot-taken']}</p>` : nothing}
      ${earliest === undefined ? nothing : html`
        <button type="button" class="button primary first-free" part="first-free" @click=${() => this.intents?.chooseTime(earliest)}>
          ${t.time.firstFree} ${formatShortDateTime(t, earliest.start, zone)}</button>`}
      ${loading && !this.weekShown ? this.renderSkeleton(t, true) : html`
        <itb-day-picker part="day-picker" exportparts="day, button, week-button, week-label" .days=${days} selected=${ifDefined(selected)} today=${ifDefined(dayKeyOf(new Date().toISOString(), zone))}
          week-label=${t.time.week(formatWeek(t, window, zone, new Date()))} previous-label=${t.time.previousWeek} next-label=${t.time.nextWeek}
          ?no-previous=${Date.parse(window.start) <= Date.now()}
          @day-select=${(e: DaySelectEvent) => { this.pickedDay = e.day; }}
          @week-select=${(e: WeekSelectEvent) => this.changeWeek(e, window.start)}></itb-day-picker>
        <p class="zone muted">${t.time.timeZone(zoneCountry(zone, clinic.address?.country), zone)}</p>
        ${times.gaps.length === 0 ? nothing : html`<p class="notice" part="notice">${t.time.gaps(times.gaps.length)}</p>`}
        ${loading ? this.renderSkeleton(t, false) : times.status === 'error' ? html`
          <div class="notice error" part="error"><p>${t.reasons[times.problem?.reason ?? 'unknown']}</p>
            <button type="button" class="button" part="button" @click=${() => this.intents?.retry()}>${t.common.retry}</button></div>`
        : byDay === undefined || byDay.size === 0 || selected === undefined ? this.renderEmptyWeek(s, zone)
        : this.renderDay(selected, byDay.get(selected) ?? [], zone, lang)}`}
      <div class="actions">
        <button type="button" class="button" part="button" @click=${() => this.intents?.back()}>${t.common.back}</button>
      </div>
    `;
  }

  private changeWeek(event: WeekSelectEvent, weekStart: string): void {
    this.pickedDay = undefined;
    const day = event.day === undefined
      ? (event.weeks === 1 ? dayInNextWeek(weekStart) : dayInPreviousWeek(weekStart)).toISOString()
      : instantInDay(event.day);
    this.intents?.showWeek(day);
  }
}

defineOnce('itb-time-step', ItbTimeStep);

declare global {
  interface HTMLElementTagNameMap { 'itb-time-step': ItbTimeStep }
}
