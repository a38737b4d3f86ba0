/**
 * The one sentence a card shows when its offer cannot be chosen. Offline offers keep the clinic's
 * own reason word for word (spec §11.3); an offer naming no searchable treatment (§13.32) gets a
 * sentence of ours, since ITB gives no text for it.
 * @module
 */
import type { OfferBookability } from '@itb/shared';

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
