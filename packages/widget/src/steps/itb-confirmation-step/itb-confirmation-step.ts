import { html, nothing } from 'lit';
import { defineOnce } from '../../define-once.js';
import { buildIcs, icsDataUrl } from '../../calendar/ics.js';
import { formatDateTime } from '../../locales/format.js';
import { practitionerName } from '../../state/selection.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { StepElement } from '../step-element.js';
import { confirmationStepStyles } from './itb-confirmation-step.styles.js';

/**
 * @tagname itb-confirmation-step
 * @summary What was booked, where and when; "add to calendar" (.ics) and a link to My bookings.
 *
 * @csspart heading - The step heading.
 * @csspart summary - The booking summary list.
 * @csspart button - The calendar link and the buttons.
 */
export class ItbConfirmationStep extends StepElement {
  static override styles = [sharedStyles, confirmationStepStyles];

  protected override render(): unknown {
    const s = this.booking;
    const booked = s?.booked;
    if (s === undefined || booked === undefined) return nothing;
    const t = s.t;
    const clinic = s.catalog?.clinics.get(booked.clinicId);
    const treatment = booked.treatmentId === undefined ? undefined : s.catalog?.treatments.get(booked.treatmentId);
    const zone = clinic?.timeZone ?? 'Europe/Stockholm';
    const start = booked.appointment.start ?? '';
    const end = booked.appointment.end ?? start;
    const practitioner = practitionerName(s, booked.practitionerRoleId);
    const where = [clinic?.name, clinic?.address?.text].filter((x): x is string => x !== undefined && x !== '').join(', ');
    const what = [treatment?.title, practitioner].filter((x) => x !== undefined && x !== '').join(', ');
    const ics = buildIcs({
      uid: `${booked.appointment.id ?? start}@itb-booking`,
      start, end, stamp: new Date(),
      summary: [treatment?.title, clinic?.name].filter(Boolean).join(' – ') || t.common.widgetLabel,
      ...(where === '' ? {} : { location: where }),
      ...(practitioner === '' ? {} : { description: practitioner }),
    });
    return html`
      <div class="done">
        <h2 tabindex="-1" part="heading">${booked.kind === 'modify' ? t.confirmation.rescheduledHeading : t.confirmation.heading}</h2>
        <dl class="summary" part="summary">
          <dt>${t.confirmation.what}</dt><dd>${what}</dd>
          <dt>${t.confirmation.where}</dt><dd>${where}</dd>
          <dt>${t.confirmation.when}</dt><dd>${start === '' ? '' : formatDateTime(t, start, zone)}</dd>
        </dl>
      </div>
      ${booked.warnings.length === 0 ? nothing : html`
        <section class="notice"><h3>${t.confirmation.notices}</h3>${booked.warnings.map((w) => html`<p>${w}</p>`)}</section>`}
      <div class="actions">
        <a class="button primary" part="button" href=${icsDataUrl(ics)} download="booking.ics">${t.confirmation.addToCalendar}</a>
        <button type="button" class="button" part="button" @click=${() => this.intents?.showMyBookings()}>${t.confirmation.myBookings}</button>
        <button type="button" class="button" part="button" @click=${() => this.intents?.startNewBooking()}>${t.confirmation.bookAnother}</button>
      </div>
    `;
  }
}

defineOnce('itb-confirmation-step', ItbConfirmationStep);

declare global {
  interface HTMLElementTagNameMap { 'itb-confirmation-step': ItbConfirmationStep }
}
