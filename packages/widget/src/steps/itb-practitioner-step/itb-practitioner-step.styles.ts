import { css } from 'lit';

export const practitionerStepStyles = css`
  :host { container: practitioner-step / inline-size; }
  /* radio | round photo | name, role, description; "any practitioner" gets a neutral disc in the photo's place. */
  .person { display: grid; grid-template-columns: 1.25em 3.5em minmax(0, 1fr); gap: 0.75em; align-items: start; }
  .person input { margin: 1.125em 0 0; }
  .photo { width: 3.5em; height: 3.5em; border-radius: 50%; object-fit: cover; background: var(--itb-color-surface-alt, #f3f5f8); }
  .photo.any {
    display: grid; place-items: center;
    border: 2px dashed color-mix(in srgb, var(--itb-color-border, #767d87) 60%, transparent);
  }
  .body { display: flex; flex-direction: column; gap: 0.125em; min-width: 0; align-self: center; }
  .name { font-weight: 600; line-height: 1.3; }
  .role { font-size: 0.9375em; }
  .description { font-size: 0.9375em; margin-top: 0.25em; }
  /* Phones: smaller photos and padding, so the names keep the width. */
  @container practitioner-step (max-width: 26em) {
    .person { grid-template-columns: 1.25em 2.5em minmax(0, 1fr); gap: 0.625em; padding: 0.625em 0.75em; }
    .photo { width: 2.5em; height: 2.5em; }
    .person input { margin-top: 0.625em; }
    .role, .description { font-size: 0.875em; line-height: 1.35; }
    .list { gap: var(--itb-space-s, 0.5em); }
  }
`;
