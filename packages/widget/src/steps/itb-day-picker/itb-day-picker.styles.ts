import { css } from 'lit';

export const dayPickerStyles = css`
  /* Its own container: the days' labels follow the width the page gives the widget. */
  :host { container: day-picker / inline-size; }
  .week {
    display: grid; grid-template-columns: auto 1fr auto; align-items: center; gap: var(--itb-space-s, 0.5em);
    margin-bottom: var(--itb-space-s, 0.5em);
  }
  .week-label { font-weight: 600; text-align: center; min-width: 0; }
  /* Compact arrows; the words stay for screen readers. */
  .nav { position: relative; width: 44px; padding: 0; }
  .nav-text { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .nav::before { content: ''; width: 0.5em; height: 0.5em; border: solid currentColor; border-width: 0 2px 2px 0; }
  .nav.previous::before { transform: translateX(0.125em) rotate(135deg); }
  .nav.next::before { transform: translateX(-0.125em) rotate(-45deg); }
  .row { display: grid; grid-template-columns: repeat(7, minmax(0, 1fr)); gap: 0.25em; }
  .cell { min-width: 0; }
  .day {
    display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 0.125em;
    width: 100%; min-height: 3.75em; padding: 0.375em 0; cursor: pointer;
    font: inherit; line-height: 1.2; color: var(--itb-color-text, #1b1f24);
    background: var(--itb-color-surface, #fff);
    border: 1px solid var(--itb-color-border, #767d87); border-radius: var(--itb-radius, 8px);
    /* Only the edge fades: a selected day's colours switch at once, never passing through a low-contrast mix. */
    transition: border-color 0.12s;
  }
  .weekday { font-size: 0.875em; text-transform: capitalize; }
  .date { font-weight: 700; font-size: 1.0625em; font-variant-numeric: tabular-nums; }
  /* A dot marks a day with free times; a day without has none and a dashed, quieter edge. */
  .mark { width: 0.375em; height: 0.375em; border-radius: 50%; }
  .day.free .mark { background: var(--itb-color-primary, #0b5cad); }
  .day.full { color: var(--itb-color-muted, #4d5560); border-style: dashed; background: var(--itb-color-surface-alt, #f3f5f8); }
  .day.full .date { font-weight: 400; }
  .day:hover { border-color: var(--itb-color-primary, #0b5cad); }
  [aria-selected='true'] > .day {
    background: var(--itb-color-primary, #0b5cad); border: 1px solid var(--itb-color-primary, #0b5cad);
    color: var(--itb-color-on-primary, #fff);
  }
  [aria-selected='true'] > .day .mark { background: var(--itb-color-on-primary, #fff); }
  .day[aria-current='date'] .date { text-decoration: underline; text-underline-offset: 0.2em; }
  .narrow { display: none; }
  /* Seven days in a slot under 17em (a 320 px phone inside a padded page): one-letter weekdays, hairline gaps. */
  @container day-picker (max-width: 17em) {
    .row { gap: 2px; }
    .short { display: none; }
    .narrow { display: inline; }
  }
  @media (prefers-reduced-motion: reduce) { .day { transition: none; } }
  @media (forced-colors: active) {
    .day.free .mark { background: CanvasText; forced-color-adjust: none; }
    /* The chosen day is filled as system selections are, and its thicker edge says so without colour too. */
    [aria-selected='true'] > .day { border: 3px solid Highlight; background: Highlight; color: HighlightText; forced-color-adjust: none; }
    [aria-selected='true'] > .day .mark { background: HighlightText; forced-color-adjust: none; }
  }
`;
