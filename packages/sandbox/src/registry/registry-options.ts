/**
 * The registry stand-in's options: the one OAuth client it knows, the scope it grants and how long
 * its tokens live. Checked once when the sandbox starts.
 * @module
 */

export interface RegistryOptions {
  /** Default {@link DEFAULT_REGISTRY_CLIENT}'s id. */
  clientId?: string;
  /** Every secret accepted for the client (rotation: old and new side by side). Default {@link DEFAULT_REGISTRY_CLIENT}'s secret. */
  clientSecrets?: string[];
  /** The one scope granted. Default the registry's FHIR base + `/.default`, e.g. `http://localhost:4010/registry/fhir/.default`. */
  scope?: string;
  /** Access-token lifetime. Default 3600. */
  tokenTtlSeconds?: number;
  /**
   * The registry's clock (epoch ms), for token expiry and `meta.lastUpdated`. Default the sandbox's
   * `systemTokenClock`, else real time; tests move it to expire tokens.
   */
  clock?: () => number;
}

/** The client the registry accepts when no `registry` options are given (development only). */
export const DEFAULT_REGISTRY_CLIENT: { readonly clientId: string; readonly clientSecret: string } = {
  clientId: 'itb-bff-registry',
  clientSecret: 'sandbox-registry-secret',
};

export interface ResolvedRegistryOptions {
  readonly clientId: string;
  readonly clientSecrets: readonly string[];
  /** Undefined: the default, known once the sandbox listens. */
  readonly scope: string | undefined;
  readonly tokenTtlSeconds: number;
  readonly clock: () => number;
}

/** `clock` falls back to `sandboxTokenClock` so one moved clock expires every token the sandbox issued. */
export function resolveRegistryOptions(options: RegistryOptions | undefined, sandboxTokenClock: (() => number) | undefined): ResolvedRegistryOptions {
  const clientId = options?.clientId ?? DEFAULT_REGISTRY_CLIENT.clientId;
  if (typeof clientId !== 'string' || clientId === '') throw new Error('registry.clientId must be a non-empty string');
  const clientSecrets = options?.clientSecrets ?? [DEFAULT_REGISTRY_CLIENT.clientSecret];
  if (!Array.isArray(clientSecrets) || clientSecrets.length === 0 || clientSecrets.some((s) => typeof s !== 'string' || s === '')) {
    throw new Error('registry.clientSecrets must be a non-empty list of non-empty strings');
  }
  const scope = options?.scope;
  if (scope !== undefined && (typeof scope !== 'string' || !/^[\x21\x23-\x5B\x5D-\x7E]+$/.test(scope))) {
    throw new Error('registry.scope must be one RFC 6749 scope token (printable ASCII, no spaces, quotes or backslashes)');
  }
  const ttl = options?.tokenTtlSeconds ?? 3600;
  if (!Number.isInteger(ttl) || ttl <= 0) throw new Error('registry.tokenTtlSeconds must be a positive whole number');
  return { clientId, clientSecrets: [...clientSecrets], scope, tokenTtlSeconds: ttl, clock: options?.clock ?? sandboxTokenClock ?? Date.now };
}
