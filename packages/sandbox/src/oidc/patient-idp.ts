/**
 * ITB's patient login, played by `oidc-provider` behind a test-BankID page. The sandbox's HTTP
 * server hands every request below the issuer path to {@link PatientIdp.handle} unchanged; the FHIR
 * side asks {@link PatientIdp.verifyAccessToken} who a bearer token belongs to.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import Provider from 'oidc-provider';
import { outcome } from '@itb/shared';
import type { TestPerson } from '../seed/persons.js';
import { createAccountDirectory } from './accounts.js';
import { handleInteraction, isInteractionPath, sendOutcome } from './interactions.js';
import { buildProviderConfiguration, type OidcClientConfig } from './provider-config.js';
import { createRequestQueue } from './request-queue.js';

export type { OidcClientConfig } from './provider-config.js';

/** What a valid patient access token stands for. */
export interface PatientGrant {
  person: TestPerson;
  scopes: ReadonlySet<string>;
  /** Epoch seconds. */
  expiresAt: number;
}

export interface PatientIdp {
  /** Answer a request whose path starts with the issuer's path (`/oidc…`), URL untouched. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** The grant behind an opaque access token; undefined when unknown, expired or revoked. */
  verifyAccessToken(token: string): Promise<PatientGrant | undefined>;
}

export interface PatientIdpOptions {
  /** e.g. `http://localhost:4010/oidc`; its path is where the provider is mounted. */
  issuer: string;
  clients: OidcClientConfig[];
  /** Default 300. */
  accessTokenTtlSeconds?: number;
  /** The clock for token expiry checks in verifyAccessToken and for the age of typed numbers. */
  now?: () => Date;
  /**
   * Delay every storage call by this many ms, as a database round trip would, so tests can open the
   * races a production IdP's store has (concurrent refreshes with one token). Default 0.
   */
  storeLatencyMs?: number;
}

/**
 * Build the provider (fresh signing key, cookie secrets and in-memory store).
 * @example
 * const idp = await createPatientIdp({ issuer: 'http://localhost:4010/oidc', clients: [bff] });
 * http.createServer((req, res) => req.url?.startsWith('/oidc') ? idp.handle(req, res) : other(req, res));
 */
export async function createPatientIdp(options: PatientIdpOptions): Promise<PatientIdp> {
  const issuer = options.issuer.replace(/\/+$/, '');
  const mountPath = new URL(issuer).pathname.replace(/\/+$/, '');
  const now = options.now ?? (() => new Date());
  const accounts = createAccountDirectory();
  const provider = new Provider(issuer, buildProviderConfiguration({
    clients: options.clients,
    accounts,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 300,
    mountPath,
    storeLatencyMs: options.storeLatencyMs ?? 0,
  }));
  provider.use(async (ctx, next) => {
    await next();
    // Koa's bare 404 for paths the provider does not know: answer like the rest of the sandbox.
    if (ctx.status === 404 && ctx.body === undefined) {
      ctx.status = 404;
      ctx.type = 'application/fhir+json';
      ctx.body = outcome('not-found', 'No such OpenID endpoint.');
    }
  });
  allowPostLogoutPatterns(provider);
  // Static clients are only checked when first used: a bad one (say a back-channel URI that is not
  // http(s)) fails here at start-up, saying what is wrong, instead of at the first sign-in.
  for (const client of options.clients) {
    await provider.Client.find(client.clientId).catch((error: unknown) => {
      const detail = (error as { error_description?: string }).error_description ?? String(error);
      throw new Error(`OpenID client ${client.clientId}: ${detail}`, { cause: error });
    });
  }
  const callback = provider.callback();
  // Every token request waits for the one before it, so refresh-token rotation is atomic (see
  // createRequestQueue). The sandbox sees a handful of them a second; queueing costs nothing.
  const tokenRequests = createRequestQueue();

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const pathname = queryAt === -1 ? url : url.slice(0, queryAt);
    if (pathname !== mountPath && !pathname.startsWith(`${mountPath}/`)) {
      sendOutcome(res, 404, outcome('not-found', 'No such OpenID endpoint.'));
      return;
    }
    const below = pathname.slice(mountPath.length) || '/';
    if (isInteractionPath(below)) {
      handleInteraction({ provider, accounts, mountPath, now }, req, res, below).catch(() => {
        if (!res.headersSent) sendOutcome(res, 500, outcome('internal', 'The sign-in page failed.'));
        else res.destroy();
      });
      return;
    }
    // oidc-provider works out its mount path from `originalUrl` minus `url`, as behind
    // express/connect (docs: "Mounting oidc-provider"), and then builds every URL under it.
    (req as IncomingMessage & { originalUrl?: string }).originalUrl = url;
    req.url = below + (queryAt === -1 ? '' : url.slice(queryAt));
    if (req.method === 'POST' && below === '/token') tokenRequests(res, () => void callback(req, res));
    else void callback(req, res);
  };

  const verifyAccessToken = async (token: string): Promise<PatientGrant | undefined> => {
    if (typeof token !== 'string' || token === '' || token.length > 1024) return undefined;
    const accessToken = await provider.AccessToken.find(token).catch(() => undefined);
    if (accessToken?.exp === undefined) return undefined;
    if (accessToken.exp <= Math.floor(now().getTime() / 1000)) return undefined;
    const person = accounts.personOf(accessToken.accountId);
    if (person === undefined) return undefined;
    // Logout and refresh-token reuse revoke the grant; its tokens go with it.
    const grant = await provider.Grant.find(accessToken.grantId).catch(() => undefined);
    if (grant === undefined) return undefined;
    return { person, scopes: new Set((accessToken.scope ?? '').split(' ').filter(Boolean)), expiresAt: accessToken.exp };
  };

  return { handle, verifyAccessToken };
}

/** Whether `value` is a registered URI: equal to an entry, or below an entry ending in `/*`. */
export function matchesRegisteredUri(value: string, registered: readonly string[]): boolean {
  return registered.some((entry) => (entry.endsWith('/*') ? value.startsWith(entry.slice(0, -1)) : value === entry));
}

/**
 * Keycloak, which ITB runs, accepts `…/*` patterns as post-logout redirect URIs, and the BFF sends
 * the patient back to whichever page they signed out from. oidc-provider only compares exactly, so
 * this provider's own Client class (one per Provider instance) learns the pattern; entries stop at
 * a `/` before the `*`, so a pattern can never stretch to another host.
 */
function allowPostLogoutPatterns(provider: Provider): void {
  const prototype = provider.Client.prototype as unknown as {
    postLogoutRedirectUris?: string[];
    postLogoutRedirectUriAllowed(value: string): boolean;
  };
  prototype.postLogoutRedirectUriAllowed = function postLogoutRedirectUriAllowed(this: typeof prototype, value: string) {
    return matchesRegisteredUri(value, this.postLogoutRedirectUris ?? []);
  };
}
