import { css } from 'lit';

export const practitionerStepStyles = css`
  /* radio | round photo | name, role, description; "any practitioner" gets a neutral disc in the photo's place. */
  .person { display: grid; grid-template-columns: 1.25rem 3.5rem minmax(0, 1fr); gap: 0.75rem; align-items: start; }
  .person input { margin: 1.125rem 0 0; }
  .photo { width: 3.5rem; height: 3.5rem; border-radius: 50%; object-fit: cover; background: var(--itb-color-surface-alt, #f3f5f8); }
  .photo.any {
    display: grid; place-items: center;
    border: 2px dashed color-mix(in srgb, var(--itb-color-border, #767d87) 60%, transparent);
  }
  .body { display: flex; flex-direction: column; gap: 0.125rem; min-width: 0; overflow-wrap: break-word; align-self: center; }
  .name { font-weight: 600; line-height: 1.3; }
  .role { font-size: 0.9375em; }
  .description { font-size: 0.9375em; margin-top: 0.25rem; }
`;
