import { catalogLanguage } from '@itb/shared';
import type { Catalog, Treatment } from '@itb/shared';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import { defineOnce } from '../../define-once.js';
import { describingOffer, offersOfTreatment, selectedClinic, treatmentBookability, visibleTreatments } from '../../state/selection.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { explainNotBookable, notBookableNote } from '../explain-not-bookable.js';
import { CollapseToChosen } from '../collapse-to-chosen.js';
import { StepElement } from '../step-element.js';
import { treatmentStepStyles } from './itb-treatment-step.styles.js';

/**
 * @tagname itb-treatment-step
 * @summary Choose the treatment: title, duration, price (as the clinic shows it) and description.
 * A treatment that cannot be booked at the chosen clinic (offline, or not searchable) shows why and
 * cannot be chosen; campaign treatments are marked. Once a treatment is chosen the list collapses to
 * its card, with a Change button that opens it again; on a phone the list shows title, duration and
 * price, and the chosen card the description too.
 *
 * @csspart heading - The treatment list heading.
 * @csspart card - Each treatment card.
 * @csspart button - The Change button of the chosen treatment.
 * @csspart radio - Each treatment's radio button.
 * @csspart badge - The campaign badge.
 * @csspart error - Why a treatment cannot be booked.
 */
export class ItbTreatmentStep extends StepElement {
  static override styles = [sharedStyles, treatmentStepStyles];

  protected override takesFocus = false;

  private readonly collapse = new CollapseToChosen(this, 'treatment');

  private renderTreatment(catalog: Catalog, treatment: Treatment, collapsed: boolean): TemplateResult {
    const s = this.booking!;
    const t = s.t;
    const first = describingOffer(offersOfTreatment(s, treatment.id));
    const bookability = treatmentBookability(catalog, s.clinicId, treatment.id);
    const notBookable = explainNotBookable(t.treatment, bookability);
    const campaign = s.campaign?.treatmentIds.includes(treatment.id) === true || (s.campaign !== undefined && treatment.campaigns.includes(s.campaign.tag));
    // Treatment texts are the chain's, in the language most of its clinics write in.
    const lang = ifDefined(catalogLanguage(catalog));
    const body = html`
      <span class="body">
        <span class="title" lang=${lang}>${treatment.title}</span>
        ${campaign ? html` <span class="badge" part="badge">${t.treatment.campaign}</span>` : nothing}
        <span class="facts muted">
          ${first?.duration === undefined ? nothing : html`<span><span class="fact-label">${t.treatment.duration}: </span>${first.duration}</span>`}
          ${first?.price === undefined ? nothing : html`<span><span class="fact-label">${t.treatment.price}: </span>${first.price}</span>`}
        </span>
        ${treatment.description === undefined ? nothing : html`<span class="description" lang=${lang}>${treatment.description}</span>`}
        ${notBookableNote(t.treatment, bookability, selectedClinic(s))}
      </span>`;
    return html`<li class=${collapsed ? 'chosen' : ''}>
      <label class="card choice ${notBookable === undefined ? '' : 'disabled'}" part="card">
        <input type="radio" name="treatment" part="radio" .value=${treatment.id} .checked=${treatment.id === s.treatmentId}
          ?disabled=${notBookable !== undefined} @click=${this.collapse.onRadioClick}
          @change=${() => this.intents?.chooseTreatment(treatment.id)} />
        ${body}
      </label>
      ${collapsed ? html`<button type="button" class="button change" part="button" aria-label=${t.treatment.changeLabel}
        @click=${() => this.collapse.reopen()}>${t.treatment.change}</button>` : nothing}
    </li>`;
  }

  protected override render(): unknown {
    const s = this.booking;
    if (s?.catalog === undefined) return nothing;
    const catalog = s.catalog;
    const all = visibleTreatments(s);
    const open = this.collapse.isOpen(s.treatmentId, all.map((tr) => tr.id));
    const treatments = open ? all : all.filter((tr) => tr.id === s.treatmentId);
    return html`
      <fieldset class=${open ? 'open' : 'collapsed'} @focusout=${this.collapse.onFocusout}>
        <legend part="heading">${s.t.treatment.heading}</legend>
        ${treatments.length === 0 ? html`<p>${s.t.treatment.none}</p>` : html`
          <ul class="list" @keydown=${this.collapse.onKeydown}>${repeat(treatments, (tr) => tr.id,
            (tr) => this.renderTreatment(catalog, tr, !open))}</ul>`}
      </fieldset>
    `;
  }
}

defineOnce('itb-treatment-step', ItbTreatmentStep);

declare global {
  interface HTMLElementTagNameMap { 'itb-treatment-step': ItbTreatmentStep }
}
