/**
 * Writes pointers to the appointment registry: a token by OAuth 2.0 client credentials
 * (openid-client), kept until shortly before it expires and fetched anew once when the registry
 * answers 401; secrets tried in their listed order when the token URL refuses one (rotation).
 * Each write is a FHIR conditional update on the pointer's identifier, so a retry or a later
 * change updates the same pointer and never makes a second one.
 * @module
 */
import * as oidc from 'openid-client';
import type { Appointment } from '@itb/shared';
import type { RegistrySettings } from '../config.js';
import { isLoopbackHost } from '../config.js';
import { DeliveryError } from './delivery-error.js';

/** A token is renewed this long before the registry would refuse it. */
const EXPIRY_MARGIN_MS = 60_000;

export interface RegistryClient {
  /** Create or update the pointer whose identifier is `identifier`; resolves to the HTTP status. */
  putPointer(pointer: Appointment, identifier: { system: string; value: string }): Promise<{ status: number }>;
}

function refusedClient(error: unknown): boolean {
  const { status, error: code } = (error ?? {}) as { status?: unknown; error?: unknown };
  return status === 401 || code === 'invalid_client';
}

export function createRegistryClient(options: { settings: RegistrySettings; timeoutMs: number; allowInsecureLoopback: boolean; now: () => number }): RegistryClient {
  const { settings } = options;
  const tokenUrl = new URL(settings.tokenUrl);
  const insecure = options.allowInsecureLoopback && tokenUrl.protocol === 'http:' && isLoopbackHost(tokenUrl.hostname);
  let secretIndex = 0;
  let token: { value: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  function configurationFor(secret: string): oidc.Configuration {
    const configuration = new oidc.Configuration({ issuer: tokenUrl.origin, token_endpoint: settings.tokenUrl }, settings.clientId, secret, oidc.ClientSecretPost(secret));
    configuration.timeout = Math.max(1, Math.ceil(options.timeoutMs / 1000));
    if (insecure) oidc.allowInsecureRequests(configuration);
    return configuration;
  }

  async function newToken(): Promise<string> {
    const secrets = settings.clientSecrets;
    for (let tried = 0; tried < secrets.length; tried += 1) {
      const index = (secretIndex + tried) % secrets.length;
      try {
        const answer = await oidc.clientCredentialsGrant(configurationFor(secrets[index] as string), { scope: settings.scope });
        secretIndex = index;
        const lifetimeMs = (answer.expires_in ?? 300) * 1000;
        token = { value: answer.access_token, renewAt: options.now() + Math.max(lifetimeMs - EXPIRY_MARGIN_MS, lifetimeMs / 2) };
        return answer.access_token;
      } catch (error) {
        if (refusedClient(error)) continue;
        throw new DeliveryError('the registry token URL could not give a token', { cause: error });
      }
    }
    throw new DeliveryError(`the registry token URL refused every configured client secret (${secrets.length})`, { status: 401 });
  }

  function accessToken(): Promise<string> {
    if (token !== undefined && options.now() < token.renewAt) return Promise.resolve(token.value);
    // Deliveries running at once share one token request.
    pending ??= newToken().finally(() => {
      pending = undefined;
    });
    return pending;
  }

  return {
    async putPointer(pointer, identifier) {
      const url = `${settings.url}/Appointment?identifier=${encodeURIComponent(`${identifier.system}|${identifier.value}`)}`;
      for (let renewed = false; ; renewed = true) {
        const bearer = await accessToken();
        let answer: Response;
        try {
          answer = await fetch(url, {
            method: 'PUT',
            headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/fhir+json', accept: 'application/fhir+json' },
            body: JSON.stringify(pointer),
            redirect: 'manual',
            signal: AbortSignal.timeout(options.timeoutMs),
          });
        } catch (error) {
          throw new DeliveryError('the registry could not be reached', { cause: error });
        }
        await answer.body?.cancel().catch(() => undefined);
        if (answer.status === 401 && !renewed) {
          // Revoked or expired early: one new token, one more try (unless a delivery alongside got one already).
          if (token?.value === bearer) token = undefined;
          continue;
        }
        // Our pointer itself is refused: the same pointer will be refused for the next 24 h too.
        if (answer.status === 400 || answer.status === 422) throw new DeliveryError(`the registry refused the pointer (HTTP ${answer.status})`, { status: answer.status, permanent: true });
        if (answer.status >= 200 && answer.status < 300) return { status: answer.status };
        throw new DeliveryError(`the registry answered HTTP ${answer.status}`, { status: answer.status });
      }
    },
  };
}
