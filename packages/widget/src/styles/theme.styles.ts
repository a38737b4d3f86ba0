/**
 * `theme`: the dark palette for `theme="dark"`, and for `theme="auto"` when the system asks for
 * dark; the colour scheme native controls follow; the text tokens in forced colours.
 *
 * Without the attribute (and with `theme="light"`) nothing here sets a token outside forced colours,
 * so the defaults in every `var(--itb-…, default)` apply and tokens a page sets on an ancestor still
 * inherit, as before themes existed. `dark` sets every colour token on the host: a page's own tokens
 * on the element itself still win (the page's rule outranks `:host`). Each pair is WCAG AA on the
 * dark surfaces (4.5:1 text, 3:1 borders and focus), checked in theme.test.ts.
 *
 * `color-scheme` is set on the inner boxes, not on the host: a page reset such as `* { all: unset }`
 * reaches the host but never the shadow root. Light is said outright, so a page whose own
 * color-scheme is dark does not draw dark native controls and scrollbars in a light widget.
 *
 * Forced colours repaint with the system palette whatever the theme. The tokens that colour text
 * follow it too, because what reads colours from computed styles must see what is painted: axe, in
 * Chromium, reads text through -webkit-text-fill-color, which keeps the page's colour. The popup
 * gets the edges its shadow and backdrop gave it.
 *
 * Written without comments and spaces inside the CSS: styles ship as written, and this sheet is in
 * the first screen's file. A chunk loaded on demand for dark and auto widgets was tried: its loader
 * cost about as many bytes as the sheet (58 B gzip saved) and a dark page had to wait, hidden, for it.
 * @module
 */
import { css } from 'lit';

const dark = css`--itb-color-primary:#82b6ff;--itb-color-on-primary:#0b1726;--itb-color-text:#e8ebef;--itb-color-muted:#b1b9c4;--itb-color-surface:#15181c;--itb-color-surface-alt:#23282f;--itb-color-border:#8b949f;--itb-color-error:#ff9189;--itb-color-success:#5ccf7e;--itb-color-accent:#f3b56c;--itb-color-on-accent:#1d1102;--itb-color-link:#82b6ff;--itb-color-focus:#82b6ff;`;
const darkScheme = css`:is(.base,.popup){color-scheme:dark}`;

export const themeStyles = css`
.base,.popup{color-scheme:light}
:host([theme='dark']){${dark}}
:host([theme='dark']) ${darkScheme}
@media (prefers-color-scheme:dark){:host([theme='auto']){${dark}}:host([theme='auto']) ${darkScheme}}
@media (forced-colors:active){
:host,:host([theme]){--itb-color-primary:ButtonText;--itb-color-on-primary:ButtonText;--itb-color-text:CanvasText;--itb-color-muted:CanvasText;--itb-color-error:CanvasText;--itb-color-on-accent:CanvasText;--itb-color-link:LinkText}
:host dialog.popup{border:2px solid CanvasText}
:host .close{border:1px solid ButtonText}
}
`;
