import { css } from 'lit';

export const timeStepStyles = css`
  /* Its own container, so the week bar and tiles follow the slot the page gives the widget. */
  :host { container: time-step / inline-size; }
  .context { margin-bottom: var(--itb-space-m, 1rem); }
  .week {
    display: grid; grid-template-columns: auto 1fr auto; align-items: center; gap: var(--itb-space-s, 0.5rem);
    padding: var(--itb-space-s, 0.5rem); border-radius: var(--itb-radius, 8px);
    background: var(--itb-color-surface-alt, #f3f5f8); margin-bottom: var(--itb-space-s, 0.5rem);
  }
  .week-label { font-weight: 600; text-align: center; min-width: 0; }
  .nav { position: relative; }
  .nav::before, .nav::after { content: none; width: 0.5em; height: 0.5em; border: solid currentColor; border-width: 0 2px 2px 0; }
  .nav.previous::before { content: ''; transform: rotate(135deg); }
  .nav.next::after { content: ''; transform: rotate(-45deg); }
  .zone { font-size: 0.875em; margin-bottom: var(--itb-space-m, 1rem); }
  .day { margin-bottom: var(--itb-space-l, 1.5rem); }
  /* Stays in view while the patient scrolls through a long day. */
  .day-heading {
    position: sticky; top: 0; z-index: 1; margin: 0 0 var(--itb-space-s, 0.5rem); padding: 0.375rem 0;
    font-size: 1em; background: var(--itb-color-surface, #fff);
    border-bottom: 1px solid color-mix(in srgb, var(--itb-color-border, #767d87) 35%, transparent);
  }
  .day-heading::first-letter { text-transform: uppercase; }
  .times { display: grid; grid-template-columns: repeat(auto-fill, minmax(5rem, 1fr)); gap: var(--itb-space-s, 0.5rem); }
  /* 6rem keeps two columns with names at 320 px (the page around the widget takes its own margins). */
  .times.with-who { grid-template-columns: repeat(auto-fill, minmax(6rem, 1fr)); }
  .time {
    display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 0.125rem;
    width: 100%; min-height: 44px; padding: 0.5rem 0.5rem; cursor: pointer;
    font: inherit; color: var(--itb-color-text, #1b1f24); text-align: center;
    background: var(--itb-color-surface, #fff);
    /* Full-strength edge: a time tile is a button, and its boundary is what marks it as one (WCAG 1.4.11, 3:1). */
    border: 1px solid var(--itb-color-border, #767d87);
    border-radius: var(--itb-radius, 8px);
    transition: border-color 0.12s, background-color 0.12s;
  }
  .time:hover {
    border-color: var(--itb-color-primary, #0b5cad);
    background: color-mix(in srgb, var(--itb-color-primary, #0b5cad) 8%, var(--itb-color-surface, #fff));
  }
  .time:active { background: color-mix(in srgb, var(--itb-color-primary, #0b5cad) 14%, var(--itb-color-surface, #fff)); }
  .clock { font-weight: 700; font-size: 1.0625em; line-height: 1.25; font-variant-numeric: tabular-nums; color: var(--itb-color-primary, #0b5cad); }
  .who {
    display: block; max-width: 100%; font-size: 0.8125em; line-height: 1.3; color: var(--itb-color-muted, #4d5560);
    white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
  }
  /* Narrow slots: the week buttons become chevrons (their text stays for screen readers). */
  @container time-step (max-width: 30rem) {
    .nav { width: 44px; padding: 0; }
    .nav-text {
      position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
    }
    .week-label { font-size: 0.9375em; }
  }
  @media (prefers-reduced-motion: reduce) { .time { transition: none; } }
`;
