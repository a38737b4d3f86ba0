import { css } from 'lit';

export const timeStepStyles = css`
  .context { margin-bottom: var(--itb-space-m, 1em); }
  .first-free { width: 100%; margin-bottom: var(--itb-space-m, 1em); flex-wrap: wrap; gap: 0.25em; }
  .zone { font-size: 0.875em; margin: var(--itb-space-s, 0.5em) 0 var(--itb-space-m, 1em); }
  .day-heading { font-size: 1em; margin: 0 0 var(--itb-space-s, 0.5em); }
  .day-heading::first-letter { text-transform: uppercase; }
  .part { margin-bottom: var(--itb-space-m, 1em); }
  .part-heading {
    margin: 0 0 0.375em; font-size: 0.875em; font-weight: 600; letter-spacing: 0.02em; text-transform: uppercase;
    color: var(--itb-color-muted, #4d5560);
  }
  .times { display: grid; grid-template-columns: repeat(auto-fill, minmax(4.5em, 1fr)); gap: 0.375em; }
  /* 6em keeps two columns with names at 320 px (the page around the widget takes its own margins). */
  .times.with-who { grid-template-columns: repeat(auto-fill, minmax(6em, 1fr)); }
  .time {
    display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 0;
    width: 100%; min-height: 44px; padding: 0.25em 0.375em; cursor: pointer;
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
    display: block; max-width: 100%; font-size: 0.875em; line-height: 1.3; color: var(--itb-color-muted, #4d5560);
    white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
  }
  /* Loading: the shapes of the strip and the tiles, in skeleton.styles.ts's bones. */
  .skeleton .bone.week { height: 44px; }
  .skeleton .bones { display: grid; gap: 0.25em; }
  .skeleton .bones.days { grid-template-columns: repeat(7, minmax(0, 1fr)); }
  .skeleton .bones.tiles { grid-template-columns: repeat(auto-fill, minmax(4.5em, 1fr)); gap: 0.375em; }
  .skeleton .bone.day { height: 3.75em; }
  .skeleton .bone.tile { height: 44px; }
  @media (prefers-reduced-motion: reduce) { .time { transition: none; } }
`;
