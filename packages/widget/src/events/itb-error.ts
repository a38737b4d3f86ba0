import type { ReasonCode } from '@itb/shared';

/** Detail of `itb-error`: the stable reason code and HTTP status, never the server's sentence. */
export interface ItbErrorDetail {
  readonly reason: ReasonCode;
  readonly status: number;
  /** What the widget was doing, e.g. `catalog`, `times`, `book`. */
  readonly operation: string;
}

/** Something failed and the patient was shown a message. */
export class ItbErrorEvent extends CustomEvent<ItbErrorDetail> {
  constructor(detail: ItbErrorDetail) {
    super('itb-error', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap { 'itb-error': ItbErrorEvent }
}
