import { css } from 'lit';

export const myBookingsStyles = css`
  section { margin-bottom: var(--itb-space-l, 1.5em); }
  .booking .title { font-weight: 600; }
  .booking .actions { margin-top: var(--itb-space-s, 0.5em); }
  .booking.cancelled { background: var(--itb-color-surface-alt, #f3f5f8); }
  dialog {
    border: 1px solid var(--itb-color-border, #767d87); border-radius: var(--itb-radius, 8px);
    padding: var(--itb-space-m, 1em); max-width: min(28em, calc(100vw - 2em));
    color: var(--itb-color-text, #1b1f24); background: var(--itb-color-surface, #fff);
  }
  dialog::backdrop { background: rgb(0 0 0 / 0.45); }
`;
