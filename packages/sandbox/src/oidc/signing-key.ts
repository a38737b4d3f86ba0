/**
 * The provider's signing key, made fresh at every start: tokens of a previous sandbox run are
 * worthless anyway because the store lives in memory.
 * @module
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { JWK } from 'oidc-provider';

/** A private RS256 JWK. RSA because RS256 is what every OIDC client accepts by default. */
export function generateSigningJwk(): JWK {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...(privateKey.export({ format: 'jwk' }) as JWK), kid: randomUUID(), alg: 'RS256', use: 'sig' };
}
