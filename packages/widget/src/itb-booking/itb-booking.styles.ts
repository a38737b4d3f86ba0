import { css } from 'lit';

/**
 * The outer box. Its size and typography are set on `.base`, inside the shadow root, as well as on
 * :host: a page rule such as `* { all: unset }` reaches the host element itself (making it inline,
 * resetting its font size and container type) but never what is inside.
 */
export const bookingStyles = css`
  .base {
    display: block;
    /* Not inherited from the host: a page reset leaves the host content-box, and every width: 100% with padding would overflow. */
    box-sizing: border-box;
    /* The widget's own container: container queries work even when page CSS unsets the host. */
    container-type: inline-size;
    font-family: var(--itb-font-family, inherit);
    font-size: var(--itb-font-size, 16px);
    line-height: var(--itb-line-height, 1.5);
    color: var(--itb-color-text, #1b1f24);
    /* Every other inherited text property the page's reset may have put on the host. */
    font-style: normal; font-weight: normal; font-variant: normal; letter-spacing: normal; word-spacing: normal;
    text-transform: none; text-indent: 0; text-align: start; white-space: normal; hyphens: auto; overflow-wrap: break-word;
    visibility: visible; cursor: auto;
    background: var(--itb-color-surface, #fff);
    border-radius: var(--itb-radius, 8px);
    /* Half the padding on a phone, where the page has margins of its own (4 % of the slot, 8 to 16 px). */
    padding: var(--itb-space-m, clamp(0.5em, 4%, 1em));
    max-width: var(--itb-max-width, 64em);
  }
  .select-grid { display: grid; gap: var(--itb-space-m, 1em); grid-template-columns: minmax(0, 1fr); }
  @container (min-width: 44em) {
    .select-grid { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
  }
  .config h2 { font-size: 1.125em; }
  @container (max-width: 26em) {
    .select-grid { gap: 0.75em; }
    /* The hint under Continue (why it cannot go on yet) in the small print of a phone. */
    .base > .actions + .muted { font-size: 0.875em; margin-top: var(--itb-space-s, 0.5em); }
  }
`;
