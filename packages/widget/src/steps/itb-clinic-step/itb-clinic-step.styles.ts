import { css } from 'lit';

export const clinicStepStyles = css`
  .search { margin-bottom: var(--itb-space-s, 0.5rem); }
  .clinic { display: grid; grid-template-columns: auto 1fr; gap: var(--itb-space-s, 0.75rem); align-items: start; }
  .clinic .photo { width: 4.5rem; height: 4.5rem; object-fit: cover; border-radius: calc(var(--itb-radius, 8px) / 2); }
  .clinic .name { font-weight: 600; }
  .clinic .body { min-width: 0; overflow-wrap: anywhere; }
  @media (max-width: 22rem) { .clinic { grid-template-columns: 1fr; } }
`;
