/**
 * Registers a custom element unless the tag is taken. Two copies of the widget script on one page
 * (a CMS plugin plus a hand-written tag, say) must not throw "already defined"; the first copy wins.
 * @module
 */
export function defineOnce(tag: string, element: CustomElementConstructor): void {
  if (customElements.get(tag) === undefined) customElements.define(tag, element);
}
