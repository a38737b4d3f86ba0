/**
 * Base of every step element: consumes the booking snapshot and intents from context, and moves
 * focus to the step's heading when the step appears after a patient's action (WCAG 2.4.3), never
 * on page load, where it would pull the host page's focus into the widget. It also answers the
 * store's focus requests: after a popup, a dialog or a failure took focus away, the element marked
 * `data-focus="<target>"` gets it back.
 * @module
 */
import { consume } from '@lit/context';
import { LitElement } from 'lit';
import type { PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { bookingIntentsContext, bookingStateContext } from '../state/booking-context.js';
import type { BookingIntents } from '../state/booking-intents.js';
import type { BookingSnapshot } from '../state/booking-state.js';

export class StepElement extends LitElement {
  @consume({ context: bookingStateContext, subscribe: true })
  @state()
  protected booking?: BookingSnapshot;

  @consume({ context: bookingIntentsContext })
  protected intents?: BookingIntents;

  /** Steps that share a screen with another set this to false on all but the first. */
  protected takesFocus = true;

  /** Focus requests made before this element existed are not for it. */
  private answeredFocusSeq: number | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.answeredFocusSeq = this.booking?.focusRequest?.seq;
  }

  protected override firstUpdated(): void {
    if (this.takesFocus && this.booking?.moveFocus === true) this.focusHeading();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const request = this.booking?.focusRequest;
    if (request === undefined || request.seq === this.answeredFocusSeq) return;
    const target = this.renderRoot.querySelector<HTMLElement>(`[data-focus="${request.target}"]`);
    if (target === null) return;
    this.answeredFocusSeq = request.seq;
    target.focus();
  }

  /** Moves focus to the step heading (it carries tabindex="-1"). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }
}
