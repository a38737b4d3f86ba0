/**
 * Tiny inline SVG pictures (clinic photos, practitioner avatars, the tenant banner). ITB sends
 * photos as base64 inside the resources (spec §6.2–6.3); keeping them a few hundred bytes keeps the
 * whole catalog answer small.
 * @module
 */

function base64(svg: string): string {
  return Buffer.from(svg, 'utf8').toString('base64');
}

/** A clinic "photo": a coloured façade with windows. */
export function clinicPhoto(colour: string): { contentType: string; data: string } {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 40"><rect width="64" height="40" fill="#dfe9ef"/><rect x="10" y="8" width="44" height="32" fill="${colour}"/><g fill="#fff"><rect x="16" y="14" width="8" height="7"/><rect x="28" y="14" width="8" height="7"/><rect x="40" y="14" width="8" height="7"/><rect x="28" y="27" width="8" height="13"/></g></svg>`;
  return { contentType: 'image/svg+xml', data: base64(svg) };
}

/** A practitioner avatar: initials on a coloured disc. */
export function avatar(initials: string, colour: string): { contentType: string; data: string } {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><circle cx="20" cy="20" r="20" fill="${colour}"/><text x="20" y="26" font-size="15" fill="#fff" text-anchor="middle">${initials}</text></svg>`;
  return { contentType: 'image/svg+xml', data: base64(svg) };
}

/** The tenant's banner image. */
export function banner(): { contentType: string; data: string } {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 30"><rect width="120" height="30" fill="#1d4e63"/><path d="M0 24 L30 12 L55 22 L80 8 L120 22 L120 30 L0 30Z" fill="#2f6f8f"/></svg>';
  return { contentType: 'image/svg+xml', data: base64(svg) };
}
