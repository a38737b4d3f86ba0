/**
 * Styles every element of the widget shares: the `--itb-*` tokens with their defaults (WCAG AA on
 * white), and the building blocks (buttons, cards, fields, the action bar). Inherited properties are
 * set on :host from tokens so hostile page CSS cannot leak in, except the font, which follows the
 * page unless `--itb-font-family` says otherwise.
 *
 * Sizes are in em and px, never rem: the host page owns the root font size (agency resets such as
 * `html { font-size: 62.5% }` are common), so every length here follows `--itb-font-size` instead.
 * @module
 */
import { css } from 'lit';

export const sharedStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    font-family: var(--itb-font-family, inherit);
    /* 16px, not 1rem: the widget keeps its size whatever the page did to its root. */
    font-size: var(--itb-font-size, 16px);
    line-height: var(--itb-line-height, 1.5);
    color: var(--itb-color-text, #1b1f24);
    text-align: start;
    letter-spacing: normal;
    word-spacing: normal;
    text-transform: none;
    text-indent: 0;
    font-style: normal;
    font-weight: normal;
    font-variant: normal;
    white-space: normal;
    /* Break long catalog words at syllables in the language the element's lang names, never mid-syllable. */
    hyphens: auto;
    -webkit-hyphens: auto;
    overflow-wrap: break-word;
  }
  :host([hidden]) { display: none; }
  *, *::before, *::after { box-sizing: inherit; }
  h2, h3 { line-height: 1.25; margin: 0 0 var(--itb-space-s, 0.5em); color: inherit; }
  h2 { font-size: 1.375em; }
  h3 { font-size: 1.125em; }
  /* Headings take focus only so screen readers start reading at the new step; they are not controls. */
  h2[tabindex='-1']:focus, h2[tabindex='-1']:focus-visible { outline: none; }
  p { margin: 0 0 var(--itb-space-s, 0.5em); }
  ul { list-style: none; margin: 0; padding: 0; }
  fieldset { border: 0; margin: 0 0 var(--itb-space-m, 1em); padding: 0; min-width: 0; }
  legend { font-weight: 600; font-size: 1.125em; padding: 0; margin-bottom: var(--itb-space-s, 0.5em); }
  img { max-width: 100%; display: block; }
  a { color: var(--itb-color-link, #0b5cad); }
  .button {
    display: inline-flex; align-items: center; justify-content: center; gap: 0.5em;
    min-height: 44px; min-width: 44px; padding: 0.5em 1.1em;
    font: inherit; font-weight: 600; line-height: 1.25; cursor: pointer; text-decoration: none; text-align: center;
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
  .actions { display: flex; flex-wrap: wrap; gap: var(--itb-space-s, 0.5em); margin-top: var(--itb-space-m, 1em); }
  /* Card edges are a lighter mix of the border token: the radio inside carries the control's contrast. */
  .card {
    display: block; border: 1px solid color-mix(in srgb, var(--itb-color-border, #767d87) 50%, transparent);
    border-radius: var(--itb-radius, 8px);
    background: var(--itb-color-surface, #fff); padding: var(--itb-space-m, 1em);
  }
  .choice {
    display: flex; gap: 0.75em; align-items: flex-start; cursor: pointer; min-height: 44px;
    transition: border-color 0.12s, background-color 0.12s, box-shadow 0.12s;
  }
  /* font-size: inherit, so 1.25em is the card's em and not the UA's smaller one for inputs. */
  .choice input { font-size: inherit; width: 1.25em; height: 1.25em; margin: 0.125em 0 0; flex: none; accent-color: var(--itb-color-primary, #0b5cad); cursor: inherit; }
  .choice:not(.disabled):hover { border-color: var(--itb-color-primary, #0b5cad); }
  .choice:has(input:checked) {
    border-color: var(--itb-color-primary, #0b5cad); box-shadow: 0 0 0 1px var(--itb-color-primary, #0b5cad);
    background: color-mix(in srgb, var(--itb-color-primary, #0b5cad) 6%, var(--itb-color-surface, #fff));
  }
  /* The radio's own ring is small; the whole card shows keyboard focus. */
  .choice:has(input:focus-visible) { outline: 3px solid var(--itb-color-focus, #0b5cad); outline-offset: 2px; }
  .choice.disabled { cursor: default; background: var(--itb-color-surface-alt, #f3f5f8); }
  /* minmax(0, 1fr): a long word must not widen the column past the slot (it wraps or hyphenates instead). */
  .list { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0.75em; }
  /*
   * A list collapsed to its chosen card: the card takes the whole width and the Change button sits
   * on the heading's row ("Clinic ........ Change"), so a phone keeps the card's text readable.
   */
  fieldset.collapsed legend { min-height: 44px; padding-inline-end: 6em; display: flex; align-items: center; margin-bottom: 0; }
  /* bottom: 100% of the list is the legend's bottom edge (a fieldset's box starts below its legend). */
  fieldset.collapsed .list { position: relative; padding-top: 0.25em; }
  fieldset.collapsed .change { position: absolute; bottom: 100%; inset-inline-end: 0; padding-inline: 0.875em; }
  .muted { color: var(--itb-color-muted, #4d5560); }
  .error { color: var(--itb-color-error, #b3261e); font-weight: 600; }
  .notice {
    border-inline-start: 4px solid var(--itb-color-primary, #0b5cad); background: var(--itb-color-surface-alt, #f3f5f8);
    padding: var(--itb-space-s, 0.5em) var(--itb-space-m, 1em); margin: 0 0 var(--itb-space-m, 1em);
  }
  .notice.error { border-color: var(--itb-color-error, #b3261e); }
  .badge {
    display: inline-block; font-size: 0.875em; font-weight: 600; padding: 0.0625em 0.625em; border-radius: 999px; vertical-align: 0.0625em;
    background: var(--itb-color-accent, #7a3e00); color: var(--itb-color-on-accent, #fff);
    border: 1px solid transparent;
  }
  .field { display: grid; gap: 0.25em; margin-bottom: var(--itb-space-m, 1em); }
  .field label { font-weight: 600; }
  input[type='text'], input[type='tel'], input[type='email'], input[type='search'], textarea {
    font: inherit; color: inherit; width: 100%; min-height: 44px; padding: 0.5em 0.75em;
    border: 1px solid var(--itb-color-border, #767d87); border-radius: var(--itb-radius, 8px);
    background: var(--itb-color-surface, #fff);
  }
  /* The label is the tap target of a checkbox row: 44 px high, the box level with its first line. */
  .check { display: flex; gap: 0.5em; align-items: flex-start; margin-bottom: var(--itb-space-s, 0.5em); }
  .check input { font-size: inherit; width: 1.25em; height: 1.25em; margin: 0.625em 0 0; flex: none; accent-color: var(--itb-color-primary, #0b5cad); }
  .check label { flex: 1; min-height: 44px; padding-block: 0.5em; cursor: pointer; }
  dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 0.25em 1em; margin: 0 0 var(--itb-space-m, 1em); }
  dl.summary dt { font-weight: 600; }
  dl.summary dd { margin: 0; min-width: 0; }
  @media (prefers-reduced-motion: reduce) { .button, .choice { transition: none; } }
  @container (max-width: 30em) {
    h2 { font-size: 1.25em; }
    legend { font-size: 1.0625em; }
    dl.summary { grid-template-columns: 1fr; }
    dl.summary dd { margin-bottom: 0.25em; }
    /*
     * Narrow screens: the step's own Continue/Back row sticks to the bottom of the viewport while
     * its list scrolls past (only the step's main row: the select screen's, a step form's, the time
     * step's; never the row inside a booking card or a dialog).
     */
    .base > .actions, form > .actions, :host(itb-time-step) > .actions {
      position: sticky; bottom: 0; z-index: 2;
      margin: var(--itb-space-s, 0.5em) calc(-1 * var(--itb-space-s, 0.5em)) 0; padding: 0.375em var(--itb-space-s, 0.5em);
      background: var(--itb-color-surface, #fff);
      border-top: 1px solid color-mix(in srgb, var(--itb-color-border, #767d87) 35%, transparent);
    }
    /* Focus moved by Tab must land above the bar, not behind it (WCAG 2.4.11). */
    a, button, input, select, textarea, label, [tabindex] { scroll-margin-block: 1em 6em; }
  }
  /*
   * Phones: an open list of choices is one group with hairlines between rows instead of separate
   * cards, which gives back the gaps and double borders (issue 13: the first screen at 320 px).
   */
  @container (max-width: 26em) {
    fieldset.open .list { gap: 0; }
    fieldset.open .list > li > .card { border-radius: 0; margin-top: -1px; }
    fieldset.open .list > li:first-child > .card { border-start-start-radius: var(--itb-radius, 8px); border-start-end-radius: var(--itb-radius, 8px); margin-top: 0; }
    fieldset.open .list > li:last-child > .card { border-end-start-radius: var(--itb-radius, 8px); border-end-end-radius: var(--itb-radius, 8px); }
    /* The chosen and the hovered row draw over their neighbours' hairlines. */
    fieldset.open .list > li > .card:is(:hover, :has(input:checked), :has(input:focus-visible)) { position: relative; z-index: 1; }
  }
  .visually-hidden {
    position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
  }
  /*
   * Windows High Contrast and other forced-colour modes drop backgrounds and shadows, so every
   * control, the selected card, focus and disabled states get a border or outline in system colours.
   */
  @media (forced-colors: active) {
    .button, .card, input[type='text'], input[type='tel'], input[type='email'], input[type='search'], textarea {
      border: 2px solid ButtonText;
    }
    .button.primary { border-color: Highlight; }
    /* The time step's tiles: buttons too, with a button's edge. */
    .time, .day { border-color: ButtonText; }
    .button:disabled, .button[aria-disabled='true'] { border-color: GrayText; color: GrayText; opacity: 1; }
    .choice:has(input:checked) { border: 3px solid Highlight; box-shadow: none; }
    .choice.disabled { border-color: GrayText; }
    :focus-visible, .choice:has(input:focus-visible) { outline: 3px solid Highlight; }
    .badge, .notice { border: 1px solid CanvasText; }
    .base > .actions, form > .actions, :host(itb-time-step) > .actions { border-top: 2px solid CanvasText; }
  }
`;
