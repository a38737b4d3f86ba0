import { css } from 'lit';

export const campaignFieldStyles = css`
  /*
   * Label on its own row, then the code and its button on one row, also at 320 px (the code column
   * may shrink below the input's intrinsic width; the button keeps its own): the field's box
   * steps aside (display: contents; a div has no role to lose) so label and input join the grid.
   */
  form {
    display: grid; grid-template-columns: minmax(0, 20em) auto; justify-content: start; gap: 0.25em var(--itb-space-s, 0.5em);
    align-items: end; margin-bottom: var(--itb-space-m, 1em);
  }
  .field { display: contents; }
  .field label { grid-column: 1 / -1; }
  /* On one line, or the grid squeezes the button to its longest word. */
  form .button { white-space: nowrap; padding-inline: 0.75em; }
  .applied { display: flex; flex-wrap: wrap; gap: var(--itb-space-s, 0.5em); align-items: center; }
`;
