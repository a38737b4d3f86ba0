/** Detail of `itb-rescheduled`: ids and times only. */
export interface ItbRescheduledDetail {
  readonly appointmentId: string;
  readonly start: string;
  readonly end: string;
  readonly previousStart: string;
}

/** An existing booking was moved to a new time. */
export class ItbRescheduledEvent extends CustomEvent<ItbRescheduledDetail> {
  constructor(detail: ItbRescheduledDetail) {
    super('itb-rescheduled', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap { 'itb-rescheduled': ItbRescheduledEvent }
}
