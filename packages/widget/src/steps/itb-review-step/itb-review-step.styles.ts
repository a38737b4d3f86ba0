import { css } from 'lit';

export const reviewStepStyles = css`
  section { margin-bottom: var(--itb-space-m, 1rem); }
  .field .error { font-weight: normal; }
  textarea { min-height: 5rem; resize: vertical; }
  .signin { display: flex; flex-wrap: wrap; gap: var(--itb-space-s, 0.5rem); align-items: center; justify-content: space-between; }
  .signin p { margin: 0; }
`;
