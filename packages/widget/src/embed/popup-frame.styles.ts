import { css } from 'lit';

/**
 * The dialog and the floating button. Adopted into the element's shadow root by popup-frame.ts when
 * the chunk arrives, so inline pages never download them. Widths are in em of the widget's own font
 * size; the breakpoint is the viewport's, because a modal dialog sits on the viewport, not in the page.
 */
export const popupStyles = css`
  dialog.popup {
    box-sizing: border-box;
    width: min(100% - 2em, 52em);
    max-width: none;
    max-height: calc(100% - 2em);
    padding: 0;
    border: 0;
    border-radius: var(--itb-radius, 8px);
    background: var(--itb-color-surface, #fff);
    color: var(--itb-color-text, #1b1f24);
    box-shadow: 0 0.5em 2em rgb(0 0 0 / 0.35);
    overflow: auto;
    /* Scrolling to the dialog's end must not carry on into the (locked) page on touch screens. */
    overscroll-behavior: contain;
  }
  dialog.popup::backdrop { background: rgb(0 0 0 / 0.55); }
  dialog.popup > .base { max-width: none; border-radius: 0; }
  .popup-bar {
    position: sticky; top: 0; z-index: 1;
    display: flex; justify-content: flex-end;
    padding: 0.25em 0.25em 0;
    background: var(--itb-color-surface, #fff);
  }
  .close {
    display: inline-flex; align-items: center; justify-content: center;
    width: 44px; height: 44px; padding: 0;
    border: 0; border-radius: var(--itb-radius, 8px);
    background: transparent; color: var(--itb-color-text, #1b1f24); cursor: pointer;
  }
  .close:hover { background: var(--itb-color-surface-alt, #f3f5f8); }
  .close svg { width: 1.5em; height: 1.5em; }
  .floating {
    position: fixed;
    z-index: 2147483000;
    inset-inline-end: max(1em, env(safe-area-inset-right));
    inset-block-end: max(1em, env(safe-area-inset-bottom));
    box-shadow: 0 0.25em 1em rgb(0 0 0 / 0.3);
  }
  /* A phone (320–480 px): the whole screen, so the journey has every pixel and nothing behind peeks out. */
  @media (max-width: 480px) {
    dialog.popup { width: 100%; height: 100%; max-height: 100%; margin: 0; border-radius: 0; }
  }
  @media (prefers-reduced-motion: no-preference) {
    dialog.popup[open] { animation: itb-popup-in 0.15s ease-out; }
    @keyframes itb-popup-in { from { opacity: 0; transform: translateY(0.5em); } }
  }
`;
