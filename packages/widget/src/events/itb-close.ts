import type { StepName } from '../state/booking-state.js';

/** Detail of `itb-close`. */
export interface ItbCloseDetail {
  /** The step the patient left the popup on (for funnels: where people give up). */
  readonly step: StepName;
}

/** The booking popup closed: `close()`, its close button or Esc. The journey is kept for the next opening. */
export class ItbCloseEvent extends CustomEvent<ItbCloseDetail> {
  constructor(detail: ItbCloseDetail) {
    super('itb-close', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap { 'itb-close': ItbCloseEvent }
}
