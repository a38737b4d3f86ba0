import { groupByDay, uniqueStartTimes, weekWindow } from '@itb/shared';
import type { AvailableTime, TimeOption } from '@itb/shared';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { defineOnce } from '../../define-once.js';
import { formatDateTime, formatDayKey, formatRange, formatTime } from '../../locales/format.js';
import { practitionerName, selectedClinic, selectedTreatment } from '../../state/selection.js';
import { dayInNextWeek, dayInPreviousWeek } from '../../state/week.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { practitionerLabel } from '../practitioner-label.js';
import { StepElement } from '../step-element.js';
import { timeStepStyles } from './itb-time-step.styles.js';

/**
 * @tagname itb-time-step
 * @summary Choose a date and time: a week at a time, in the clinic's time zone, with the next free
 * time one click away when a week is empty. For "any practitioner" each time lists who is free.
 * Also used to pick the new time when rescheduling.
 *
 * @csspart heading - The step heading.
 * @csspart time-button - Each time.
 * @csspart button - Week navigation and back buttons.
 */
export class ItbTimeStep extends StepElement {
  static override styles = [sharedStyles, timeStepStyles];

  private renderOption(option: TimeOption, timeZone: string, anyPractitioner: boolean): TemplateResult {
    const s = this.booking!;
    const first: AvailableTime | undefined = option.times[0];
    const people = anyPractitioner ? option.times.map((time) => practitionerLabel(s.catalog?.practitioners.get(time.practitionerRoleId), practitionerName(s, time.practitionerRoleId))).filter((n) => n.short !== '') : [];
    const clock = formatTime(s.t, option.start, timeZone);
    // The time leads the accessible name ("13:00 with Anna Berg, dentist"); the tile shows the first
    // name only, plus how many more are free then (the controller books the first free one).
    const shown = people.length === 0 ? '' : people.length === 1 ? people[0]!.short : `${people[0]!.short} +${people.length - 1}`;
    return html`<li>
      <button type="button" class="time ${people.length === 0 ? '' : 'has-who'}" part="time-button"
        @click=${() => { if (first !== undefined) this.intents?.chooseTime(first); }}>
        <span class="clock">${clock}</span>${people.length === 0 ? nothing : html`
        <span class="visually-hidden">${s.t.time.with(people.map((p) => p.full).join('; '))}</span>
        <span class="who" aria-hidden="true">${shown}</span>`}
      </button>
    </li>`;
  }

  private renderTimes(timeZone: string): TemplateResult | typeof nothing {
    const s = this.booking!;
    const t = s.t;
    const times = s.times;
    if (times.status === 'loading' || times.status === 'idle') return html`<p class="muted" aria-busy="true">${t.common.loading}</p>`;
    if (times.status === 'error') {
      return html`<div class="notice error"><p>${t.reasons[times.problem?.reason ?? 'unknown']}</p>
        <button type="button" class="button" @click=${() => this.intents?.retry()}>${t.common.retry}</button></div>`;
    }
    const anyPractitioner = s.practitionerId === undefined;
    const days = groupByDay(uniqueStartTimes(times.items), timeZone);
    const next = times.nextFree;
    return html`
      ${times.gaps.length === 0 ? nothing : html`<p class="notice">${t.time.gaps(times.gaps.length)}</p>`}
      ${days.size > 0 ? [...days].map(([day, options]) => html`
        <section class="day" aria-labelledby="day-${day}">
          <h3 id="day-${day}" class="day-heading">${formatDayKey(t, day, timeZone)}</h3>
          <ul class="times ${anyPractitioner ? 'with-who' : ''}">${options.map((o) => this.renderOption(o, timeZone, anyPractitioner))}</ul>
        </section>`) : html`
        <div class="notice">
          <p>${t.time.noTimesThisWeek}</p>
          ${next === undefined ? nothing : next === null ? html`<p>${t.time.noTimesAtAll}</p>` : html`
            <p>${t.time.nextFree(formatDateTime(t, next.start, timeZone))}</p>
            <button type="button" class="button primary" part="button" @click=${() => this.intents?.showWeek(next.start)}>${t.time.showNextFree}</button>`}
        </div>`}`;
  }

  protected override render(): unknown {
    const s = this.booking;
    const clinic = s === undefined ? undefined : selectedClinic(s);
    if (s === undefined || clinic === undefined) return nothing;
    const t = s.t;
    const zone = clinic.timeZone;
    const window = s.times.window ?? weekWindow(s.weekDay ?? new Date(), zone);
    const isCurrentWeek = Date.parse(window.start) <= Date.now();
    const practitioner = s.practitionerId === undefined ? t.practitioner.any : practitionerName(s, s.practitionerId);
    return html`
      <h2 tabindex="-1" part="heading">${s.rescheduling === undefined ? t.time.heading : t.time.rescheduleHeading}</h2>
      <p class="context muted">${clinic.name} &middot; ${selectedTreatment(s)?.title ?? ''} &middot; ${practitioner}</p>
      ${s.bookProblem?.reason === 'slot-taken' ? html`<p class="notice error">${t.reasons['slot-taken']}</p>` : nothing}
      <div class="week">
        <button type="button" class="button nav previous" part="button" ?disabled=${isCurrentWeek}
          @click=${() => this.intents?.showWeek(dayInPreviousWeek(window.start).toISOString())}><span class="nav-text">${t.time.previousWeek}</span></button>
        <span class="week-label">${t.time.week(formatRange(t, window.start, window.end, zone))}</span>
        <button type="button" class="button nav next" part="button"
          @click=${() => this.intents?.showWeek(dayInNextWeek(window.start).toISOString())}><span class="nav-text">${t.time.nextWeek}</span></button>
      </div>
      <p class="zone muted">${t.time.timeZone(zone)}</p>
      ${this.renderTimes(zone)}
      <div class="actions">
        <button type="button" class="button" part="button" @click=${() => this.intents?.back()}>${t.common.back}</button>
      </div>
    `;
  }
}

defineOnce('itb-time-step', ItbTimeStep);

declare global {
  interface HTMLElementTagNameMap { 'itb-time-step': ItbTimeStep }
}
