import type { StepName } from '../state/booking-state.js';

/** Detail of `itb-open`. */
export interface ItbOpenDetail {
  /** The step the patient sees (a popup closed half-way opens where it was left). */
  readonly step: StepName;
}

/** The booking popup opened (popup and floating mode): `open()`, the floating button or a `data-itb-open` element. */
export class ItbOpenEvent extends CustomEvent<ItbOpenDetail> {
  constructor(detail: ItbOpenDetail) {
    super('itb-open', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap { 'itb-open': ItbOpenEvent }
}
