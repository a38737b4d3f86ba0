import { css } from 'lit';

export const timeStepStyles = css`
  .week { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: var(--itb-space-s, 0.5rem); margin-bottom: var(--itb-space-s, 0.5rem); }
  .week-label { font-weight: 600; text-align: center; flex: 1 1 10rem; }
  .day { margin-bottom: var(--itb-space-m, 1rem); }
  .times { display: grid; grid-template-columns: repeat(auto-fill, minmax(5.5rem, 1fr)); gap: var(--itb-space-s, 0.5rem); }
  .time { flex-direction: column; width: 100%; padding: 0.35em 0.5em; font-variant-numeric: tabular-nums; }
  .who { font-weight: normal; font-size: 0.8125em; line-height: 1.25; overflow-wrap: anywhere; }
`;
