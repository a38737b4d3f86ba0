import { css } from 'lit';

export const bookingStyles = css`
  :host { container-type: inline-size; }
  .base {
    background: var(--itb-color-surface, #fff);
    border-radius: var(--itb-radius, 8px);
    padding: var(--itb-space-m, 1rem);
    max-width: var(--itb-max-width, 64rem);
  }
  .select-grid { display: grid; gap: var(--itb-space-m, 1rem); grid-template-columns: 1fr; }
  @container (min-width: 44rem) {
    .select-grid { grid-template-columns: 1fr 1fr; }
  }
  .config h2 { font-size: 1.125em; }
`;
