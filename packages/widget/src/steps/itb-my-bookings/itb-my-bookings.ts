import { catalogLanguage, clinicLanguage, participantId, treatmentIdOf } from '@itb/shared';
import type { Appointment, RuleDecision } from '@itb/shared';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { query, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { defineOnce } from '../../define-once.js';
import { formatDateTime } from '../../locales/format.js';
import { changeDecisions, practitionerName } from '../../state/selection.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { skeletonStyles } from '../../styles/skeleton.styles.js';
import { skeleton } from '../skeleton.js';
import { StepElement } from '../step-element.js';
import { needsTheClinic } from '../itb-clinic-contact/contact-way.js';
import '../itb-clinic-contact/itb-clinic-contact.js';
import { myBookingsStyles } from './itb-my-bookings.styles.js';

/**
 * @tagname itb-my-bookings
 * @summary My bookings: upcoming and past appointments of the signed-in patient. Reschedule and
 * cancel are offered only when the clinic's rules allow, with the reason shown when not; a
 * cancellation is confirmed in a modal dialog first.
 *
 * @csspart heading - The step heading.
 * @csspart card - Each booking.
 * @csspart button - Every button.
 * @csspart dialog - The cancel confirmation dialog.
 * @csspart skeleton - The placeholder shown while the list loads.
 * @csspart primary-button - Sign in, and the dialog's confirm button.
 * @csspart badge - The "cancelled" badge.
 * @csspart subheading - Upcoming, Past, and the dialog's title.
 * @csspart notice - A booking was cancelled.
 * @csspart error - A failure.
 */
export class ItbMyBookings extends StepElement {
  static override styles = [sharedStyles, skeletonStyles, myBookingsStyles];

  @state() private cancelling: Appointment | undefined;
  @query('dialog') private dialog?: HTMLDialogElement;
  /** The Cancel button that opened the dialog: "Keep it" and Esc return focus there. */
  private opener: HTMLElement | undefined;

  private zoneOf(appointment: Appointment): string {
    const clinicId = participantId(appointment, 'HealthcareService');
    return (clinicId === undefined ? undefined : this.booking?.catalog?.clinics.get(clinicId)?.timeZone) ?? 'Europe/Stockholm';
  }

  private askCancel(appointment: Appointment, opener: HTMLElement): void {
    this.opener = opener;
    this.cancelling = appointment;
    void this.updateComplete.then(() => this.dialog?.showModal());
  }

  private closeDialog(confirm: boolean): void {
    const appointment = this.cancelling;
    this.dialog?.close();
    this.cancelling = undefined;
    // Confirmed: the store sends focus to the result once it is known (the button may be gone).
    if (confirm && appointment !== undefined) this.intents?.cancelBooking(appointment);
    else this.opener?.focus();
    this.opener = undefined;
  }

  private renderAction(decision: RuleDecision, label: string, run: (button: HTMLElement) => void): TemplateResult {
    const t = this.booking!.t;
    return decision.ok
      ? html`<button type="button" class="button" part="button" @click=${(event: Event) => run(event.currentTarget as HTMLElement)}>${label}</button>`
      : html`<p class="muted">${label}: ${t.reasons[decision.reason]}</p>`;
  }

  private renderBooking(appointment: Appointment, upcoming: boolean): TemplateResult {
    const s = this.booking!;
    const t = s.t;
    const clinicId = participantId(appointment, 'HealthcareService');
    const treatmentId = treatmentIdOf(appointment);
    const clinic = clinicId === undefined ? undefined : s.catalog?.clinics.get(clinicId);
    const treatment = treatmentId === undefined ? undefined : s.catalog?.treatments.get(treatmentId);
    const cancelled = appointment.status === 'cancelled';
    const decisions = changeDecisions(s, appointment, new Date());
    const when = appointment.start === undefined ? '' : formatDateTime(t, appointment.start, this.zoneOf(appointment));
    const practitioner = practitionerName(s, participantId(appointment, 'PractitionerRole'));
    const lang = ifDefined(clinicLanguage(clinic) ?? catalogLanguage(s.catalog));
    return html`<li class="card booking ${cancelled ? 'cancelled' : ''}" part="card">
      <span class="title" lang=${lang}>${treatment?.title ?? appointment.serviceType?.[0]?.text ?? ''}</span>
      ${cancelled ? html` <span class="badge" part="badge">${t.myBookings.cancelled}</span>` : nothing}<br />
      <span>${when}</span><br />
      <span class="muted" lang=${lang}>${[clinic?.name, practitioner].filter((x) => x !== undefined && x !== '').join(' · ')}</span>
      ${upcoming && !cancelled ? html`<div class="actions">
        ${this.renderAction(decisions.reschedule, t.myBookings.reschedule, () => this.intents?.startReschedule(appointment))}
        ${this.renderAction(decisions.cancel, t.myBookings.cancel, (button) => this.askCancel(appointment, button))}
      </div>
      ${[decisions.reschedule, decisions.cancel].some((d) => !d.ok && needsTheClinic(d.reason)) ? html`<itb-clinic-contact exportparts="contact, link" .clinic=${clinic}></itb-clinic-contact>` : nothing}` : nothing}
    </li>`;
  }

  private renderList(title: string, items: readonly Appointment[], upcoming: boolean): TemplateResult {
    const t = this.booking!.t;
    const id = upcoming ? 'upcoming' : 'past';
    return html`<section aria-labelledby=${id}>
      <h3 id=${id} part="subheading">${title}</h3>
      ${items.length === 0 ? html`<p class="muted">${t.myBookings.none}</p>` : html`<ul class="list">${items.map((a) => this.renderBooking(a, upcoming))}</ul>`}
    </section>`;
  }

  private renderDialog(): TemplateResult | typeof nothing {
    const s = this.booking!;
    const appointment = this.cancelling;
    if (appointment === undefined) return nothing;
    const when = appointment.start === undefined ? '' : formatDateTime(s.t, appointment.start, this.zoneOf(appointment));
    return html`<dialog part="dialog" aria-labelledby="cancel-title" aria-describedby="cancel-text" @cancel=${() => this.closeDialog(false)}>
      <h3 id="cancel-title" part="subheading">${s.t.myBookings.cancelTitle}</h3>
      <p id="cancel-text">${s.t.myBookings.cancelText(when)}</p>
      <div class="actions">
        <button type="button" class="button" part="button" autofocus @click=${() => this.closeDialog(false)}>${s.t.myBookings.keep}</button>
        <button type="button" class="button primary" part="button primary-button" @click=${() => this.closeDialog(true)}>${s.t.myBookings.cancelConfirm}</button>
      </div>
    </dialog>`;
  }

  protected override render(): unknown {
    const s = this.booking;
    if (s === undefined) return nothing;
    const t = s.t;
    const heading = html`<h2 tabindex="-1" part="heading">${t.myBookings.heading}</h2>`;
    if (!s.session.signedIn) {
      return html`${heading}
        <p>${t.myBookings.signInPrompt}</p>
        <div class="actions">
          <button type="button" class="button primary" part="button primary-button" data-focus="sign-in" @click=${() => this.intents?.signIn()}>${t.review.signIn}</button>
          <button type="button" class="button" part="button" @click=${() => this.intents?.startNewBooking()}>${t.myBookings.newBooking}</button>
        </div>`;
    }
    const now = Date.now();
    const all = [...s.myBookings.items].sort((a, b) => Date.parse(a.start ?? '') - Date.parse(b.start ?? ''));
    const upcoming = all.filter((a) => Date.parse(a.end ?? a.start ?? '') >= now);
    const past = all.filter((a) => Date.parse(a.end ?? a.start ?? '') < now).reverse();
    const problem = s.myBookings.problem ?? s.cancelProblem;
    return html`${heading}
      ${problem === undefined ? nothing : html`<div class="notice error" part="error" tabindex="-1" data-focus="cancel-result"><p>${t.reasons[problem.reason]}</p>
        ${s.myBookings.status === 'error' ? html`<button type="button" class="button" part="button" @click=${() => this.intents?.retry()}>${t.common.retry}</button>` : nothing}</div>`}
      ${s.cancelStatus === 'ready' ? html`<p class="notice" part="notice" tabindex="-1" data-focus="cancel-result">${t.myBookings.cancelledNotice}</p>` : nothing}
      ${s.myBookings.status === 'loading' && all.length === 0 ? skeleton(t.common.loading) : html`
        ${this.renderList(t.myBookings.upcoming, upcoming, true)}
        ${this.renderList(t.myBookings.past, past, false)}`}
      <div class="actions">
        <button type="button" class="button" part="button" @click=${() => this.intents?.startNewBooking()}>${t.myBookings.newBooking}</button>
        <button type="button" class="button" part="button" @click=${() => this.intents?.signOut()}>${t.review.signOut}</button>
      </div>
      ${this.renderDialog()}`;
  }
}

defineOnce('itb-my-bookings', ItbMyBookings);

declare global {
  interface HTMLElementTagNameMap { 'itb-my-bookings': ItbMyBookings }
}
