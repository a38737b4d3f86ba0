/**
 * Drive the test-BankID pages with plain `fetch`, as a browser would but without one: for tests of
 * other packages (the BFF's login, end-to-end set-ups) that need a real patient login or sign-out.
 * @module
 */

/** Cookies per host and path, enough for the IdP's session and interaction cookies. */
export interface TestCookieJar {
  /** The `Cookie` header value for a request to `url` ('' when none). */
  headerFor(url: URL): string;
  /** Take the `Set-Cookie` headers of a response to a request to `url`. */
  store(url: URL, response: Response): void;
}

interface StoredCookie {
  readonly name: string;
  readonly value: string;
  readonly host: string;
  readonly path: string;
}

export function createTestCookieJar(): TestCookieJar {
  const cookies = new Map<string, StoredCookie>();
  return {
    headerFor(url) {
      return [...cookies.values()]
        .filter((c) => c.host === url.host && (url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)))
        .map((c) => `${c.name}=${c.value}`)
        .join('; ');
    },
    store(url, response) {
      for (const line of response.headers.getSetCookie()) {
        const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
        const eq = pair.indexOf('=');
        if (eq <= 0) continue;
        const name = pair.slice(0, eq);
        const value = pair.slice(eq + 1);
        let path = '/';
        let expired = value === '';
        for (const attribute of attributes) {
          const [key = '', val = ''] = attribute.split('=');
          if (key.toLowerCase() === 'path' && val.startsWith('/')) path = val;
          if (key.toLowerCase() === 'max-age' && Number(val) <= 0) expired = true;
          if (key.toLowerCase() === 'expires' && Date.parse(attribute.slice(8)) <= Date.now()) expired = true;
        }
        const key = `${url.host} ${path} ${name}`;
        if (expired) cookies.delete(key);
        else cookies.set(key, { name, value, host: url.host, path });
      }
    },
  };
}

async function send(jar: TestCookieJar, url: URL, form?: URLSearchParams): Promise<Response> {
  const headers: Record<string, string> = { accept: 'text/html' };
  const cookie = jar.headerFor(url);
  if (cookie !== '') headers['cookie'] = cookie;
  if (form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
  const response = await fetch(url, { method: form === undefined ? 'GET' : 'POST', headers, redirect: 'manual', ...(form === undefined ? {} : { body: form.toString() }) });
  jar.store(url, response);
  return response;
}

const MAX_HOPS = 12;

/**
 * Sign in on the test-BankID page as `personalNumber` (a seeded person's or any valid number) and
 * follow the redirects until they leave the IdP: `callbackUrl` is the client's redirect URI with
 * `code`, `state` and `iss` (or `error=access_denied`). Pass `cookies` from an earlier call to reuse
 * the IdP session (then no page is shown). Throws when the page refuses the number.
 * @example
 * const { callbackUrl } = await loginWithTestBankId(authorizationUrl.href, '198503149828');
 * const tokens = await client.authorizationCodeGrant(config, new URL(callbackUrl), { pkceCodeVerifier, expectedState });
 */
export async function loginWithTestBankId(
  authorizationUrl: string,
  personalNumber: string,
  options: { cookies?: TestCookieJar; cancel?: boolean } = {},
): Promise<{ callbackUrl: string; cookies: TestCookieJar }> {
  const jar = options.cookies ?? createTestCookieJar();
  const start = new URL(authorizationUrl);
  // Everything below the authorization endpoint's folder (`…/oidc/`) belongs to the IdP.
  const idpBase = `${start.origin}${start.pathname.slice(0, start.pathname.lastIndexOf('/') + 1)}`;
  let url = start;
  let form: URLSearchParams | undefined;
  let submitted = false;
  for (let hop = 0; hop < MAX_HOPS; hop += 1) {
    const response = await send(jar, url, form);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      await response.body?.cancel();
      const next = new URL(location, url);
      if (!next.href.startsWith(idpBase)) return { callbackUrl: next.href, cookies: jar };
      url = next;
      form = undefined;
      continue;
    }
    const html = await response.text();
    if (submitted && response.status === 200) {
      const message = /data-testid="personal-number-error">([^<]*)</.exec(html)?.[1] ?? '';
      throw new Error(`test-BankID refused the personal number: ${message}`);
    }
    if (response.status !== 200 || !/\/interaction\/[^/]+$/.test(url.pathname)) {
      throw new Error(`test-BankID: unexpected ${response.status} at ${url.pathname}`);
    }
    submitted = true;
    url = new URL(`${url.pathname}/${options.cancel === true ? 'abort' : 'login'}`, url);
    form = new URLSearchParams(options.cancel === true ? {} : { personalNumber });
  }
  throw new Error('test-BankID: too many redirects');
}

function decodeAttribute(value: string): string {
  return value
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Open an end-session URL, press "yes, sign out" on its form, and hand back the IdP's answer to that. */
async function confirmLogout(start: URL, cookies: TestCookieJar): Promise<Response> {
  const page = await send(cookies, start);
  const html = await page.text();
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
  if (page.status !== 200 || action === undefined || xsrf === undefined) {
    throw new Error(`test-BankID: no logout form (${page.status})`);
  }
  const confirm = await send(cookies, new URL(decodeAttribute(action), start), new URLSearchParams({ xsrf: decodeAttribute(xsrf), logout: 'yes' }));
  await confirm.body?.cancel();
  return confirm;
}

/**
 * RP-initiated logout as the browser would do it: open the end-session URL (with `id_token_hint` and
 * `post_logout_redirect_uri`), submit the page's form with "yes, sign out", and return where the
 * IdP sends the user (`redirectUrl`, or undefined when it shows its own signed-out page).
 */
export async function logoutFromTestBankId(endSessionUrl: string, cookies: TestCookieJar): Promise<{ redirectUrl: string | undefined }> {
  const start = new URL(endSessionUrl);
  const confirm = await confirmLogout(start, cookies);
  const location = confirm.headers.get('location');
  if (location === null) return { redirectUrl: undefined };
  const target = new URL(location, start);
  const idpBase = `${start.origin}${start.pathname.slice(0, start.pathname.indexOf('/', 1) + 1)}`;
  return { redirectUrl: target.href.startsWith(idpBase) ? undefined : target.href };
}

/**
 * Sign the patient out at the IdP itself, not through a client: as when they sign out on another
 * site that shares the IdP session. Opens `<issuer>/session/end` with the jar's IdP cookies (and
 * `client_id`, as a link from that client would; the whole IdP session ends either way), confirms
 * "yes, sign out", and resolves when the IdP has answered. oidc-provider sends every back-channel
 * `logout_token` and waits for the answers before it answers, so the clients have been told by
 * then. Throws when the IdP refuses the confirmation.
 * @example
 * const { cookies } = await loginWithTestBankId(authorizationUrl.href, '198503149828');
 * await signOutAtTestIdp(sandbox.issuer, { cookies });
 * // the BFF's back-channel endpoint has received the logout_token
 */
export async function signOutAtTestIdp(issuer: string, options: { cookies: TestCookieJar; clientId?: string }): Promise<void> {
  const start = new URL(`${issuer.replace(/\/+$/, '')}/session/end`);
  if (options.clientId !== undefined) start.searchParams.set('client_id', options.clientId);
  const confirm = await confirmLogout(start, options.cookies);
  if (confirm.status !== 303) throw new Error(`test-BankID: the IdP refused the sign-out (${confirm.status})`);
}
