import { css } from 'lit';

export const reviewStepStyles = css`
  section { margin-bottom: var(--itb-space-m, 1em); }
  .field .error { font-weight: normal; }
  textarea { min-height: 5em; resize: vertical; }
  .signin { display: flex; flex-wrap: wrap; gap: var(--itb-space-s, 0.5em); align-items: center; justify-content: space-between; }
  .signin p { margin: 0; }
  .sms legend { font-size: 1em; }
  /* Each answer's whole row (radio + label) is a 44 px target. */
  .sms .check { min-height: 44px; align-items: center; margin: 0; }
  .sms .check input { margin-top: 0; }
  .notice.error p:last-child { margin-bottom: 0; }
  /* Under the terms box, lined up with its label; the whole line is the 44 px target. */
  .terms-link { margin: 0 0 var(--itb-space-s, 0.5em); padding-inline-start: calc(1.25em + 0.5em); }
  .terms-link a { display: inline-flex; align-items: center; min-height: 44px; }
`;
