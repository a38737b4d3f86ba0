/**
 * The dialog of popup and floating mode (and `open()` on an inline widget), loaded on demand by
 * embed-mode.ts. The journey renders in a native `<dialog>` in the element's shadow root, opened
 * with `showModal()`: the browser makes
 * the page inert, keeps Tab inside and closes it on Esc (`cancel`). On top of that, focus goes to
 * the step's heading (the browser would pick the close button), comes back on close to whatever
 * opened it (a page button, the floating button), the page's scroll is locked while open, and
 * `itb-open` / `itb-close` tell the page. Closing keeps the journey: reopening continues it.
 * @module
 */
import { html, nothing, svg } from 'lit';
import type { ReactiveController, TemplateResult } from 'lit';
import { ItbCloseEvent } from '../events/itb-close.js';
import { ItbOpenEvent } from '../events/itb-open.js';
import type { Translation } from '../locales/translation.js';
import type { StepName } from '../state/booking-state.js';
import type { EmbedHost, EmbedModeName } from './embed-mode.js';
import { popupStyles } from './popup-frame.styles.js';
import { listenForOpenTriggers } from './open-triggers.js';
import { lockScroll, unlockScroll } from './scroll-lock.js';
import { focusStepHeading } from './step-heading.js';

const closeIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M6 6l12 12M18 6L6 18" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/></svg>`;

/** The element focused now, looking into shadow roots (a button inside another component, say). */
function deepActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement && active !== document.body ? active : undefined;
}

/** Adds the popup's styles to the shadow root the element's own styles are in. */
function adoptPopupStyles(root: HTMLElement | DocumentFragment): void {
  if (!(root instanceof ShadowRoot)) return;
  const sheet = popupStyles.styleSheet;
  if (sheet === undefined) {
    // No constructable stylesheets: Lit itself fell back to <style> elements, so do as it does.
    const style = document.createElement('style');
    style.textContent = popupStyles.cssText;
    root.append(style);
  } else if (!root.adoptedStyleSheets.includes(sheet)) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }
}

export class PopupFrame implements ReactiveController {
  private readonly host: EmbedHost;
  private readonly step: () => StepName;
  /** Where focus goes back to on close. */
  private opener: HTMLElement | undefined;
  /** Open, as far as the page was told (`itb-open` sent, scroll locked). */
  private shown = false;

  constructor(host: EmbedHost, step: () => StepName) {
    this.host = host;
    this.step = step;
    host.addController(this);
    adoptPopupStyles(host.renderRoot);
    listenForOpenTriggers();
  }

  hostDisconnected(): void {
    // Removed from the page while open: no close event will come, and the page must scroll again.
    this.release();
  }

  private dialog(): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector<HTMLDialogElement>('dialog.popup');
  }

  render(mode: Exclude<EmbedModeName, 'inline'>, content: TemplateResult, t: Translation): TemplateResult {
    return html`
      ${mode === 'floating' ? html`<button type="button" class="button primary floating" part="button floating-button" lang=${t.code}
        @click=${(event: Event) => this.open(mode, event.currentTarget as HTMLElement)}>${t.embed.open}</button>` : nothing}
      <dialog class="popup" part="popup" aria-label=${t.common.widgetLabel} lang=${t.code} @close=${() => this.finish(true)}>
        <div class="popup-bar">
          <button type="button" class="close" part="close-button" aria-label=${t.embed.close} @click=${() => this.close()}>${closeIcon}</button>
        </div>
        ${content}
      </dialog>`;
  }

  /**
   * Opens the dialog (if it is not open already) and moves focus to the step's heading. Focus
   * returns to `opener` on close, by default the element focused now (nothing has moved it since
   * open() was called). Inline there is no dialog: the widget is scrolled into view instead.
   */
  open(mode: EmbedModeName, opener: HTMLElement | undefined = deepActiveElement()): void {
    if (mode === 'inline') {
      this.host.scrollIntoView({ block: 'start' });
      focusStepHeading(this.host.renderRoot, { preventScroll: true });
      return;
    }
    const dialog = this.dialog();
    if (dialog === null) return;
    if (!dialog.open) {
      // Opened from inside itself (a handler calling open() again) is not somewhere to return to.
      this.opener = opener !== undefined && dialog.contains(opener) ? undefined : opener;
      dialog.showModal();
      lockScroll(this);
      this.shown = true;
      focusStepHeading(this.host.renderRoot);
      this.host.dispatchEvent(new ItbOpenEvent({ step: this.step() }));
      return;
    }
    focusStepHeading(this.host.renderRoot);
  }

  /** Focus to the step's heading once the step on screen has rendered, if the popup is open. */
  refocus(): void {
    if (this.shown) void this.host.updateComplete.then(() => focusStepHeading(this.host.renderRoot));
  }

  /** Closes the dialog; the `close` event that follows does the rest. */
  close(): void {
    const dialog = this.dialog();
    if (dialog?.open === true) dialog.close();
  }

  /** The dialog went away without a `close` event (mode changed to inline, element removed): unlock and tell. */
  release(): void {
    this.finish(false);
    // Out of the top layer now, before the render that removes it (its late close event finds nothing to do).
    this.close();
  }

  private finish(returnFocus: boolean): void {
    if (!this.shown) return;
    this.shown = false;
    unlockScroll(this);
    const opener = this.opener;
    this.opener = undefined;
    if (returnFocus && opener?.isConnected === true) opener.focus();
    this.host.dispatchEvent(new ItbCloseEvent({ step: this.step() }));
  }
}
