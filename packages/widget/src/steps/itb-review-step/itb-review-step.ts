import { clinicLanguage, catalogLanguage, safeHttpUrl } from '@itb/shared';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { defineOnce } from '../../define-once.js';
import { formatDateTime } from '../../locales/format.js';
import { displayOffer, practitionerName, selectedClinic, selectedTreatment } from '../../state/selection.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { StepElement } from '../step-element.js';
import { needsTheClinic } from '../itb-clinic-contact/contact-way.js';
import '../itb-clinic-contact/itb-clinic-contact.js';
import { plainText } from './plain-text.js';
import { reviewStepStyles } from './itb-review-step.styles.js';

/**
 * @tagname itb-review-step
 * @summary Review and confirm: the summary, sign-in with test BankID through the BFF, contact
 * details (prefilled from the patient record), SMS confirmation (a yes/no choice), terms (linked to
 * the host's `terms-url` when given) and an optional comment.
 * When rescheduling it shows the old and new time and confirms the move.
 *
 * @csspart heading - The step heading.
 * @csspart summary - The booking summary list.
 * @csspart button - Every button.
 * @csspart input - Every text input.
 * @csspart primary-button - Sign in, and Book (or confirm the move).
 * @csspart card - The sign-in box.
 * @csspart subheading - Sign in, and Contact details.
 * @csspart radio - The SMS yes/no answers.
 * @csspart checkbox - The terms checkbox.
 * @csspart label - Every label.
 * @csspart link - The booking terms.
 * @csspart notice - The clinic's booking note.
 * @csspart error - Field errors and a failed booking.
 */
export class ItbReviewStep extends StepElement {
  static override styles = [sharedStyles, reviewStepStyles];

  /** Which checks failed on the last submit (shown until corrected). */
  @state() private invalid: { phone: boolean; terms: boolean } = { phone: false, terms: false };

  private submit(event: Event): void {
    event.preventDefault();
    const s = this.booking;
    if (s === undefined) return;
    if (s.rescheduling === undefined) {
      const invalid = { phone: s.form.mobilePhone.trim() === '', terms: !s.form.termsAccepted };
      this.invalid = invalid;
      if (invalid.phone || invalid.terms) {
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(invalid.phone ? '#phone' : '#terms')?.focus());
        return;
      }
    }
    this.intents?.book();
  }

  private renderSummary(): TemplateResult {
    const s = this.booking!;
    const t = s.t;
    const clinic = selectedClinic(s);
    const time = s.chosenTime;
    const zone = clinic?.timeZone ?? 'Europe/Stockholm';
    const offer = displayOffer(s, time?.practitionerRoleId);
    const summaryText = clinic?.info.bookingSummaryText;
    // Catalog text is in the clinic's language, whatever the page's: screen readers must know.
    const lang = clinicLanguage(clinic) ?? catalogLanguage(s.catalog);
    return html`
      <dl class="summary" part="summary">
        <dt>${t.review.clinic}</dt><dd lang=${ifDefined(lang)}>${clinic?.name ?? ''}${clinic?.address?.text === undefined ? nothing : html`<br /><span class="muted">${clinic.address.text}</span>`}</dd>
        <dt>${t.review.treatment}</dt><dd><span lang=${ifDefined(lang)}>${selectedTreatment(s)?.title ?? ''}</span>${offer?.duration === undefined ? nothing : html` (${offer.duration})`}</dd>
        <dt>${t.review.practitioner}</dt><dd>${practitionerName(s, time?.practitionerRoleId)}</dd>
        ${s.rescheduling?.start === undefined ? nothing : html`<dt>${t.review.previousTime}</dt><dd>${formatDateTime(t, s.rescheduling.start, zone)}</dd>`}
        <dt>${t.review.time}</dt><dd>${time === undefined ? '' : formatDateTime(t, time.start, zone)}</dd>
        ${offer?.price === undefined ? nothing : html`<dt>${t.review.price}</dt><dd>${offer.price}</dd>`}
      </dl>
      ${summaryText === undefined || summaryText === '' ? nothing : html`<p class="notice" part="notice" lang=${ifDefined(lang)}>${plainText(summaryText)}</p>`}`;
  }

  private renderSignIn(): TemplateResult {
    const s = this.booking!;
    const t = s.t;
    if (s.session.signedIn) {
      return html`<section class="signin">
        <p>${s.session.name === undefined ? t.review.signedIn : t.review.signedInAs(s.session.name)}</p>
        <button type="button" class="button" part="button" @click=${() => this.intents?.signOut()}>${t.review.signOut}</button>
      </section>`;
    }
    // Until the session answers, a sign-in button could be a false prompt to someone signed in.
    if (s.sessionStatus === 'idle' || s.sessionStatus === 'loading') return html`<p class="signin" role="status">${t.common.loading}</p>`;
    return html`<section class="card" part="card">
      <h3 part="subheading">${t.review.signInHeading}</h3>
      <p>${t.review.signInHint}</p>
      <button type="button" class="button primary" part="button primary-button" data-focus="sign-in" @click=${() => this.intents?.signIn()}>${t.review.signIn}</button>
    </section>`;
  }

  /**
   * SMS confirmation as two radios, Yes preselected (ITB's default, `send-confirmation-by-sms`).
   * A checkbox toggles, so a patient told to "tick SMS" unticks a pre-ticked box; a radio answer
   * means the same whatever the starting state, and the legend says what is being answered.
   */
  private renderSms(): TemplateResult {
    const t = this.booking!.t;
    const sms = this.booking!.form.smsConfirmation;
    const choose = (value: boolean) => () => this.intents?.updateForm({ smsConfirmation: value });
    return html`<fieldset class="sms">
      <legend>${t.review.smsLegend}</legend>
      <div class="check"><input id="sms-yes" type="radio" part="radio" name="sms" value="yes" .checked=${sms} @change=${choose(true)} /><label for="sms-yes" part="label">${t.review.smsYes}</label></div>
      <div class="check"><input id="sms-no" type="radio" part="radio" name="sms" value="no" .checked=${!sms} @change=${choose(false)} /><label for="sms-no" part="label">${t.review.smsNo}</label></div>
    </fieldset>`;
  }

  /**
   * A link to the host's `terms-url` (http(s) only) under the terms checkbox. Not inside the label:
   * there it would be a tap target one line high, and a tap beside it would tick the box.
   */
  private renderTermsLink(): TemplateResult | typeof nothing {
    const t = this.booking!.t;
    const href = safeHttpUrl(this.booking!.termsUrl);
    if (href === undefined) return nothing;
    return html`<p class="terms-link"><a part="link" href=${href} target="_blank" rel="noopener">${t.review.readTerms}<span class="visually-hidden"> ${t.contact.newTab}</span></a></p>`;
  }

  private renderContact(): TemplateResult {
    const s = this.booking!;
    const t = s.t;
    const form = s.form;
    const update = this.intents?.updateForm.bind(this.intents) ?? (() => undefined);
    const phoneInvalid = this.invalid.phone && form.mobilePhone.trim() === '';
    const termsInvalid = this.invalid.terms && !form.termsAccepted;
    return html`<section>
      <h3 part="subheading">${t.review.contactHeading}</h3>
      <div class="field">
        <label for="phone" part="label">${t.review.phone}</label>
        <input id="phone" type="tel" part="input" autocomplete="tel" required .value=${form.mobilePhone}
          aria-invalid=${phoneInvalid ? 'true' : 'false'} aria-describedby=${phoneInvalid ? 'phone-error' : nothing}
          @input=${(e: Event) => update({ mobilePhone: (e.target as HTMLInputElement).value })} />
        ${phoneInvalid ? html`<span id="phone-error" class="error" part="error">${t.review.phoneRequired}</span>` : nothing}
      </div>
      <div class="field">
        <label for="email" part="label">${t.review.email}</label>
        <input id="email" type="email" part="input" autocomplete="email" .value=${form.email}
          @input=${(e: Event) => update({ email: (e.target as HTMLInputElement).value })} />
      </div>
      <div class="field">
        <label for="comment" part="label">${t.review.comment}</label>
        <textarea id="comment" part="input" maxlength="500" .value=${form.comment}
          @input=${(e: Event) => update({ comment: (e.target as HTMLTextAreaElement).value })}></textarea>
      </div>
      ${this.renderSms()}
      <div class="check">
        <input id="terms" type="checkbox" part="checkbox" required .checked=${form.termsAccepted}
          aria-invalid=${termsInvalid ? 'true' : 'false'} aria-describedby=${termsInvalid ? 'terms-error' : nothing}
          @change=${(e: Event) => update({ termsAccepted: (e.target as HTMLInputElement).checked })} />
        <label for="terms" part="label">${t.review.terms}</label>
      </div>
      ${this.renderTermsLink()}
      ${termsInvalid ? html`<p id="terms-error" class="error" part="error">${t.review.termsRequired}</p>` : nothing}
    </section>`;
  }

  protected override render(): unknown {
    const s = this.booking;
    if (s === undefined) return nothing;
    const t = s.t;
    const problem = s.bookProblem;
    const busy = s.bookStatus === 'loading';
    return html`
      <h2 tabindex="-1" part="heading">${s.rescheduling === undefined ? t.review.heading : t.review.rescheduleHeading}</h2>
      ${this.renderSummary()}
      ${this.renderSignIn()}
      <form @submit=${this.submit} novalidate>
        ${s.rescheduling === undefined && s.session.signedIn ? this.renderContact() : nothing}
        ${problem === undefined || problem.reason === 'slot-taken' ? nothing : html`<div class="notice error" part="error"><p>${t.reasons[problem.reason]}</p>
          ${needsTheClinic(problem.reason) ? html`<itb-clinic-contact exportparts="contact, link" .clinic=${selectedClinic(s)}></itb-clinic-contact>` : nothing}</div>`}
        <div class="actions">
          <button type="button" class="button" part="button" @click=${() => this.intents?.back()}>${t.common.back}</button>
          ${s.session.signedIn ? html`
            <button type="submit" class="button primary" part="button primary-button" data-focus="book" aria-disabled=${busy ? 'true' : 'false'} aria-busy=${busy ? 'true' : 'false'}>
              ${busy ? t.review.working : s.rescheduling === undefined ? t.review.book : t.review.confirmReschedule}
            </button>` : nothing}
        </div>
      </form>
    `;
  }
}

defineOnce('itb-review-step', ItbReviewStep);

declare global {
  interface HTMLElementTagNameMap { 'itb-review-step': ItbReviewStep }
}
