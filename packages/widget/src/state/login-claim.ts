/**
 * The widget's half of the BFF's cross-site login hand-off: before a sign-in starts, a random
 * `claim` secret whose SHA-256 goes into the login URL; after it, the hand-off token (popup
 * message or `#itb-handoff=` fragment) that the widget trades together with the claim for the
 * session cookie (`POST /auth/session/claim`), so the cookie is stored for the clinic page's site.
 * In same-site mode the BFF sends no hand-off and nothing here is used beyond making the claim.
 * @module
 */

/** A claim secret and the hash the login URL carries. */
export interface LoginClaim {
  readonly claim: string;
  readonly claimHash: string;
}

function base64url(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** 256 random bits, and their base64url SHA-256. */
export async function createLoginClaim(): Promise<LoginClaim> {
  const claim = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(claim));
  return { claim, claimHash: base64url(new Uint8Array(digest)) };
}

const HANDOFF = /(^|&)itb-handoff=([\w.-]+)/;

/**
 * The hand-off in this page's fragment, removed from the address bar at once (history stays
 * clean, a bookmark or a shared link never carries it); the page's own fragment is kept.
 */
export function takeHandoffFromLocation(): string | undefined {
  const hash = window.location.hash.slice(1);
  const match = HANDOFF.exec(hash);
  if (match === null) return undefined;
  const rest = hash.replace(HANDOFF, '').replace(/^&/, '');
  const url = new URL(window.location.href);
  url.hash = rest;
  history.replaceState(history.state, '', rest === '' ? `${url.pathname}${url.search}` : url.href);
  return match[2];
}
