import { css } from 'lit';

export const clinicContactStyles = css`
  p { margin: 0; display: flex; flex-wrap: wrap; align-items: center; column-gap: 0.4em; }
  /* A tap target of at least 44 px however short the number is (WCAG 2.5.5). */
  a { display: inline-flex; align-items: center; min-height: 44px; min-width: 44px; font-weight: 600; overflow-wrap: anywhere; }
`;
