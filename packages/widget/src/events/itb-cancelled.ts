/** Detail of `itb-cancelled`: ids and times only. */
export interface ItbCancelledDetail {
  readonly appointmentId: string;
  readonly start: string;
}

/** A booking was cancelled by the patient. */
export class ItbCancelledEvent extends CustomEvent<ItbCancelledDetail> {
  constructor(detail: ItbCancelledDetail) {
    super('itb-cancelled', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap { 'itb-cancelled': ItbCancelledEvent }
}
