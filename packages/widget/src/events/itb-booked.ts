/**
 * Detail of `itb-booked`. Ids and times only: host pages forward events to analytics, so no
 * name, phone number or personal number ever rides along.
 */
export interface ItbBookedDetail {
  readonly appointmentId: string;
  readonly start: string;
  readonly end: string;
  readonly clinicId: string;
  readonly treatmentId: string;
  readonly practitionerRoleId: string;
}

/** A new booking was confirmed by the clinic system. */
export class ItbBookedEvent extends CustomEvent<ItbBookedDetail> {
  constructor(detail: ItbBookedDetail) {
    super('itb-booked', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap { 'itb-booked': ItbBookedEvent }
}
