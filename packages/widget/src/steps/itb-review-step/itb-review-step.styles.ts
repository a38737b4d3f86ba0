import { css } from 'lit';

export const reviewStepStyles = css`
  section { margin-bottom: var(--itb-space-m, 1rem); }
  .field .error { font-weight: normal; }
  textarea { min-height: 5rem; resize: vertical; }
  .signin { display: flex; flex-wrap: wrap; gap: var(--itb-space-s, 0.5rem); align-items: center; justify-content: space-between; }
  .signin p { margin: 0; }
  .sms legend { font-size: 1em; }
  /* Each answer's whole row (radio + label) is a 44 px target. */
  .sms .check { min-height: 44px; align-items: center; margin: 0; }
  .sms .check input { margin-top: 0; }
  .notice.error p:last-child { margin-bottom: 0; }
`;
