// Over 300 lines because the public API (attributes, methods and the manifest's JSDoc tags) is
// declared on the class itself; the behaviour behind it lives in state/ and embed/.
import { CAMPAIGN_PARAM, safeHttpUrl } from '@itb/shared';
import { ContextProvider } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { defineOnce } from '../define-once.js';
import { EmbedMode, embedModeOf, type EmbedModeName } from '../embed/embed-mode.js';
import { readDeepLink, startChoices, type ItbPrefill } from '../embed/start-choices.js';
import type { BookingConfig } from '../state/booking-controller.js';
import { BookingController } from '../state/booking-controller.js';
import { bookingIntentsContext, bookingStateContext } from '../state/booking-context.js';
import type { BookingSnapshot } from '../state/booking-state.js';
import { selectedClinic } from '../state/selection.js';
import { sharedStyles } from '../styles/shared.styles.js';
import { skeletonStyles } from '../styles/skeleton.styles.js';
import { skeleton } from '../steps/skeleton.js';
import '../campaign/itb-campaign-field/itb-campaign-field.js';
import '../steps/itb-clinic-step/itb-clinic-step.js';
import '../steps/itb-treatment-step/itb-treatment-step.js';
import { isStepReady, loadStep, prefetchSteps } from '../steps/step-loader.js';
import { bookingStyles } from './itb-booking.styles.js';
import { themeStyles } from '../styles/theme.styles.js';
import type { ItbStrings } from '../locales/strings.js';
import { brandSlot, brandSlotStyles } from './brand-slots.js';

/** Parts of the step elements, forwarded so `itb-booking::part(card)` reaches into every step. */
const STEP_PARTS = 'heading, card, button, time-button, day, first-free, summary, input, search, message, dialog, contact, skeleton, '
  + 'primary-button, radio, checkbox, label, photo, badge, notice, error, hint, link, subheading, day-picker, week-label, week-button, day-heading, day-part-heading';

/**
 * @tagname itb-booking
 * @summary The whole patient journey in one element: clinic and treatment, campaign code,
 * practitioner, time, review with BankID sign-in, confirmation, and My bookings.
 *
 * @fires itb-step-change - {ItbStepChangeEvent} The journey moved to another step; detail `{ step, previous }`.
 * @fires itb-booked - {ItbBookedEvent} A booking was made; detail `{ appointmentId, start, end, clinicId, treatmentId, practitionerRoleId, attribution }` (`attribution`: the page's cleaned UTM values).
 * @fires itb-rescheduled - {ItbRescheduledEvent} A booking was moved; detail `{ appointmentId, start, end, previousStart }`.
 * @fires itb-cancelled - {ItbCancelledEvent} A booking was cancelled; detail `{ appointmentId, start }`.
 * @fires itb-signed-in - {ItbSignedInEvent} The patient signed in; detail `{ mode: 'popup' | 'redirect' }`.
 * @fires itb-error - {ItbErrorEvent} Something failed and a message was shown; detail `{ reason, status, operation }`.
 * @fires itb-open - {ItbOpenEvent} The popup opened (popup and floating mode); detail `{ step }`.
 * @fires itb-close - {ItbCloseEvent} The popup closed (close button, Esc or `close()`); detail `{ step }`, the step it was closed on.
 *
 * @csspart base - The widget's outer box.
 * @csspart heading - Each step heading.
 * @csspart card - Clinic, treatment, practitioner and booking cards.
 * @csspart button - Buttons.
 * @csspart time-button - Each free time.
 * @csspart day - Each day of the time step's day strip.
 * @csspart first-free - The time step's "first available time" button.
 * @csspart summary - Booking summaries.
 * @csspart input - Text inputs.
 * @csspart search - The clinic search input.
 * @csspart message - The campaign message.
 * @csspart dialog - The cancel confirmation dialog.
 * @csspart error - Error notices (configuration, loading, a failed booking) and error messages (fields, why an offer cannot be booked).
 * @csspart contact - The clinic's phone, e-mail or web site wherever the patient is told to contact the clinic.
 * @csspart skeleton - The placeholder shown while a list loads.
 * @csspart primary-button - Each step's main action (Continue, Sign in, Book, Add to calendar…); also part `button`. The time step's is `first-free`.
 * @csspart radio - Every radio button (clinic, treatment, practitioner, SMS yes/no).
 * @csspart checkbox - The terms checkbox.
 * @csspart label - Labels of inputs, the terms checkbox and the SMS answers.
 * @csspart photo - Clinic and practitioner photos (and the empty box where there is none).
 * @csspart badge - Campaign and "cancelled" badges.
 * @csspart notice - Notice boxes that are not errors: information, warnings, an applied campaign (error notices are part `error`).
 * @csspart hint - The hint under Continue that says what is missing.
 * @csspart subheading - Headings inside a step: Sign in, Contact details, Upcoming, Past, a dialog's or a notice's title.
 * @csspart link - Links in the journey: external booking, the booking terms, the clinic's contact.
 * @csspart day-picker - The time step's week of days with its week buttons.
 * @csspart week-label - The week the day picker shows.
 * @csspart week-button - The previous and next week buttons (also part `button`).
 * @csspart day-heading - The heading of the chosen day above its times.
 * @csspart day-part-heading - The morning, afternoon and evening headings.
 * @csspart header - The box of the `header` slot (hidden while the slot is empty).
 * @csspart legal - The box of the `legal` slot.
 * @csspart footer - The box of the `footer` slot.
 * @csspart popup - The dialog of popup and floating mode.
 * @csspart close-button - The popup's close button.
 * @csspart floating-button - Floating mode's fixed button that opens the popup (also part `button`).
 *
 * @slot header - Above every step (a logo, the clinic's name): the page's own markup and styles.
 * @slot legal - Under each step's buttons, in small print: privacy and consent text beside "Book".
 * @slot footer - Last in every step (opening hours, a phone number).
 *
 * @cssproperty --itb-font-family - Font; inherits the page's font by default.
 * @cssproperty --itb-font-size - Base font size, an absolute length (default 16px: the page's root font size does not change it).
 * @cssproperty --itb-line-height - Line height (default 1.5).
 * @cssproperty --itb-color-primary - Buttons, selection and links (default #0b5cad; dark theme #82b6ff).
 * @cssproperty --itb-color-on-primary - Text on primary buttons (default #fff; dark theme #0b1726).
 * @cssproperty --itb-color-text - Text colour (default #1b1f24; dark theme #e8ebef).
 * @cssproperty --itb-color-muted - Secondary text (default #4d5560; dark theme #b1b9c4).
 * @cssproperty --itb-color-surface - Background (default #fff; dark theme #15181c).
 * @cssproperty --itb-color-surface-alt - Notices and disabled cards (default #f3f5f8; dark theme #23282f).
 * @cssproperty --itb-color-border - Card and input borders (default #767d87; dark theme #8b949f).
 * @cssproperty --itb-color-error - Errors (default #b3261e; dark theme #ff9189).
 * @cssproperty --itb-color-success - The confirmation mark (default #1e6b34; dark theme #5ccf7e).
 * @cssproperty --itb-color-accent - Campaign badges (default #7a3e00; dark theme #f3b56c).
 * @cssproperty --itb-color-on-accent - Text on badges (default #fff; dark theme #1d1102).
 * @cssproperty --itb-color-link - Links (default #0b5cad; dark theme #82b6ff).
 * @cssproperty --itb-color-focus - Focus ring (default #0b5cad; dark theme #82b6ff).
 * @cssproperty --itb-radius - Corner radius (default 8px).
 * @cssproperty --itb-space-s - Small spacing (default 0.5em).
 * @cssproperty --itb-space-m - Medium spacing (default 1em).
 * @cssproperty --itb-space-l - Large spacing (default 1.5em).
 * @cssproperty --itb-max-width - Maximum width (default 64em).
 */
export class ItbBooking extends LitElement {
  static override styles = [sharedStyles, skeletonStyles, bookingStyles, themeStyles, brandSlotStyles];

  /** Base URL of the booking BFF (required), e.g. `https://clinic.example/booking-api`. */
  @property() bff?: string;
  /** `sv`, `nb`, `da`, `fi` or `en`; defaults to the page's `<html lang>`, then English. */
  @property() locale?: string;
  /** Preselect a clinic by id, URL placeholder or name. */
  @property() clinic?: string;
  /** Preselect a treatment by id, code or title. */
  @property() treatment?: string;
  /** Preselect a practitioner (PractitionerRole id or name) once clinic and treatment are chosen. */
  @property() practitioner?: string;
  /** A campaign code to apply from the start. */
  @property() campaign?: string;
  /** Also read a campaign code from the page's `?campaign=` parameter. */
  @property({ type: Boolean, attribute: 'campaign-from-url' }) campaignFromUrl = false;
  /** `book` (default) or `my-bookings`. */
  @property() view?: string;
  /** The clinic chain's booking terms (http or https); the review step's terms checkbox links to them. */
  @property({ attribute: 'terms-url' }) termsUrl?: string;
  /**
   * Leave the browser history alone: by default each step is a history entry (Back goes to the
   * previous step, a reload restores the journey). Set it on pages that manage history themselves.
   */
  @property({ type: Boolean, attribute: 'no-history' }) noHistory = false;
  /**
   * `inline` (default): the journey shows where the element is. `popup`: in a modal dialog that
   * `open()` or any `data-itb-open` element on the page opens. `floating`: a popup plus a fixed
   * button at the bottom right that opens it. Reflected, so `data-itb-open` can find popup widgets.
   */
  @property({ reflect: true }) mode?: string;
  /**
   * Colours: `light` (the default; also without the attribute), `dark`, or `auto`, which follows the
   * system's `prefers-color-scheme` and changes with it. Tokens the page sets on the element win in
   * every theme. Reflected, so the theme's styles apply when it is set as a property.
   */
  @property({ reflect: true }) theme?: 'auto' | 'light' | 'dark';
  /**
   * The page's own wording over any text, per locale, merged over the shipped translation, also over
   * a language loaded later: `el.strings = { sv: { common: { continue: 'Gå vidare' } } }`. JavaScript
   * only (no attribute); assign a new object to change it. Text only: it is never parsed as HTML.
   */
  @property({ attribute: false }) strings?: ItbStrings;

  private readonly controller = new BookingController(this);
  private readonly stateProvider = new ContextProvider(this, { context: bookingStateContext, initialValue: this.controller.snapshot });
  private readonly embed = new EmbedMode(this, () => this.controller.snapshot.step);
  /** What `prefill()` set (cleared by `reset()`). */
  private prefilled: ItbPrefill = {};
  /** The page URL's deep-link parameters, read once when the element starts. */
  private deepLink: ItbPrefill | undefined;
  /** Settles once the last `reset()` or `prefill()` has put the journey back at its start. */
  private restarted: Promise<unknown> = Promise.resolve();

  constructor() {
    super();
    new ContextProvider(this, { context: bookingIntentsContext, initialValue: this.controller });
    this.controller.subscribe((snapshot) => this.stateProvider.setValue(snapshot));
  }

  /** This element's key for the journey saved across a login redirect. */
  private storageKey(): string {
    const index = [...document.querySelectorAll('itb-booking')].indexOf(this);
    return `itb-booking:${this.id === '' ? String(index) : this.id}`;
  }

  private campaignCode(): string | undefined {
    if (this.campaign !== undefined && this.campaign !== '') return this.campaign;
    if (!this.campaignFromUrl) return undefined;
    return new URL(window.location.href).searchParams.get(CAMPAIGN_PARAM) ?? undefined;
  }

  private configured = false;

  private bookingConfig(): BookingConfig {
    this.deepLink ??= readDeepLink(window.location.href);
    const attributes = { clinic: this.clinic, treatment: this.treatment, practitioner: this.practitioner, campaign: this.campaign };
    // prefill() over attributes over deep links (start-choices.ts); the opt-in `?campaign=` last.
    const choices = startChoices(this.prefilled, attributes, this.deepLink, { campaign: this.campaignCode() });
    return {
      bff: this.bff, locale: this.locale, ...choices, view: this.view, storageKey: this.storageKey(),
      history: !this.noHistory, termsUrl: this.termsUrl, strings: this.strings,
    };
  }

  private applyAttributes(): void {
    this.configured = true;
    this.controller.configure(this.bookingConfig());
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The catalog request starts here, as the element is connected, not at its first render.
    if (!this.configured) this.applyAttributes();
    // Back from a sign-in that left the page: the journey continues in the popup it was in.
    if (this.controller.takeSignInReturn() && this.embedMode !== 'inline') this.open();
  }

  /** `mode` as a known value: any other works as inline. */
  private get embedMode(): EmbedModeName {
    return embedModeOf(this.mode);
  }

  /**
   * Opens the booking. Popup and floating mode: shows the dialog, moves focus to the step's heading
   * and fires `itb-open`; on close, focus returns to `opener`, by default the element that had focus.
   * Inline: scrolls the widget into view and moves focus to its heading (no event: nothing opened).
   * @param opener - Where focus goes when the popup closes.
   */
  open(opener?: HTMLElement): void {
    // After prefill(), the popup opens on the new journey, not on the old one's step.
    void this.embed.open(this.embedMode, opener, this.restarted);
  }

  /** Closes the popup and fires `itb-close`; the journey is kept for the next `open()`. Inline: does nothing. */
  close(): void {
    this.embed.close();
  }

  /**
   * Starts a new journey as the page configured it: the attributes and deep links apply again, and
   * the patient's choices, the chosen time, a campaign code they entered and what `prefill()` set
   * are cleared. A signed-in patient stays signed in. An open popup stays open.
   */
  reset(): void {
    this.prefilled = {};
    this.restart();
  }

  /**
   * Starts a new journey with these choices, matched as the attributes of the same names are (id,
   * code or name; one that matches nothing shows the same message). A key given wins over its
   * attribute, one left out falls back to it. Does not open the popup: call `open()` for that.
   * @param values - `{ clinic, treatment, practitioner, campaign }`, each optional.
   */
  prefill(values: ItbPrefill): void {
    this.prefilled = { ...values };
    this.restart();
  }

  private restart(): void {
    // Not connected yet: connectedCallback applies the choices.
    if (this.configured) this.restarted = this.controller.startOver(this.bookingConfig()).then(() => this.embed.refocus(), () => undefined);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const relevant: (keyof ItbBooking)[] = ['bff', 'locale', 'clinic', 'treatment', 'practitioner', 'campaign', 'campaignFromUrl', 'view', 'noHistory', 'termsUrl', 'strings'];
    if (!this.configured || relevant.some((key) => changed.has(key))) this.applyAttributes();
    if (changed.has('mode')) this.embed.use(this.embedMode);
    this.loadCurrentStep();
  }

  /** The step's code could not be fetched (offline): say so, with a retry, instead of a blank box. */
  @state() private stepCodeMissing = false;
  private prefetched = false;

  private loadCurrentStep(): void {
    const s = this.controller.snapshot;
    if (!isStepReady(s.step)) {
      loadStep(s.step).then(() => { this.stepCodeMissing = false; this.requestUpdate(); }, () => { this.stepCodeMissing = true; });
    }
    // The first screen is up: fetch what Continue leads to while the patient chooses.
    if (s.catalog !== undefined && !this.prefetched) {
      this.prefetched = true;
      prefetchSteps(s.step === 'my-bookings' ? ['time', 'review'] : ['practitioner', 'time', 'review']);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const s = this.controller.snapshot;
    // The select screen's heading belongs to this element (it spans clinic, campaign and treatment).
    if (s.step === 'select' && s.moveFocus && this.lastStep !== 'select') this.renderRoot.querySelector<HTMLElement>('#select-heading')?.focus();
    this.lastStep = s.catalog === undefined ? undefined : s.step;
  }

  private lastStep: BookingSnapshot['step'] | undefined;

  /** The two live regions, present from the start; each message is a new node, so it is said once, and again if set again. */
  private renderLiveRegions(s: BookingSnapshot): TemplateResult {
    return html`
      <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${keyed(s.announcementSeq, html`<span>${s.announcement}</span>`)}</div>
      <div class="visually-hidden" aria-live="assertive" aria-atomic="true">${keyed(s.alertSeq, html`<span>${s.alert}</span>`)}</div>`;
  }

  private renderSelect(s: BookingSnapshot): TemplateResult {
    const t = s.t;
    const clinic = selectedClinic(s);
    const incomplete = s.clinicId === undefined || s.treatmentId === undefined;
    // A clinic with external booking (preselected by a CMS page) gets a link out instead of times,
    // and only to an http(s) address (clinic data is untrusted).
    const external = clinic?.info.hasExternalBooking === true;
    const externalHref = safeHttpUrl(clinic?.externalBookingUrl);
    return html`
      <h2 tabindex="-1" part="heading" id="select-heading">${t.select.heading}</h2>
      <itb-campaign-field exportparts=${STEP_PARTS}></itb-campaign-field>
      <div class="select-grid">
        <itb-clinic-step exportparts=${STEP_PARTS}></itb-clinic-step>
        <itb-treatment-step exportparts=${STEP_PARTS}></itb-treatment-step>
      </div>
      ${external ? html`<div class="notice" part="notice">
        <p>${t.clinic.externalBooking}</p>
        ${externalHref === undefined ? nothing : html`<a class="button primary" part="button primary-button" href=${externalHref} target="_blank" rel="noopener">${t.clinic.externalLink(clinic.name)}</a>`}
      </div>` : html`
      <div class="actions">
        <button type="button" class="button primary" part="button primary-button" aria-describedby=${incomplete ? 'select-hint' : nothing}
          aria-disabled=${incomplete ? 'true' : 'false'}
          @click=${() => this.controller.continueFromSelect()}>${t.common.continue}</button>
      </div>
      ${incomplete ? html`<p id="select-hint" class="muted" part="hint">${t.select.chooseBoth}</p>` : nothing}`}`;
  }

  private renderStep(s: BookingSnapshot): TemplateResult | typeof nothing {
    const t = s.t;
    if (s.catalogStatus === 'error' && s.catalog === undefined) {
      return html`<div class="notice error" part="error"><p>${t.reasons[s.catalogProblem?.reason ?? 'unknown']}</p>
        <button type="button" class="button" part="button" @click=${() => this.controller.retry()}>${t.common.retry}</button></div>`;
    }
    if (s.catalog === undefined) return skeleton(t.common.loading, 4);
    if (this.stepCodeMissing) {
      return html`<div class="notice error" part="error"><p>${t.reasons.network}</p>
        <button type="button" class="button" part="button" @click=${() => this.loadCurrentStep()}>${t.common.retry}</button></div>`;
    }
    if (!isStepReady(s.step)) return skeleton(t.common.loading);
    switch (s.step) {
      case 'select':
        return this.renderSelect(s);
      case 'practitioner':
        return html`<itb-practitioner-step exportparts=${STEP_PARTS}></itb-practitioner-step>`;
      case 'time':
        return html`<itb-time-step exportparts=${STEP_PARTS}></itb-time-step>`;
      case 'review':
        return html`<itb-review-step exportparts=${STEP_PARTS}></itb-review-step>`;
      case 'confirmation':
        return html`<itb-confirmation-step exportparts=${STEP_PARTS}></itb-confirmation-step>`;
      case 'my-bookings':
        return html`<itb-my-bookings exportparts=${STEP_PARTS}></itb-my-bookings>`;
    }
  }

  protected override render(): unknown {
    const s = this.controller.snapshot;
    const t = s.t;
    const journey = html`
      <div class="base" part="base" role="region" aria-label=${t.common.widgetLabel} lang=${t.code}>
        ${brandSlot(this, 'header')}
        ${this.renderLiveRegions(s)}
        ${s.configErrors.length === 0 ? nothing : html`
          <div class="notice error config" part="error">
            <h2 part="subheading">${t.config.heading}</h2>
            ${s.configErrors.map((e) => html`<p>${e}</p>`)}
          </div>`}
        ${s.preselectErrors.length === 0 ? nothing : html`
          <div class="notice error" part="error">${s.preselectErrors.map((e) => html`<p>${e}</p>`)}</div>`}
        ${s.fatal ? nothing : this.renderStep(s)}
        ${brandSlot(this, 'legal')}
        ${brandSlot(this, 'footer')}
      </div>
    `;
    return this.embed.render(this.embedMode, journey, t);
  }
}

defineOnce('itb-booking', ItbBooking);

declare global {
  interface HTMLElementTagNameMap { 'itb-booking': ItbBooking }
}
