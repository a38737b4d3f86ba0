/**
 * Base of every step element: consumes the booking snapshot and intents from context, and moves
 * focus to the step's heading when the step appears after a patient's action (WCAG 2.4.3), never
 * on page load, where it would pull the host page's focus into the widget.
 * @module
 */
import { consume } from '@lit/context';
import { LitElement } from 'lit';
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

  protected override firstUpdated(): void {
    if (this.takesFocus && this.booking?.moveFocus === true) this.focusHeading();
  }

  /** Moves focus to the step heading (it carries tabindex="-1"). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }
}
