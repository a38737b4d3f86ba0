/**
 * Skeletons: grey shapes of what is coming (cards, lines), shown while a list loads instead of the
 * bare word "Loading…". The container carries aria-busy and one visually hidden loading text; the
 * shapes themselves are hidden from assistive technology.
 * @module
 */
import { css } from 'lit';

export const skeletonStyles = css`
  .skeleton { display: grid; gap: 0.75em; }
  .skeleton .bone {
    display: block; border-radius: var(--itb-radius, 8px);
    background: color-mix(in srgb, var(--itb-color-border, #767d87) 18%, var(--itb-color-surface, #fff));
    animation: itb-pulse 1.4s ease-in-out infinite;
  }
  .skeleton .bone.card { height: 4.5em; }
  .skeleton .bone.line { height: 1em; width: 60%; }
  @keyframes itb-pulse { 50% { opacity: 0.55; } }
  @media (prefers-reduced-motion: reduce) { .skeleton .bone { animation: none; } }
  @media (forced-colors: active) { .skeleton .bone { border: 1px dashed GrayText; background: Canvas; } }
`;
