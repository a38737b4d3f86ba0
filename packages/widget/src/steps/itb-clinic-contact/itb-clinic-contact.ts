import { consume } from '@lit/context';
import type { Clinic } from '@itb/shared';
import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { defineOnce } from '../../define-once.js';
import { bookingStateContext } from '../../state/booking-context.js';
import type { BookingSnapshot } from '../../state/booking-state.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { contactWay } from './contact-way.js';
import { clinicContactStyles } from './itb-clinic-contact.styles.js';

/**
 * @tagname itb-clinic-contact
 * @summary How to reach a clinic, shown wherever the widget says to contact it: its phone as a
 * `tel:` link, else its e-mail (`mailto:`), else its web site. Renders nothing when the clinic
 * gives no way at all. An element rather than a template function, so every step that uses it gets
 * its 44 px tap target without adding styles of its own.
 *
 * @csspart contact - The line with the link.
 * @csspart link - The link.
 */
export class ItbClinicContact extends LitElement {
  static override styles = [sharedStyles, clinicContactStyles];

  /** The clinic to reach (from the catalog). */
  @property({ attribute: false }) clinic?: Clinic;

  @consume({ context: bookingStateContext, subscribe: true })
  @state()
  private booking?: BookingSnapshot;

  protected override render(): unknown {
    const t = this.booking?.t;
    const way = contactWay(this.clinic);
    if (t === undefined || way === undefined) return nothing;
    // A web site opens beside the journey, so the booking is still there when the patient returns.
    const link = way.kind === 'web'
      ? html`<a part="link" href=${way.href} target="_blank" rel="noopener">${way.text}<span class="visually-hidden"> ${t.contact.newTab}</span></a>`
      : html`<a part="link" href=${way.href}>${way.text}</a>`;
    return html`<p part="contact"><span>${t.contact[way.kind]}</span> ${link}</p>`;
  }
}

defineOnce('itb-clinic-contact', ItbClinicContact);

declare global {
  interface HTMLElementTagNameMap { 'itb-clinic-contact': ItbClinicContact }
}
