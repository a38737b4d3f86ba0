import { catalogLanguage, clinicLanguage } from '@itb/shared';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { defineOnce } from '../../define-once.js';
import { practitionerChoices, selectedClinic } from '../../state/selection.js';
import type { PractitionerChoice } from '../../state/selection.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { explainNotBookable, notBookableNote } from '../explain-not-bookable.js';
import { practitionerLabel } from '../practitioner-label.js';
import { renderPhoto } from '../photo.js';
import { StepElement } from '../step-element.js';
import { practitionerStepStyles } from './itb-practitioner-step.styles.js';

const ANY = '';

/**
 * @tagname itb-practitioner-step
 * @summary Choose a practitioner, or "any practitioner" (every free time at the clinic), with
 * photo and short description where present. A practitioner whose offer cannot be booked (offline,
 * or not searchable) shows why and cannot be chosen; "any practitioner" counts only bookable offers.
 *
 * @csspart heading - The step heading.
 * @csspart card - Each practitioner card.
 * @csspart button - The continue and back buttons.
 * @csspart primary-button - Continue.
 * @csspart radio - Each practitioner's radio button.
 * @csspart photo - Each practitioner's photo.
 * @csspart error - Why a practitioner cannot be booked.
 */
export class ItbPractitionerStep extends StepElement {
  static override styles = [sharedStyles, practitionerStepStyles];

  /** The radio choice before Continue; starts from the snapshot's practitioner. */
  @state() private picked: string | undefined;

  private submit(event: Event): void {
    event.preventDefault();
    // Read at submit time, not from the last render: a fast click may beat the re-render.
    const picked = this.picked ?? this.booking?.practitionerId ?? ANY;
    this.intents?.choosePractitioner(picked === ANY ? undefined : picked);
  }

  private renderChoice({ practitioner, bookability }: PractitionerChoice, picked: string): TemplateResult {
    const t = this.booking!.t;
    const notBookable = explainNotBookable(t.practitioner, bookability);
    // Names, roles and descriptions are written by the practitioner's clinic, in its language.
    const s = this.booking!;
    const lang = ifDefined(clinicLanguage(selectedClinic(s)) ?? catalogLanguage(s.catalog));
    return html`<li>
      <label class="card choice person ${notBookable === undefined ? '' : 'disabled'}" part="card">
        <input type="radio" name="practitioner" part="radio" .value=${practitioner.id} .checked=${picked === practitioner.id} ?disabled=${notBookable !== undefined}
          @change=${() => { this.picked = practitioner.id; }} />
        ${renderPhoto(practitioner.photo)}
        <span class="body">
          <span class="name" lang=${lang}>${practitionerLabel(practitioner).short}</span>
          ${practitioner.roles.length === 0 ? nothing : html`<span class="role muted" lang=${lang}>${practitioner.roles.join(', ')}</span>`}
          ${practitioner.description === undefined ? nothing : html`<span class="description" lang=${lang}>${practitioner.description}</span>`}
          ${notBookableNote(t.practitioner, bookability, selectedClinic(s))}
        </span>
      </label>
    </li>`;
  }

  protected override render(): unknown {
    const s = this.booking;
    if (s === undefined) return nothing;
    const t = s.t;
    const choices = practitionerChoices(s);
    const picked = this.picked ?? s.practitionerId ?? ANY;
    const anyBookable = choices.some((c) => c.bookability.bookable);
    return html`
      <h2 tabindex="-1" part="heading">${t.practitioner.heading}</h2>
      <form @submit=${this.submit}>
        <fieldset>
          <legend class="visually-hidden">${t.practitioner.heading}</legend>
          <ul class="list">
            <li>
              <label class="card choice person" part="card">
                <input type="radio" name="practitioner" part="radio" .value=${ANY} .checked=${picked === ANY} ?disabled=${!anyBookable}
                  @change=${() => { this.picked = ANY; }} />
                <span class="photo any" part="photo" aria-hidden="true"></span>
                <span class="body"><span class="name">${t.practitioner.any}</span><span class="muted">${t.practitioner.anyHint}</span></span>
              </label>
            </li>
            ${choices.map((c) => this.renderChoice(c, picked))}
          </ul>
        </fieldset>
        <div class="actions">
          <button type="button" class="button" part="button" @click=${() => this.intents?.back()}>${t.common.back}</button>
          <button type="submit" class="button primary" part="button primary-button" ?disabled=${!anyBookable}>${t.common.continue}</button>
        </div>
      </form>
    `;
  }
}

defineOnce('itb-practitioner-step', ItbPractitionerStep);

declare global {
  interface HTMLElementTagNameMap { 'itb-practitioner-step': ItbPractitionerStep }
}
