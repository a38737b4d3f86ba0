/**
 * The named slots a page fills with its own markup: `header` above every step, `legal` right under
 * each step's buttons (where the patient commits, so consent and privacy text sits next to "Book"),
 * `footer` last. They are inside the journey's box, so they follow it into the popup. Each slot's
 * box (part `header`, `legal`, `footer`) is hidden while nothing is assigned to it, so an unused
 * slot adds no spacing; `slotchange` renders again when the page adds or removes content.
 * @module
 */
import { css, html } from 'lit';
import type { ReactiveControllerHost, TemplateResult } from 'lit';

/** The boxes: spaced from the step, `legal` in small print; written tight (styles ship as written). */
export const brandSlotStyles = css`
.slot[hidden]{display:none}
.slot.header{margin-bottom:var(--itb-space-m,1em)}
.slot.legal,.slot.footer{margin-top:var(--itb-space-m,1em)}
.slot.legal{font-size:.875em;color:var(--itb-color-muted,#4d5560)}
`;

export type BrandSlotName = 'header' | 'legal' | 'footer';

/** The box and slot for `name`, hidden while the host has no child with `slot="name"`. */
export function brandSlot(host: HTMLElement & ReactiveControllerHost, name: BrandSlotName): TemplateResult {
  const filled = host.querySelector(`:scope > [slot='${name}']`) !== null;
  return html`<div class="slot ${name}" part=${name} ?hidden=${!filled}><slot name=${name} @slotchange=${() => host.requestUpdate()}></slot></div>`;
}
