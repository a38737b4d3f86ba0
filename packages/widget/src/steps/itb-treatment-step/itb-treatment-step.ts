import type { Catalog, Treatment } from '@itb/shared';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { defineOnce } from '../../define-once.js';
import { describingOffer, offersOfTreatment, treatmentBookability, visibleTreatments } from '../../state/selection.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { explainNotBookable } from '../explain-not-bookable.js';
import { StepElement } from '../step-element.js';
import { treatmentStepStyles } from './itb-treatment-step.styles.js';

/**
 * @tagname itb-treatment-step
 * @summary Choose the treatment: title, duration, price (as the clinic shows it) and description.
 * A treatment that cannot be booked at the chosen clinic (offline, or not searchable) shows why and
 * cannot be chosen; campaign treatments are marked.
 *
 * @csspart heading - The treatment list heading.
 * @csspart card - Each treatment card.
 */
export class ItbTreatmentStep extends StepElement {
  static override styles = [sharedStyles, treatmentStepStyles];

  protected override takesFocus = false;

  private renderTreatment(catalog: Catalog, treatment: Treatment): TemplateResult {
    const s = this.booking!;
    const t = s.t;
    const first = describingOffer(offersOfTreatment(s, treatment.id));
    const notBookable = explainNotBookable(t.treatment, treatmentBookability(catalog, s.clinicId, treatment.id));
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
        ${notBookable === undefined ? nothing : html`<br /><span class="error">${notBookable}</span>`}
      </span>`;
    return html`<li>
      <label class="card choice ${notBookable === undefined ? '' : 'disabled'}" part="card">
        <input type="radio" name="treatment" .value=${treatment.id} .checked=${treatment.id === s.treatmentId}
          ?disabled=${notBookable !== undefined} @change=${() => this.intents?.chooseTreatment(treatment.id)} />
        ${body}
      </label>
    </li>`;
  }

  protected override render(): unknown {
    const s = this.booking;
    if (s?.catalog === undefined) return nothing;
    const catalog = s.catalog;
    const treatments = visibleTreatments(s);
    return html`
      <fieldset>
        <legend part="heading">${s.t.treatment.heading}</legend>
        ${treatments.length === 0 ? html`<p>${s.t.treatment.none}</p>` : html`
          <ul class="list">${treatments.map((tr) => this.renderTreatment(catalog, tr))}</ul>`}
      </fieldset>
    `;
  }
}

defineOnce('itb-treatment-step', ItbTreatmentStep);

declare global {
  interface HTMLElementTagNameMap { 'itb-treatment-step': ItbTreatmentStep }
}
