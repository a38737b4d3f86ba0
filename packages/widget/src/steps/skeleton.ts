import { html } from 'lit';
import type { TemplateResult } from 'lit';

/**
 * A busy placeholder of `cards` card shapes (styles: skeleton.styles.ts). Screen readers hear the
 * one `label`; sighted patients see the shape of what is coming.
 */
export function skeleton(label: string, cards = 3): TemplateResult {
  return html`<div class="skeleton" aria-busy="true" part="skeleton">
    <span class="visually-hidden">${label}</span>
    <span class="bone line" aria-hidden="true"></span>
    ${Array.from({ length: cards }, () => html`<span class="bone card" aria-hidden="true"></span>`)}
  </div>`;
}
