import { PHOTO_WIDTHS, isSizablePhoto, sizedPhotoUrl } from '@itb/shared';
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';

const [ONE_X, TWO_X] = PHOTO_WIDTHS;

/**
 * A clinic or practitioner photo in its `.photo` box (the step's CSS sizes it; at most 4em, 64 px
 * at 16 px), or the empty box when there is none. A BFF photo URL is asked for at 1x and 2x of
 * that box; a `data:` URL (an unchanged upstream) is used as it is. Lazy and async: photos below
 * the fold cost nothing until scrolled to, and decoding never holds up the list. `alt=""` because
 * the name beside it says who or where it is.
 */
export function renderPhoto(photo: string | undefined): TemplateResult {
  if (photo === undefined) return html`<span class="photo" part="photo" aria-hidden="true"></span>`;
  const srcset = isSizablePhoto(photo) ? `${sizedPhotoUrl(photo, TWO_X)} 2x` : undefined;
  return html`<img class="photo" part="photo" src=${sizedPhotoUrl(photo, ONE_X)} srcset=${ifDefined(srcset)} width=${ONE_X} height=${ONE_X} loading="lazy" decoding="async" alt="" />`;
}
