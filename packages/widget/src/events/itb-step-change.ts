import type { StepName } from '../state/booking-state.js';

/** Detail of `itb-step-change`. */
export interface ItbStepChangeDetail {
  readonly step: StepName;
  readonly previous: StepName | undefined;
}

/** The journey moved to another step (e.g. for analytics funnels). */
export class ItbStepChangeEvent extends CustomEvent<ItbStepChangeDetail> {
  constructor(detail: ItbStepChangeDetail) {
    super('itb-step-change', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap { 'itb-step-change': ItbStepChangeEvent }
}
