/**
 * Styles every element of the widget shares: the `--itb-*` tokens with their defaults (WCAG AA on
 * white), and the building blocks (buttons, cards, fields). Inherited properties are set on :host
 * from tokens so hostile page CSS cannot leak in, except the font, which follows the page unless
 * `--itb-font-family` says otherwise.
 * @module
 */
import { css } from 'lit';

export const sharedStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    font-family: var(--itb-font-family, inherit);
    font-size: var(--itb-font-size, 1rem);
    line-height: var(--itb-line-height, 1.5);
    color: var(--itb-color-text, #1b1f24);
    text-align: start;
    letter-spacing: normal;
    word-spacing: normal;
    text-transform: none;
    font-style: normal;
    font-weight: normal;
    white-space: normal;
  }
  :host([hidden]) { display: none; }
  *, *::before, *::after { box-sizing: inherit; }
  h2, h3 { line-height: 1.25; margin: 0 0 var(--itb-space-s, 0.5rem); color: inherit; }
  h2 { font-size: 1.375em; }
  h3 { font-size: 1.125em; }
  /* Headings take focus only so screen readers start reading at the new step; they are not controls. */
  h2[tabindex='-1']:focus, h2[tabindex='-1']:focus-visible { outline: none; }
  p { margin: 0 0 var(--itb-space-s, 0.5rem); }
  ul { list-style: none; margin: 0; padding: 0; }
  fieldset { border: 0; margin: 0 0 var(--itb-space-m, 1rem); padding: 0; min-width: 0; }
  legend { font-weight: 600; font-size: 1.125em; padding: 0; margin-bottom: var(--itb-space-s, 0.5rem); }
  img { max-width: 100%; display: block; }
  a { color: var(--itb-color-link, #0b5cad); }
  .button {
    display: inline-flex; align-items: center; justify-content: center; gap: 0.5em;
    min-height: 44px; padding: 0.5em 1.1em;
    font: inherit; font-weight: 600; cursor: pointer; text-decoration: none;
    border-radius: var(--itb-radius, 8px);
    border: 2px solid var(--itb-color-primary, #0b5cad);
    background: var(--itb-color-surface, #fff); color: var(--itb-color-primary, #0b5cad);
  }
  .button.primary { background: var(--itb-color-primary, #0b5cad); color: var(--itb-color-on-primary, #fff); }
  .button { transition: background-color 0.12s, filter 0.12s; }
  .button:not(.primary):hover { background: color-mix(in srgb, var(--itb-color-primary, #0b5cad) 8%, var(--itb-color-surface, #fff)); }
  .button.primary:hover { filter: brightness(0.92); }
  .button:disabled, .button[aria-disabled='true'] { cursor: not-allowed; opacity: 0.6; filter: none; }
  .button:disabled:not(.primary) { background: var(--itb-color-surface, #fff); }
  :focus-visible { outline: 3px solid var(--itb-color-focus, #0b5cad); outline-offset: 2px; }
  .actions { display: flex; flex-wrap: wrap; gap: var(--itb-space-s, 0.5rem); margin-top: var(--itb-space-m, 1rem); }
  /* Card edges are a lighter mix of the border token: the radio inside carries the control's contrast. */
  .card {
    display: block; border: 1px solid color-mix(in srgb, var(--itb-color-border, #767d87) 50%, transparent);
    border-radius: var(--itb-radius, 8px);
    background: var(--itb-color-surface, #fff); padding: var(--itb-space-m, 1rem);
  }
  .choice {
    display: flex; gap: 0.75rem; align-items: flex-start; cursor: pointer;
    transition: border-color 0.12s, background-color 0.12s, box-shadow 0.12s;
  }
  .choice input { width: 1.25rem; height: 1.25rem; margin: 0.125rem 0 0; flex: none; accent-color: var(--itb-color-primary, #0b5cad); cursor: inherit; }
  .choice:not(.disabled):hover { border-color: var(--itb-color-primary, #0b5cad); }
  .choice:has(input:checked) {
    border-color: var(--itb-color-primary, #0b5cad); box-shadow: 0 0 0 1px var(--itb-color-primary, #0b5cad);
    background: color-mix(in srgb, var(--itb-color-primary, #0b5cad) 6%, var(--itb-color-surface, #fff));
  }
  /* The radio's own ring is small; the whole card shows keyboard focus. */
  .choice:has(input:focus-visible) { outline: 3px solid var(--itb-color-focus, #0b5cad); outline-offset: 2px; }
  .choice.disabled { cursor: default; background: var(--itb-color-surface-alt, #f3f5f8); }
  .list { display: grid; gap: 0.75rem; }
  .muted { color: var(--itb-color-muted, #4d5560); }
  .error { color: var(--itb-color-error, #b3261e); font-weight: 600; }
  .notice {
    border-inline-start: 4px solid var(--itb-color-primary, #0b5cad); background: var(--itb-color-surface-alt, #f3f5f8);
    padding: var(--itb-space-s, 0.5rem) var(--itb-space-m, 1rem); margin: 0 0 var(--itb-space-m, 1rem);
  }
  .notice.error { border-color: var(--itb-color-error, #b3261e); }
  .badge {
    display: inline-block; font-size: 0.8125em; font-weight: 600; padding: 0.0625em 0.625em; border-radius: 999px; vertical-align: 0.0625em;
    background: var(--itb-color-accent, #7a3e00); color: var(--itb-color-on-accent, #fff);
  }
  .field { display: grid; gap: 0.25rem; margin-bottom: var(--itb-space-m, 1rem); }
  .field label { font-weight: 600; }
  input[type='text'], input[type='tel'], input[type='email'], input[type='search'], textarea {
    font: inherit; color: inherit; width: 100%; min-height: 44px; padding: 0.5em 0.75em;
    border: 1px solid var(--itb-color-border, #767d87); border-radius: var(--itb-radius, 8px);
    background: var(--itb-color-surface, #fff);
  }
  .check { display: flex; gap: 0.5rem; align-items: flex-start; margin-bottom: var(--itb-space-s, 0.5rem); }
  .check input { width: 1.25rem; height: 1.25rem; margin: 0.15rem 0 0; flex: none; accent-color: var(--itb-color-primary, #0b5cad); }
  dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0 0 var(--itb-space-m, 1rem); }
  dl.summary dt { font-weight: 600; }
  dl.summary dd { margin: 0; }
  @media (prefers-reduced-motion: reduce) { .button, .choice { transition: none; } }
  @media (max-width: 30rem) {
    dl.summary { grid-template-columns: 1fr; }
    dl.summary dd { margin-bottom: 0.25rem; }
  }
  .visually-hidden {
    position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
  }
`;
