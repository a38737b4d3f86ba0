import { css } from 'lit';

export const campaignFieldStyles = css`
  form { display: flex; flex-wrap: wrap; gap: var(--itb-space-s, 0.5em); align-items: end; margin-bottom: var(--itb-space-m, 1em); }
  /* The code takes what the button leaves (at least 5em), so at 320 px both share one row. */
  .field { flex: 1 1 0; min-width: 5em; margin: 0; }
  form .button { padding-inline: 0.75em; }
  .applied { display: flex; flex-wrap: wrap; gap: var(--itb-space-s, 0.5em); align-items: center; }
`;
