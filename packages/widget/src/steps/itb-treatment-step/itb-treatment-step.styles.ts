import { css } from 'lit';

export const treatmentStepStyles = css`
  .title { font-weight: 600; }
  .facts { display: flex; flex-wrap: wrap; gap: 0 1rem; }
  .description { margin: 0.25rem 0 0; }
  .body { min-width: 0; overflow-wrap: anywhere; }
`;
