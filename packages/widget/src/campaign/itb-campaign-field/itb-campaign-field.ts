import { consume } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { defineOnce } from '../../define-once.js';
import { bookingIntentsContext, bookingStateContext } from '../../state/booking-context.js';
import type { BookingIntents } from '../../state/booking-intents.js';
import type { BookingSnapshot } from '../../state/booking-state.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { campaignFieldStyles } from './itb-campaign-field.styles.js';

/**
 * @tagname itb-campaign-field
 * @summary Optional campaign code. A valid code highlights its clinics and treatments and shows
 * its message; an invalid one shows why, and booking carries on as normal.
 *
 * @csspart input - The code input.
 * @csspart message - The campaign's message.
 * @csspart label - The input's label.
 * @csspart button - Apply and Remove.
 * @csspart notice - The applied code.
 * @csspart error - Why a code was refused.
 */
export class ItbCampaignField extends LitElement {
  static override styles = [sharedStyles, campaignFieldStyles];

  // A field on the select screen, not a step: it reads the journey like a step does but never
  // takes focus (the screen's heading, which itb-booking owns, does).
  @consume({ context: bookingStateContext, subscribe: true })
  @state()
  private booking?: BookingSnapshot;

  @consume({ context: bookingIntentsContext })
  private intents?: BookingIntents;

  @state() private code = '';

  private submit(event: Event): void {
    event.preventDefault();
    if (this.code.trim() !== '') this.intents?.applyCampaign(this.code);
  }

  private message(): string | undefined {
    const s = this.booking!;
    const message = s.campaign?.message;
    if (message === undefined || typeof message === 'string') return message;
    return message[s.t.code] ?? message['en'] ?? Object.values(message)[0];
  }

  protected override render(): unknown {
    const s = this.booking;
    if (s === undefined) return nothing;
    const t = s.t;
    if (s.campaign !== undefined) {
      const message = this.message();
      return html`
        <div class="notice applied" part="notice">
          <span>${t.campaign.applied(s.campaign.code)}</span>
          <button type="button" class="button" part="button" @click=${() => this.intents?.removeCampaign()}>${t.campaign.remove}</button>
        </div>
        ${message === undefined ? nothing : html`<p part="message">${message}</p>`}`;
    }
    const problem = s.campaignProblem;
    return html`
      <form @submit=${this.submit} novalidate>
        <div class="field">
          <label for="code" part="label">${t.campaign.label}</label>
          <input id="code" type="text" part="input" autocomplete="off" .value=${this.code}
            aria-describedby=${problem === undefined ? nothing : 'code-error'} aria-invalid=${problem === undefined ? 'false' : 'true'}
            @input=${(e: Event) => { this.code = (e.target as HTMLInputElement).value; }} />
        </div>
        <button class="button" part="button" type="submit" ?disabled=${s.campaignStatus === 'loading'}>${t.campaign.apply}</button>
      </form>
      ${problem === undefined ? nothing : html`<p id="code-error" class="error" part="error">${t.reasons[problem.reason]}</p>`}`;
  }
}

defineOnce('itb-campaign-field', ItbCampaignField);

declare global {
  interface HTMLElementTagNameMap { 'itb-campaign-field': ItbCampaignField }
}
