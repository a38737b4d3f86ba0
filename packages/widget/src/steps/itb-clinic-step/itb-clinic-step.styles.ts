import { css } from 'lit';

export const clinicStepStyles = css`
  :host { container: clinic-step / inline-size; }
  .search { margin-bottom: var(--itb-space-m, 1rem); }
  /* radio | photo | text; the external card leaves the radio cell empty so all cards line up. */
  .clinic { display: grid; grid-template-columns: 1.25rem 4rem minmax(0, 1fr); gap: 0.75rem; align-items: start; }
  /* The radio sits level with the photo's middle, also when the text runs longer than the photo. */
  .clinic input, .clinic .no-radio { margin: 1.375rem 0 0; }
  .clinic .photo {
    width: 4rem; height: 4rem; object-fit: cover; border-radius: calc(var(--itb-radius, 8px) * 0.75);
    background: var(--itb-color-surface-alt, #f3f5f8);
  }
  .clinic .body { display: flex; flex-direction: column; gap: 0.125rem; min-width: 0; overflow-wrap: break-word; }
  .clinic .area {
    font-size: 0.75em; font-weight: 600; letter-spacing: 0.04em; text-transform: uppercase; color: var(--itb-color-muted, #4d5560);
  }
  .clinic .name { font-weight: 600; line-height: 1.3; }
  .clinic .address { font-size: 0.9375em; line-height: 1.35; }
  .clinic .external { font-size: 0.9375em; margin-top: 0.25rem; }
  .clinic a { display: inline-block; padding-block: 0.25rem; font-size: 0.9375em; }
  /* Phones: a smaller photo and tighter padding leave the name and street room to wrap between words. */
  @container clinic-step (max-width: 26rem) {
    .clinic { grid-template-columns: 1.25rem 2.5rem minmax(0, 1fr); gap: 0.625rem; padding: 0.75rem; }
    .clinic .photo { width: 2.5rem; height: 2.5rem; }
    .clinic input, .clinic .no-radio { margin-top: 0.625rem; }
  }
`;
