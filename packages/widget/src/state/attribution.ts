/**
 * The campaign attribution a journey starts with: the UTM parameters of the page's address, or, when
 * the address no longer has them (a login redirect came back to a cleaned URL), those saved with
 * the journey before it left. Both are cleaned with the BFF's rules (`cleanAttribution` in
 * @itb/shared), so nothing that could be personal data reaches `itb-booked` or the request.
 * @module
 */
import { cleanAttribution, isEmptyAttribution } from '@itb/shared';
import type { Attribution } from '@itb/shared';
import type { SavedJourney } from './journey-storage.js';

export function startAttribution(href: string, restored: Pick<SavedJourney, 'attribution'> | undefined): Attribution {
  const here = cleanAttribution(new URL(href).searchParams);
  // sessionStorage is the page's too: what was saved is cleaned again, not trusted.
  return isEmptyAttribution(here) ? cleanAttribution(Object.entries(restored?.attribution ?? {})) : here;
}
