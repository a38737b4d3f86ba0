/**
 * The tiny page the login popup ends on: it tells its opener how the sign-in went with
 * `postMessage` to the one allowed origin the login started from (never `*`), then closes itself.
 * Its only script is inline, allowed by a per-response CSP nonce.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { LocaleCode, LoginMessage } from '@itb/shared';

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON safe to embed in an inline script (no `</script>` or comment breakouts). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The page's words in the patient's language (every language the widget speaks, `LOCALES` in @itb/shared). */
const WORDS: Readonly<Record<LocaleCode, { title: string; done: string; failed: string; next: string }>> = {
  sv: { title: 'Inloggning', done: 'Inloggningen är klar. Du kan stänga det här fönstret.', failed: 'Inloggningen blev inte klar. Du kan stänga det här fönstret.', next: 'Fortsätt' },
  nb: { title: 'Innlogging', done: 'Innloggingen er fullført. Du kan lukke dette vinduet.', failed: 'Innloggingen ble ikke fullført. Du kan lukke dette vinduet.', next: 'Fortsett' },
  da: { title: 'Log ind', done: 'Du er nu logget ind. Du kan lukke dette vindue.', failed: 'Du blev ikke logget ind. Du kan lukke dette vindue.', next: 'Fortsæt' },
  fi: { title: 'Kirjautuminen', done: 'Kirjautuminen onnistui. Voit sulkea tämän ikkunan.', failed: 'Kirjautuminen ei onnistunut. Voit sulkea tämän ikkunan.', next: 'Jatka' },
  en: { title: 'Sign-in', done: 'Sign-in complete. You can close this window.', failed: 'Sign-in did not complete. You can close this window.', next: 'Continue' },
};

/** Headers and HTML of the popup's last page, in `locale` (English when the login named none). */
export function popupResultPage(message: LoginMessage, targetOrigin: string, fallbackUrl: string, locale: LocaleCode = 'en'): { html: string; headers: Record<string, string> } {
  const words = WORDS[locale];
  const nonce = randomBytes(16).toString('base64');
  // Without an opener (popup blocked and opened as a tab, or opener severed) go back like redirect mode.
  const script = `(function(){var m=${scriptJson(message)};var o=${scriptJson(targetOrigin)};var f=${scriptJson(fallbackUrl)};`
    + 'if(window.opener&&!window.opener.closed){window.opener.postMessage(m,o);window.close();}else{window.location.replace(f);}})();';
  const text = message.ok ? words.done : words.failed;
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`
    + `<title>${words.title}</title></head><body><p>${escapeHtml(text)}</p><p><a href="${escapeHtml(fallbackUrl)}">${words.next}</a></p>`
    + `<script nonce="${nonce}">${script}</script></body></html>`;
  return {
    html,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
      // The opener must survive this navigation: COOP same-origin would sever window.opener.
      'cross-origin-opener-policy': 'unsafe-none',
      'referrer-policy': 'no-referrer',
    },
  };
}
