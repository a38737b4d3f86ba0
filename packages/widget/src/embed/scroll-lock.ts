/**
 * Locks the page's scrolling while a booking popup is open. A modal `<dialog>` makes the page inert
 * but still lets the wheel and touch scroll it behind the backdrop, so the root element gets
 * `overflow: hidden` (and `scrollbar-gutter: stable` when it had a scrollbar, so nothing shifts
 * sideways). The page's own inline values are saved by the first lock and put back exactly by the
 * last unlock: two widgets on one page (or two copies of the script) share one lock through a
 * registry on the document, because a second widget must not "restore" the first one's `hidden`.
 * Set through CSSOM (`style.setProperty`), which a CSP without 'unsafe-inline' allows.
 * @module
 */

interface SavedProperty {
  readonly value: string;
  readonly priority: string;
}

interface PageLock {
  readonly holders: Set<object>;
  saved?: ReadonlyMap<string, SavedProperty> | undefined;
}

/** Longhands, not `overflow`: a page's inline `overflow-x` alone must come back alone. */
const PROPERTIES = ['overflow-x', 'overflow-y', 'scrollbar-gutter'];

const REGISTRY = Symbol.for('itb-booking.scroll-lock');

function pageLock(doc: Document): PageLock {
  const slots = doc as unknown as Record<symbol, PageLock | undefined>;
  return (slots[REGISTRY] ??= { holders: new Set() });
}

function read(style: CSSStyleDeclaration, name: string): SavedProperty {
  return { value: style.getPropertyValue(name), priority: style.getPropertyPriority(name) };
}

function restore(style: CSSStyleDeclaration, name: string, saved: SavedProperty): void {
  if (saved.value === '') style.removeProperty(name);
  else style.setProperty(name, saved.value, saved.priority);
}

/** Locks scrolling for `holder` (a second lock by the same holder changes nothing). */
export function lockScroll(holder: object, doc: Document = document): void {
  const lock = pageLock(doc);
  if (lock.holders.has(holder)) return;
  lock.holders.add(holder);
  if (lock.holders.size > 1) return;
  const root = doc.documentElement;
  const style = root.style;
  const hadScrollbar = (doc.defaultView?.innerWidth ?? 0) > root.clientWidth;
  lock.saved = new Map(PROPERTIES.map((name) => [name, read(style, name)]));
  // `important`: page CSS such as `html { overflow-y: scroll !important }` must not win while open.
  style.setProperty('overflow', 'hidden', 'important');
  if (hadScrollbar) style.setProperty('scrollbar-gutter', 'stable', 'important');
}

/** Releases `holder`'s lock; the last one out puts the page's own values back. */
export function unlockScroll(holder: object, doc: Document = document): void {
  const lock = pageLock(doc);
  if (!lock.holders.delete(holder) || lock.holders.size > 0 || lock.saved === undefined) return;
  const style = doc.documentElement.style;
  for (const [name, saved] of lock.saved) restore(style, name, saved);
  lock.saved = undefined;
}
