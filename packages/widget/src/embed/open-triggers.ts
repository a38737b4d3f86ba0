/**
 * `data-itb-open`: any element on the page opens a booking popup when clicked, so the "Boka tid"
 * buttons a site already has just work. `data-itb-open="<id>"` names one `<itb-booking>`; an empty
 * value means the first popup or floating widget on the page. `data-itb-clinic`,
 * `data-itb-treatment`, `data-itb-practitioner` and `data-itb-campaign` are applied with
 * `prefill()` first.
 *
 * One click listener on the document does it, so elements added after load work too. It is
 * installed once per page — by the popup code (popup-frame.ts) of the first popup or floating
 * widget, which loads as the widget connects, however many widgets or copies of the script there
 * are (a flag on the document, which two bundles share). It listens in the capture
 * phase, so a page handler that stops propagation cannot swallow the click, and it prevents the
 * default action only when a widget takes the click: an `<a href data-itb-open>` still navigates
 * on a page without a popup widget, and a modified click (new tab, download) is left to the browser.
 * @module
 */
import type { ItbPrefill } from './start-choices.js';

const INSTALLED = Symbol.for('itb-booking.open-triggers');
const PREFILL_KEYS = ['clinic', 'treatment', 'practitioner', 'campaign'] as const;

/** What a trigger needs of `<itb-booking>`: its public API (whichever copy of the script defined it). */
interface OpenTarget extends Element {
  open(opener?: HTMLElement): void;
  prefill(values: ItbPrefill): void;
}

function onClick(event: MouseEvent): void {
  if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  const trigger = event.composedPath().find((node): node is HTMLElement => node instanceof HTMLElement && node.dataset['itbOpen'] !== undefined);
  const id = trigger?.dataset['itbOpen']?.trim();
  const widget = id ? document.getElementById(id) : document.querySelector('itb-booking:is([mode=popup],[mode=floating])');
  if (trigger === undefined || widget?.localName !== 'itb-booking') return;
  event.preventDefault();
  const values = PREFILL_KEYS.filter((key) => trigger.getAttribute(`data-itb-${key}`)?.trim());
  // No data-itb-* values: the journey stays where the patient left it.
  if (values.length > 0) (widget as OpenTarget).prefill(Object.fromEntries(values.map((key) => [key, trigger.getAttribute(`data-itb-${key}`)])));
  (widget as OpenTarget).open(trigger);
}

/** Installs the page's one `data-itb-open` listener, unless a widget (of any copy of the script) already did. */
export function listenForOpenTriggers(): void {
  const flags = document as unknown as Record<symbol, boolean | undefined>;
  if (flags[INSTALLED] === true) return;
  flags[INSTALLED] = true;
  document.addEventListener('click', onClick, true);
}
