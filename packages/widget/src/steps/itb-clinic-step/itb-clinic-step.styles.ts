import { css } from 'lit';

export const clinicStepStyles = css`
  :host { container: clinic-step / inline-size; }
  /* The select screen's grid spaces the clinic and treatment lists. */
  fieldset { margin-bottom: 0; }
  .search { margin-bottom: var(--itb-space-m, 1em); }
  /* radio | photo | text; the external card leaves the radio cell empty so all cards line up. */
  .clinic { display: grid; grid-template-columns: 1.25em 4em minmax(0, 1fr); gap: 0.75em; align-items: start; }
  /* The radio sits level with the photo's middle, also when the text runs longer than the photo. */
  .clinic input, .clinic .no-radio { margin: 1.375em 0 0; }
  .clinic .photo {
    width: 4em; height: 4em; object-fit: cover; border-radius: calc(var(--itb-radius, 8px) * 0.75);
    background: var(--itb-color-surface-alt, #f3f5f8);
  }
  .clinic .body { display: flex; flex-direction: column; gap: 0.125em; min-width: 0; }
  .clinic .area {
    font-size: 0.875em; font-weight: 600; letter-spacing: 0.02em; text-transform: uppercase; color: var(--itb-color-muted, #4d5560);
  }
  .clinic .name { font-weight: 600; line-height: 1.3; }
  .clinic .address { font-size: 0.9375em; line-height: 1.35; }
  .clinic .external { font-size: 0.9375em; margin-top: 0.25em; }
  /* A link is a tap target too: 44 px high however short its text (WCAG 2.5.8, and thumbs). */
  .clinic a { display: inline-flex; align-items: center; min-height: 44px; font-size: 0.9375em; }
  /*
   * Phones: a compact list (radio, name, street on one line) so seven clinics fit in about a
   * screen; the photo, the area and the whole address come back on the chosen card. What is
   * folded away stays in the radio's name for screen readers.
   */
  @container clinic-step (max-width: 26em) {
    .search { margin-bottom: var(--itb-space-s, 0.5em); }
    .search label { font-size: 0.875em; }
    .clinic { grid-template-columns: 1.25em minmax(0, 1fr); gap: 0.5em; padding: 0.375em 0.5em; }
    .clinic .photo, .clinic .area { display: none; }
    .clinic input, .clinic .no-radio { margin-top: 0.0625em; }
    .clinic .name { font-size: 0.9375em; line-height: 1.2; }
    .clinic .address, .clinic .external { font-size: 0.875em; line-height: 1.3; }
    li:not(.chosen) .address { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
    li:not(.chosen) .external, li:not(.chosen) .disabled .address {
      position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
    }
    .clinic { position: relative; }
    .chosen .clinic { grid-template-columns: 1.25em 2.5em minmax(0, 1fr); }
    .chosen .clinic .photo { display: block; width: 2.5em; height: 2.5em; }
    .chosen .clinic input { margin-top: 0.625em; }
  }
`;
