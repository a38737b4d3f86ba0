import { css } from 'lit';

export const treatmentStepStyles = css`
  :host { container: treatment-step / inline-size; }
  /* The select screen's grid spaces the clinic and treatment lists. */
  fieldset { margin-bottom: 0; }
  .body { display: flex; flex-direction: column; gap: 0.125em; min-width: 0; }
  .title { font-weight: 600; line-height: 1.3; }
  .facts { display: flex; flex-wrap: wrap; gap: 0 1em; }
  .description { margin-top: 0.25em; }
  .badge { align-self: flex-start; }
  /*
   * Phones: a compact list (title, then "30 min · 650 kr") so ten treatments fit in about a screen.
   * The description is folded away (kept for screen readers, in the radio's name) and shown on the
   * chosen card.
   */
  @container treatment-step (max-width: 26em) {
    .choice { position: relative; padding: 0.375em 0.5em; gap: 0.5em; }
    .choice input { margin-top: 0.0625em; }
    .title { line-height: 1.2; }
    .title { font-size: 0.9375em; }
    /* "30 min · från 650 kr" as one run of text that wraps like text. */
    .facts { display: block; font-size: 0.875em; line-height: 1.3; }
    .facts > span + span::before { content: ' · ' / ''; }
    .fact-label, li:not(.chosen) .description {
      position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
    }
    .description { font-size: 0.875em; line-height: 1.35; }
  }
`;
