import { css } from 'lit';

export const campaignFieldStyles = css`
  form { display: flex; flex-wrap: wrap; gap: var(--itb-space-s, 0.5rem); align-items: end; margin-bottom: var(--itb-space-m, 1rem); }
  .field { flex: 1 1 12rem; margin: 0; }
  .applied { display: flex; flex-wrap: wrap; gap: var(--itb-space-s, 0.5rem); align-items: center; }
`;
