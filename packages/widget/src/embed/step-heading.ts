/**
 * The heading of the step on screen, which `open()` moves focus to (as a step change does, WCAG
 * 2.4.3): the select screen's own heading in `<itb-booking>`, else the heading of the step element.
 * @module
 */
import { StepElement } from '../steps/step-element.js';

/** Focuses the current step's heading under `root` (the element's shadow root); false when there is none yet. */
export function focusStepHeading(root: ParentNode, options?: FocusOptions): boolean {
  const base = root.querySelector('.base');
  let heading = base?.querySelector<HTMLElement>(':scope > h2[tabindex="-1"]') ?? null;
  for (const child of base?.children ?? []) {
    if (heading === null && child instanceof StepElement) heading = child.renderRoot.querySelector<HTMLElement>('h2');
  }
  heading?.focus(options);
  return heading !== null;
}
