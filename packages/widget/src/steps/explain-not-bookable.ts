/**
 * The one sentence a card shows when its offer cannot be chosen. Offline offers keep the clinic's
 * own reason word for word (spec §11.3); an offer naming no searchable treatment (§13.32) gets a
 * sentence of ours, since ITB gives no text for it. Either way only the clinic can book it, so
 * {@link notBookableNote} follows the sentence with how to reach the clinic.
 * @module
 */
import type { Clinic, OfferBookability } from '@itb/shared';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import './itb-clinic-contact/itb-clinic-contact.js';

/** The two texts, as both the treatment and the practitioner step carry them. */
export interface NotBookableTexts {
  readonly offline: (reason: string) => string;
  readonly notSearchable: string;
}

/** `undefined` when the offer can be booked. */
export function explainNotBookable(texts: NotBookableTexts, bookability: OfferBookability): string | undefined {
  if (bookability.bookable) return undefined;
  return bookability.reason === 'offer-offline' ? texts.offline(bookability.text ?? '') : texts.notSearchable;
}

/** The sentence as a card shows it, then the clinic's phone (or e-mail, or site) when a clinic is chosen. */
export function notBookableNote(texts: NotBookableTexts, bookability: OfferBookability, clinic: Clinic | undefined): TemplateResult | typeof nothing {
  const sentence = explainNotBookable(texts, bookability);
  if (sentence === undefined) return nothing;
  return html`<span class="error" part="error">${sentence}</span>${clinic === undefined ? nothing : html`<itb-clinic-contact exportparts="contact, link" .clinic=${clinic}></itb-clinic-contact>`}`;
}
