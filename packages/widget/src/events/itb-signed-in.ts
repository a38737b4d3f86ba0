/** Detail of `itb-signed-in`. Never the patient's name: only how the sign-in happened. */
export interface ItbSignedInDetail {
  readonly mode: 'popup' | 'redirect';
}

/** The patient signed in with BankID through the BFF. */
export class ItbSignedInEvent extends CustomEvent<ItbSignedInDetail> {
  constructor(detail: ItbSignedInDetail) {
    super('itb-signed-in', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap { 'itb-signed-in': ItbSignedInEvent }
}
