import type { Treatment } from '@itb/shared';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { defineOnce } from '../../define-once.js';
import { offersOfTreatment, onlineState, visibleTreatments } from '../../state/selection.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { StepElement } from '../step-element.js';
import { treatmentStepStyles } from './itb-treatment-step.styles.js';

/**
 * @tagname itb-treatment-step
 * @summary Choose the treatment: title, duration, price (as the clinic shows it) and description.
 * Offline offers show their reason and cannot be chosen; campaign treatments are marked.
 *
 * @csspart heading - The treatment list heading.
 * @csspart card - Each treatment card.
 */
export class ItbTreatmentStep extends StepElement {
  static override styles = [sharedStyles, treatmentStepStyles];

  protected override takesFocus = false;

  private renderTreatment(treatment: Treatment): TemplateResult {
    const s = this.booking!;
    const t = s.t;
    const offers = offersOfTreatment(s, treatment.id);
    const first = offers.find((o) => o.isOnline) ?? offers[0];
    const online = s.clinicId === undefined ? { online: true } : onlineState(offers);
    const campaign = s.campaign?.treatmentIds.includes(treatment.id) === true || (s.campaign !== undefined && treatment.campaigns.includes(s.campaign.tag));
    const descriptionId = `d-${treatment.id}`;
    const body = html`
      <span class="body">
        <span class="title">${treatment.title}</span>
        ${campaign ? html` <span class="badge">${t.treatment.campaign}</span>` : nothing}
        <span class="facts muted">
          ${first?.duration === undefined ? nothing : html`<span>${t.treatment.duration}: ${first.duration}</span>`}
          ${first?.price === undefined ? nothing : html`<span>${t.treatment.price}: ${first.price}</span>`}
        </span>
        ${treatment.description === undefined ? nothing : html`<span class="description" id=${descriptionId}>${treatment.description}</span>`}
        ${online.online ? nothing : html`<br /><span class="error">${t.treatment.offline(online.reason ?? '')}</span>`}
      </span>`;
    return html`<li>
      <label class="card choice ${online.online ? '' : 'disabled'}" part="card">
        <input type="radio" name="treatment" .value=${treatment.id} .checked=${treatment.id === s.treatmentId}
          ?disabled=${!online.online} @change=${() => this.intents?.chooseTreatment(treatment.id)} />
        ${body}
      </label>
    </li>`;
  }

  protected override render(): unknown {
    const s = this.booking;
    if (s === undefined) return nothing;
    const treatments = visibleTreatments(s);
    return html`
      <fieldset>
        <legend part="heading">${s.t.treatment.heading}</legend>
        ${treatments.length === 0 ? html`<p>${s.t.treatment.none}</p>` : html`
          <ul class="list">${treatments.map((tr) => this.renderTreatment(tr))}</ul>`}
      </fieldset>
    `;
  }
}

defineOnce('itb-treatment-step', ItbTreatmentStep);

declare global {
  interface HTMLElementTagNameMap { 'itb-treatment-step': ItbTreatmentStep }
}
