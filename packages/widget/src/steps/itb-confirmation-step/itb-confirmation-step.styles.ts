import { css } from 'lit';

export const confirmationStepStyles = css`
  .done { border-inline-start: 4px solid var(--itb-color-success, #1e6b34); padding-inline-start: var(--itb-space-m, 1em); margin-bottom: var(--itb-space-m, 1em); }
  .reference { font-variant-numeric: tabular-nums; font-weight: 600; }
  .changes { margin-bottom: var(--itb-space-m, 1em); }
  .actions.calendar { margin-top: 0; }
`;
