/**
 * Who is calling and what they may do, decided from the bearer token's kind and scopes as ITB does
 * (spec §3.4, §3.6): catalog and `$find` take a system token or a patient token granted the matching
 * `system/…` scope; patient endpoints take only a patient token with the `patient/…` scope.
 * @module
 */
import type { PatientGrant, PatientIdp } from '../oidc/patient-idp.js';
import { FhirError } from '../http/fhir-error.js';
import type { SystemTokens } from './system-token.js';

export type Principal = { readonly kind: 'system' } | { readonly kind: 'patient'; readonly grant: PatientGrant };

/** What a route requires, declared next to the route. */
export type Access =
  /** No token (the CapabilityStatement). */
  | { readonly kind: 'open' }
  /** A system token, or a patient token holding `scope`. */
  | { readonly kind: 'system'; readonly scope: string }
  /** Any valid token: ITB defines no scope for this (Location, spec §13.21). */
  | { readonly kind: 'any-token' }
  /** A patient token holding every one of `scopes`. */
  | { readonly kind: 'patient'; readonly scopes: readonly string[] };

function bearer(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

function unauthenticated(diagnostics: string): FhirError {
  return new FhirError('login-required', diagnostics, { status: 401 });
}

function forbidden(diagnostics: string): FhirError {
  return new FhirError('forbidden', diagnostics, { status: 403 });
}

/** Resolve the caller, or throw 401. */
export async function authenticate(authorization: string | undefined, tokens: SystemTokens, idp: PatientIdp | undefined): Promise<Principal> {
  const token = bearer(authorization);
  if (token === undefined) throw unauthenticated('A bearer token is required (Authorization: Bearer <token>).');
  if (tokens.isSystemToken(token)) {
    if (tokens.verify(token)) return { kind: 'system' };
    throw unauthenticated('The system token is unknown or expired; get a new one from auth/system-token.');
  }
  const grant = idp === undefined ? undefined : await idp.verifyAccessToken(token);
  if (grant === undefined) throw unauthenticated('The access token is unknown, expired or revoked.');
  return { kind: 'patient', grant };
}

/** Throw 403 unless `principal` satisfies `access` (authentication has already happened). */
export function authorize(principal: Principal, access: Access): void {
  switch (access.kind) {
    case 'open':
    case 'any-token':
      return;
    case 'system':
      if (principal.kind === 'system' || principal.grant.scopes.has(access.scope)) return;
      throw forbidden(`The patient token lacks the scope ${access.scope}.`);
    case 'patient': {
      if (principal.kind === 'system') throw forbidden('This endpoint acts for a patient: use a patient token, not a system token.');
      const missing = access.scopes.filter((scope) => !principal.grant.scopes.has(scope));
      if (missing.length > 0) throw forbidden(`The patient token lacks the scope ${missing.join(', ')}.`);
      return;
    }
  }
}
