/**
 * Helpers for the embed tests (modes, the JS API, `data-itb-open`, deep links): mount a widget in
 * a mode, reach its dialog, and run a test with extra parameters on the page's address.
 * @module
 */
import { fixture, html, oneEvent } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { ItbCloseEvent } from '../events/itb-close.js';
import type { ItbOpenEvent } from '../events/itb-open.js';
import type { ItbBooking } from '../itb-booking/itb-booking.js';
import { BFF, waitFor } from '../testing/widget.test-support.js';

export interface ModeOptions {
  readonly id?: string;
  readonly locale?: string;
  readonly clinic?: string;
  readonly treatment?: string;
  readonly campaign?: string;
}

/** Mounts `<itb-booking mode=…>` as a fresh page would (removed again after each test by the fixture cleanup). */
export async function mountMode(mode: string | undefined, options: ModeOptions = {}): Promise<ItbBooking> {
  history.replaceState(null, '');
  return fixture<ItbBooking>(html`<itb-booking bff=${BFF} locale=${options.locale ?? 'en'} mode=${ifDefined(mode)} id=${ifDefined(options.id)}
    clinic=${ifDefined(options.clinic)} treatment=${ifDefined(options.treatment)} campaign=${ifDefined(options.campaign)}></itb-booking>`);
}

/** The popup's dialog, once the popup code has loaded and rendered it. */
export function dialogOf(el: ItbBooking): Promise<HTMLDialogElement> {
  return waitFor(() => el.shadowRoot?.querySelector<HTMLDialogElement>('dialog.popup'), 'popup dialog rendered');
}

/** The element that has focus, looking into shadow roots. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Whether focus is inside `el`'s popup dialog. */
export function focusInDialog(el: ItbBooking): boolean {
  const dialog = el.shadowRoot?.querySelector('dialog.popup');
  let node: Node | null = deepActiveElement();
  while (node !== null && node !== dialog) node = node instanceof ShadowRoot ? node.host : node.parentNode;
  return node !== null;
}

export function nextOpen(target: EventTarget = document): Promise<ItbOpenEvent> {
  return oneEvent(target, 'itb-open') as Promise<ItbOpenEvent>;
}

export function nextClose(target: EventTarget = document): Promise<ItbCloseEvent> {
  return oneEvent(target, 'itb-close') as Promise<ItbCloseEvent>;
}

/** Runs `body` with `params` added to the page's address (replaced, not a history entry), then puts the address back. */
export async function withPageParams<T>(params: Record<string, string>, body: () => Promise<T>): Promise<T> {
  const original = location.href;
  const url = new URL(original);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  history.replaceState(null, '', url);
  try {
    return await body();
  } finally {
    history.replaceState(null, '', original);
  }
}

/** A button on the page, outside any widget (removed with `remove()`). */
export function pageButton(text: string, attributes: Record<string, string> = {}): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = text;
  for (const [name, value] of Object.entries(attributes)) button.setAttribute(name, value);
  document.body.append(button);
  return button;
}
