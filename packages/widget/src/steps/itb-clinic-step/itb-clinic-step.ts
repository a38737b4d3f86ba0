import { clinicLanguage, searchClinics, safeHttpUrl } from '@itb/shared';
import type { Clinic } from '@itb/shared';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import { defineOnce } from '../../define-once.js';
import { visibleClinics } from '../../state/selection.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { CollapseToChosen } from '../collapse-to-chosen.js';
import { renderPhoto } from '../photo.js';
import { StepElement } from '../step-element.js';
import { clinicStepStyles } from './itb-clinic-step.styles.js';

/** A search box appears once the list is longer than this. */
const SEARCH_THRESHOLD = 6;

/**
 * @tagname itb-clinic-step
 * @summary Choose the clinic: name, address, area and photo; a search when there are many.
 * Clinics with external booking show a link to their own booking site instead of being selectable.
 * Once a clinic is chosen the list collapses to its card, with a Change button that opens it again.
 *
 * @csspart heading - The clinic list heading.
 * @csspart card - Each clinic card.
 * @csspart search - The search input.
 * @csspart button - The Change button of the chosen clinic.
 * @csspart radio - Each clinic's radio button.
 * @csspart photo - Each clinic's photo.
 * @csspart badge - The campaign badge.
 * @csspart label - The search label.
 * @csspart link - A clinic's own booking site.
 */
export class ItbClinicStep extends StepElement {
  static override styles = [sharedStyles, clinicStepStyles];

  /** The select screen's heading and focus belong to `<itb-booking>`. */
  protected override takesFocus = false;

  @state() private query = '';

  private readonly collapse = new CollapseToChosen(this, 'clinic');

  private address(clinic: Clinic): string {
    const a = clinic.address;
    if (a === undefined) return '';
    return a.text ?? [...a.lines, [a.postalCode, a.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  }

  private renderClinic(clinic: Clinic, chosen: string | undefined, campaign: boolean, collapsed: boolean): TemplateResult {
    const t = this.booking!.t;
    const external = clinic.info.hasExternalBooking;
    // Clinic data is untrusted: only an http(s) address becomes a link.
    const externalHref = safeHttpUrl(clinic.externalBookingUrl);
    // Names and streets are in the clinic's language: screen readers pronounce them so, and hyphens follow its rules.
    const lang = ifDefined(clinicLanguage(clinic));
    const body = html`
      ${renderPhoto(clinic.photo)}
      <span class="body">
        ${clinic.area === undefined ? nothing : html`<span class="area" lang=${lang}>${clinic.area.name}</span>`}
        <span class="name"><span lang=${lang}>${clinic.name}</span>${campaign ? html` <span class="badge" part="badge">${t.treatment.campaign}</span>` : nothing}</span>
        <span class="address muted" lang=${lang}>${this.address(clinic)}</span>
        ${external ? html`
          <span class="external">${t.clinic.externalBooking}</span>
          ${externalHref === undefined ? nothing : html`<a part="link" href=${externalHref} target="_blank" rel="noopener">${t.clinic.externalLink(clinic.name)}</a>`}` : nothing}
      </span>`;
    const change = collapsed ? html`<button type="button" class="button change" part="button" aria-label=${t.clinic.changeLabel}
      @click=${() => this.collapse.reopen()}>${t.clinic.change}</button>` : nothing;
    if (external) {
      // No radio, but the same grid: an empty first column keeps photo and text aligned with the others.
      return html`<li class=${collapsed ? 'chosen' : ''}><div class="card choice disabled clinic" part="card"><span class="no-radio"></span>${body}</div>${change}</li>`;
    }
    return html`<li class=${collapsed ? 'chosen' : ''}>
      <label class="card choice clinic" part="card">
        <input type="radio" name="clinic" part="radio" .value=${clinic.id} .checked=${clinic.id === chosen}
          @click=${this.collapse.onRadioClick} @change=${() => this.intents?.chooseClinic(clinic.id)} />
        ${body}
      </label>
      ${change}
    </li>`;
  }

  protected override render(): unknown {
    const s = this.booking;
    if (s === undefined) return nothing;
    const t = s.t;
    const all = visibleClinics(s);
    const open = this.collapse.isOpen(s.clinicId, all.map((c) => c.id));
    const matching = this.query.trim() === '' ? all : searchClinics(all, this.query);
    // The chosen clinic stays listed while the list is open, even when the search no longer matches it.
    const clinics = open ? matching : all.filter((c) => c.id === s.clinicId);
    const campaignClinics = s.campaign?.clinicIds ?? [];
    return html`
      <fieldset class=${open ? 'open' : 'collapsed'} @focusout=${this.collapse.onFocusout}>
        <legend part="heading">${t.clinic.heading}${open ? html` <span class="muted">(${t.clinic.count(all.length)})</span>` : nothing}</legend>
        ${open && all.length > SEARCH_THRESHOLD ? html`
          <div class="field search">
            <label for="search" part="label">${t.clinic.searchLabel}</label>
            <input id="search" type="search" part="search" autocomplete="off" .value=${this.query}
              @input=${(e: Event) => { this.query = (e.target as HTMLInputElement).value; }} />
          </div>` : nothing}
        ${clinics.length === 0 ? html`<p>${t.clinic.noMatch}</p>` : html`
          <ul class="list" @keydown=${this.collapse.onKeydown}>${repeat(clinics, (c) => c.id,
            (c) => this.renderClinic(c, s.clinicId, campaignClinics.includes(c.id), !open))}</ul>`}
      </fieldset>
    `;
  }
}

defineOnce('itb-clinic-step', ItbClinicStep);

declare global {
  interface HTMLElementTagNameMap { 'itb-clinic-step': ItbClinicStep }
}
