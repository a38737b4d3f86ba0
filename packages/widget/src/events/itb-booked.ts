import type { Attribution } from '@itb/shared';

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
  /**
   * The page's UTM parameters when the journey started (`utm_source` … `utm_content`), cleaned as
   * the BFF cleans them: values that could be personal data are dropped. `{}` when there were none.
   */
  readonly attribution: Attribution;
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
