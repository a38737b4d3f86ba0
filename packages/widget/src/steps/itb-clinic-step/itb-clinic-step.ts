import { searchClinics, safeHttpUrl } from '@itb/shared';
import type { Clinic } from '@itb/shared';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { defineOnce } from '../../define-once.js';
import { visibleClinics } from '../../state/selection.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { StepElement } from '../step-element.js';
import { clinicStepStyles } from './itb-clinic-step.styles.js';

/** A search box appears once the list is longer than this. */
const SEARCH_THRESHOLD = 6;

/**
 * @tagname itb-clinic-step
 * @summary Choose the clinic: name, address, area and photo; a search when there are many.
 * Clinics with external booking show a link to their own booking site instead of being selectable.
 *
 * @csspart heading - The clinic list heading.
 * @csspart card - Each clinic card.
 * @csspart search - The search input.
 */
export class ItbClinicStep extends StepElement {
  static override styles = [sharedStyles, clinicStepStyles];

  /** The select screen's heading and focus belong to `<itb-booking>`. */
  protected override takesFocus = false;

  @state() private query = '';

  private address(clinic: Clinic): string {
    const a = clinic.address;
    if (a === undefined) return '';
    return a.text ?? [...a.lines, [a.postalCode, a.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  }

  private renderClinic(clinic: Clinic, chosen: string | undefined, campaign: boolean): TemplateResult {
    const t = this.booking!.t;
    const external = clinic.info.hasExternalBooking;
    // Clinic data is untrusted: only an http(s) address becomes a link.
    const externalHref = safeHttpUrl(clinic.externalBookingUrl);
    const body = html`
      ${clinic.photo === undefined ? html`<span class="photo" aria-hidden="true"></span>` : html`<img class="photo" src=${clinic.photo} alt="" />`}
      <span class="body">
        ${clinic.area === undefined ? nothing : html`<span class="area">${clinic.area.name}</span>`}
        <span class="name">${clinic.name}${campaign ? html` <span class="badge">${t.treatment.campaign}</span>` : nothing}</span>
        <span class="address muted">${this.address(clinic)}</span>
        ${external ? html`
          <span class="external">${t.clinic.externalBooking}</span>
          ${externalHref === undefined ? nothing : html`<a href=${externalHref} target="_blank" rel="noopener">${t.clinic.externalLink(clinic.name)}</a>`}` : nothing}
      </span>`;
    if (external) {
      // No radio, but the same grid: an empty first column keeps photo and text aligned with the others.
      return html`<li class="card choice disabled clinic" part="card"><span class="no-radio"></span>${body}</li>`;
    }
    return html`<li>
      <label class="card choice clinic" part="card">
        <input type="radio" name="clinic" .value=${clinic.id} .checked=${clinic.id === chosen}
          @change=${() => this.intents?.chooseClinic(clinic.id)} />
        ${body}
      </label>
    </li>`;
  }

  protected override render(): unknown {
    const s = this.booking;
    if (s === undefined) return nothing;
    const t = s.t;
    const all = visibleClinics(s);
    const clinics = this.query.trim() === '' ? all : searchClinics(all, this.query);
    const campaignClinics = s.campaign?.clinicIds ?? [];
    return html`
      <fieldset>
        <legend part="heading">${t.clinic.heading} <span class="muted">(${t.clinic.count(all.length)})</span></legend>
        ${all.length > SEARCH_THRESHOLD ? html`
          <div class="field search">
            <label for="search">${t.clinic.searchLabel}</label>
            <input id="search" type="search" part="search" autocomplete="off" .value=${this.query}
              @input=${(e: Event) => { this.query = (e.target as HTMLInputElement).value; }} />
          </div>` : nothing}
        ${clinics.length === 0 ? html`<p>${t.clinic.noMatch}</p>` : html`
          <ul class="list">${clinics.map((c) => this.renderClinic(c, s.clinicId, campaignClinics.includes(c.id)))}</ul>`}
      </fieldset>
    `;
  }
}

defineOnce('itb-clinic-step', ItbClinicStep);

declare global {
  interface HTMLElementTagNameMap { 'itb-clinic-step': ItbClinicStep }
}
