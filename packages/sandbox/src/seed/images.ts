/**
 * The seed's pictures (clinic photos, practitioner avatars, the tenant banner) as small PNGs.
 * ITB sends photos as base64 raster images inside the resources (spec §6.2–6.3); the BFF serves
 * them at their own URLs, resized, and refuses svg, so these are pixels too (seed/png.ts). They are
 * bigger than the widget's 2x photo box, as live photos are, so the BFF's resizing shows.
 * @module
 */
import { canvas, drawText, encodePng, fillDisc, fillRect, rgb } from './png.js';

const SKY = rgb('#dfe9ef');
const WHITE = rgb('#ffffff');

type Picture = { readonly contentType: string; readonly data: string };

/*
 * Resources are built per request and a picture takes a few ms to draw, so each is drawn once per
 * process. The memo holds constants (a pure function of a seed colour and initials, bounded by the
 * seed), not state two sandboxes could see differently.
 */
const drawn = new Map<string, Picture>();

function picture(key: string, draw: () => Buffer): { contentType: string; data: string } {
  let known = drawn.get(key);
  if (known === undefined) {
    known = { contentType: 'image/png', data: draw().toString('base64') };
    drawn.set(key, known);
  }
  return { ...known };
}

/** A clinic "photo": a coloured façade with windows and a door, 240 × 150. */
export function clinicPhoto(colour: string): { contentType: string; data: string } {
  return picture(`clinic ${colour}`, () => {
    const c = canvas(240, 150, SKY);
    fillRect(c, 38, 30, 164, 120, rgb(colour));
    for (const x of [60, 105, 150]) fillRect(c, x, 52, 30, 26, WHITE);
    fillRect(c, 105, 100, 30, 50, WHITE);
    return encodePng(c);
  });
}

/** A practitioner avatar: initials on a coloured disc, 160 × 160. */
export function avatar(initials: string, colour: string): { contentType: string; data: string } {
  return picture(`avatar ${initials} ${colour}`, () => {
    const c = canvas(160, 160, SKY);
    fillDisc(c, 80, 80, 80, rgb(colour));
    drawText(c, initials, 80, 80, 6, WHITE);
    return encodePng(c);
  });
}

/** The tenant's banner image, 240 × 60. */
export function banner(): { contentType: string; data: string } {
  return picture('banner', () => {
    const c = canvas(240, 60, rgb('#1d4e63'));
    fillRect(c, 0, 44, 240, 16, rgb('#2f6f8f'));
    return encodePng(c);
  });
}
