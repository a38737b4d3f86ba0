/**
 * The pages oidc-provider renders itself (logout confirmation, signed-out, protocol errors),
 * in our look and languages instead of the library's placeholders.
 * @module
 */
import type { KoaContextWithOIDC } from 'oidc-provider';
import { contentSecurityPolicy, escapeHtml, PAGE_HEADERS, renderDocument, scriptNonce } from './html.js';
import { pickLocale, stringsFor } from './locales.js';
import { renderMessagePage } from './login-page.js';

function setPageHeaders(ctx: KoaContextWithOIDC, nonce?: string): void {
  for (const [name, value] of Object.entries(PAGE_HEADERS)) ctx.set(name, value);
  ctx.set('Content-Security-Policy', contentSecurityPolicy(nonce));
}

function localeOf(ctx: KoaContextWithOIDC) {
  // ctx.oidc is absent when the failure happened before the provider built its context.
  return pickLocale((ctx.oidc as KoaContextWithOIDC['oidc'] | undefined)?.params?.['ui_locales']);
}

/**
 * The end-session page. With a valid `id_token_hint` (oidc-provider has verified it by now) and a
 * registered `post_logout_redirect_uri`, the request provably comes from the client the patient
 * used, so the form submits itself and the patient never sees a second question. Anything less
 * (`client_id` alone, no return URI) could be a forged link, so the patient confirms (RP-Initiated
 * Logout 1.0, §2 and §6).
 */
export async function logoutSource(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  const locale = localeOf(ctx);
  const t = stringsFor(locale);
  const params = ctx.oidc.params ?? {};
  const automatic = params['id_token_hint'] !== undefined && params['post_logout_redirect_uri'] !== undefined;
  const nonce = automatic ? scriptNonce() : undefined;
  const script = nonce === undefined
    ? ''
    : `<script nonce="${nonce}">document.getElementById('op.logoutForm').requestSubmit(document.getElementById('logout-yes'));</script>`;
  const body = `<h1>${escapeHtml(t.logoutTitle)}</h1>
<p>${escapeHtml(t.logoutText)}</p>
${form}
<div class="actions">
<button type="submit" form="op.logoutForm" name="logout" value="yes" id="logout-yes" class="primary" data-testid="logout-yes" autofocus>${escapeHtml(t.logoutYes)}</button>
<button type="submit" form="op.logoutForm" class="secondary" data-testid="logout-no">${escapeHtml(t.logoutNo)}</button>
</div>
${script}`;
  setPageHeaders(ctx, nonce);
  ctx.type = 'html';
  ctx.body = renderDocument({ lang: locale, title: t.logoutTitle, body, badge: t.badge });
}

/** Shown after a logout that has no registered place to return to. */
export async function postLogoutSuccessSource(ctx: KoaContextWithOIDC): Promise<void> {
  const locale = localeOf(ctx);
  const t = stringsFor(locale);
  setPageHeaders(ctx);
  ctx.type = 'html';
  ctx.body = renderMessagePage({ locale, title: t.loggedOutTitle, text: t.loggedOutText });
}

/**
 * Errors the provider cannot send back to the client (unknown client, unregistered redirect_uri …).
 * They reach a person in a browser, so they are a page; the OAuth error code is shown for developers.
 */
export async function renderError(ctx: KoaContextWithOIDC, out: { error: string; error_description?: string | undefined }): Promise<void> {
  const locale = localeOf(ctx);
  const t = stringsFor(locale);
  const detail = out.error_description === undefined ? out.error : `${out.error}: ${out.error_description}`;
  setPageHeaders(ctx);
  ctx.type = 'html';
  ctx.body = renderMessagePage({ locale, title: t.errorTitle, text: t.errorText, detail });
}
