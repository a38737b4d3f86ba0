/**
 * The `fetch` oidc-provider makes its outgoing calls with (here: back-channel logout POSTs).
 * @module
 */

/** The hosts oidc-provider itself treats as loopback (its LOOPBACKS for native clients' redirect URIs). */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * oidc-provider hands every outgoing request an undici `dispatcher` that destroys connections to
 * loopback and private addresses (SSRF protection), and a refused back-channel call only emits
 * `backchannel.error`: the logout still succeeds and the client is silently never told. The
 * sandbox's clients are BFFs on the developer's own machine, so a call to a loopback host goes
 * out without that dispatcher; any other host keeps it.
 */
export function createLoopbackFetch(fetchImpl: Fetch = (input, init) => globalThis.fetch(input, init)): Fetch {
  return (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (init === undefined || !URL.canParse(url) || !LOOPBACK_HOSTS.has(new URL(url).hostname)) return fetchImpl(input, init);
    const { dispatcher: _ssrfGuard, ...rest } = init as RequestInit & { dispatcher?: unknown };
    return fetchImpl(input, rest);
  };
}

/** {@link createLoopbackFetch} over the global `fetch`. */
export const fetchAllowingLoopback: Fetch = createLoopbackFetch();
