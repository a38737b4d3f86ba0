import { css } from 'lit';

export const practitionerStepStyles = css`
  .person { display: grid; grid-template-columns: auto 1fr; gap: var(--itb-space-s, 0.75rem); align-items: start; }
  .photo { width: 3.5rem; height: 3.5rem; border-radius: 50%; object-fit: cover; }
  .name { font-weight: 600; }
  .body { min-width: 0; overflow-wrap: anywhere; }
`;
