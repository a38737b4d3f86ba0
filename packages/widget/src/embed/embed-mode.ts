/**
 * `mode`: how `<itb-booking>` sits in the page. `inline` (the default) renders the journey where
 * the element is; `popup` puts it in a modal dialog that `open()` or a `data-itb-open` element
 * shows; `floating` adds a fixed button that opens that dialog. The code behind it (popup-frame.ts:
 * the dialog, its styles, the scroll lock, moving focus) is a chunk of its own, fetched as soon as a
 * widget is in popup or floating mode, or when an inline one is asked to `open()`, so the first
 * screen of an inline page does not carry it. This file is in every first screen: keep it small.
 * @module
 */
import { nothing } from 'lit';
import type { ReactiveControllerHost, TemplateResult } from 'lit';
import type { Translation } from '../locales/translation.js';
import type { StepName } from '../state/booking-state.js';
import type { PopupFrame } from './popup-frame.js';

export type EmbedModeName = 'inline' | 'popup' | 'floating';

/** The mode an attribute value names; absent, empty or unknown is inline. */
export function embedModeOf(value: string | null | undefined): EmbedModeName {
  return value === 'popup' || value === 'floating' ? value : 'inline';
}

/** The element, as the mode needs it. */
export type EmbedHost = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

export class EmbedMode {
  private readonly host: EmbedHost;
  private readonly step: () => StepName;
  private frame: PopupFrame | undefined;
  private loading: Promise<PopupFrame> | undefined;
  /** Counts open() and close() calls, so an open() still waiting for its code does not undo a later close(). */
  private calls = 0;

  /** `step` says which step the journey is on (for the open and close events). */
  constructor(host: EmbedHost, step: () => StepName) {
    this.host = host;
    this.step = step;
  }

  /** Called when `mode` is set: fetches the dialog's code early, so the first `open()` does not wait for it. */
  use(mode: EmbedModeName): void {
    if (mode === 'inline') this.frame?.release();
    else this.load().catch(() => undefined);
  }

  private load(): Promise<PopupFrame> {
    return (this.loading ??= import('./popup-frame.js').then(({ PopupFrame: Frame }) => {
      this.frame = new Frame(this.host, this.step);
      this.host.requestUpdate();
      return this.frame;
    }, (error: unknown) => {
      // Offline, say: the next open() fetches it again.
      this.loading = undefined;
      throw error;
    }));
  }

  /** `content` (the journey) as `mode` shows it: in place, or inside the dialog once its code is here. */
  render(mode: EmbedModeName, content: TemplateResult, t: Translation): unknown {
    return mode === 'inline' ? content : (this.frame?.render(mode, content, t) ?? nothing);
  }

  /** See `open()` on the element; it opens once `ready` (a reset or prefill under way) has settled. */
  async open(mode: EmbedModeName, opener: HTMLElement | undefined, ready: Promise<unknown>): Promise<void> {
    const call = ++this.calls;
    await ready;
    const frame = await this.load();
    await this.host.updateComplete;
    if (call === this.calls) frame.open(mode, opener);
  }

  /** After reset() or prefill(): an open popup's focus goes to the new step's heading (the old one may be gone). */
  refocus(): void {
    this.frame?.refocus();
  }

  /** Closes the dialog if it is open. */
  close(): void {
    this.calls += 1;
    this.frame?.close();
  }
}
