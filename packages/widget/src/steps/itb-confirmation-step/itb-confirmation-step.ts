import { bookingReference, catalogLanguage, clinicLanguage, offersFor } from '@itb/shared';
import type { Catalog, Clinic } from '@itb/shared';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { defineOnce } from '../../define-once.js';
import { googleCalendarUrl, outlookCalendarUrl } from '../../calendar/calendar-links.js';
import { buildIcs, icsDataUrl } from '../../calendar/ics.js';
import { formatDateTime } from '../../locales/format.js';
import type { BookedState } from '../../state/booking-state.js';
import { describingOffer, practitionerName } from '../../state/selection.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { StepElement } from '../step-element.js';
import '../itb-clinic-contact/itb-clinic-contact.js';
import { changeLines } from './change-deadline-text.js';
import { confirmationStepStyles } from './itb-confirmation-step.styles.js';

/** The price of what was booked: the booked practitioner's offer, else the one the lists showed. */
function bookedPrice(catalog: Catalog | undefined, booked: BookedState): string | undefined {
  if (catalog === undefined || booked.treatmentId === undefined) return undefined;
  const offers = offersFor(catalog, booked.clinicId, booked.treatmentId);
  return (offers.find((o) => o.practitionerRoleId === booked.practitionerRoleId) ?? describingOffer(offers))?.price;
}

/**
 * @tagname itb-confirmation-step
 * @summary What was booked, where and when, the booking reference and (where the clinic's
 * organisation shows prices at confirmation) the price; until when it can be cancelled or moved
 * online, or how to reach the clinic; "add to calendar" (.ics, Google, Outlook) and a link to My bookings.
 *
 * @csspart heading - The step heading.
 * @csspart summary - The booking summary list.
 * @csspart button - The calendar links and the buttons.
 * @csspart primary-button - Add to calendar.
 * @csspart notice - The clinic's notices about the booking.
 * @csspart subheading - The notices' title.
 */
export class ItbConfirmationStep extends StepElement {
  static override styles = [sharedStyles, confirmationStepStyles];

  private renderChanges(booked: BookedState, clinic: Clinic | undefined, zone: string): TemplateResult {
    const t = this.booking!.t;
    const { lines, needsTheClinic } = changeLines(t, { rules: clinic?.bookingRules ?? {}, appointment: booked.appointment, kind: booked.kind, zone, now: new Date() });
    return html`<div class="changes">
      ${lines.map((line) => html`<p>${line}</p>`)}
      ${needsTheClinic || lines.length > 0 ? html`<itb-clinic-contact exportparts="contact, link" .clinic=${clinic}></itb-clinic-contact>` : nothing}
    </div>`;
  }

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
    const lang = clinicLanguage(clinic) ?? catalogLanguage(s.catalog);
    const reference = bookingReference(booked.appointment);
    const price = clinic?.priceAtConfirmation === false ? undefined : bookedPrice(s.catalog, booked);
    const title = [treatment?.title, clinic?.name].filter(Boolean).join(' – ') || t.common.widgetLabel;
    const ics = buildIcs({
      uid: `${booked.appointment.id ?? start}@itb-booking`,
      start, end, stamp: new Date(),
      summary: title,
      ...(where === '' ? {} : { location: where }),
      ...(practitioner === '' ? {} : { description: practitioner }),
    });
    // Google and Outlook are third parties: what, where and when only (no practitioner, nothing of the patient).
    const online = { start, end, title, location: where };
    return html`
      <div class="done">
        <h2 tabindex="-1" part="heading">${booked.kind === 'modify' ? t.confirmation.rescheduledHeading : t.confirmation.heading}</h2>
        <dl class="summary" part="summary">
          <dt>${t.confirmation.what}</dt><dd lang=${ifDefined(lang)}>${what}</dd>
          <dt>${t.confirmation.where}</dt><dd lang=${ifDefined(lang)}>${where}</dd>
          <dt>${t.confirmation.when}</dt><dd>${start === '' ? '' : formatDateTime(t, start, zone)}</dd>
          ${reference === undefined ? nothing : html`<dt>${t.confirmation.reference}</dt><dd class="reference">${reference}</dd>`}
          ${price === undefined ? nothing : html`<dt>${t.confirmation.price}</dt><dd class="price">${price}</dd>`}
        </dl>
      </div>
      ${booked.warnings.length === 0 ? nothing : html`
        <section class="notice" part="notice"><h3 part="subheading">${t.confirmation.notices}</h3>${booked.warnings.map((w) => html`<p>${w}</p>`)}</section>`}
      ${this.renderChanges(booked, clinic, zone)}
      <div class="actions calendar">
        <a class="button primary" part="button primary-button" href=${icsDataUrl(ics)} download="booking.ics">${t.confirmation.addToCalendar}</a>
        ${start === '' ? nothing : html`
          <a class="button" part="button" href=${googleCalendarUrl(online)} target="_blank" rel="noopener">${t.confirmation.addToGoogle}<span class="visually-hidden"> ${t.contact.newTab}</span></a>
          <a class="button" part="button" href=${outlookCalendarUrl(online)} target="_blank" rel="noopener">${t.confirmation.addToOutlook}<span class="visually-hidden"> ${t.contact.newTab}</span></a>`}
      </div>
      <div class="actions">
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
