/**
 * Sealing small server-side state into browser cookies: a JWE (`dir` + A256GCM, jose) encrypted with
 * the first key of the key list and opened with whichever key its `kid` names (key rotation).
 * Every sealed value carries an audience naming its purpose, so a login-transaction cookie can
 * never be replayed as a session cookie or the other way round.
 * @module
 */
import { createHash } from 'node:crypto';
import { EncryptJWT, base64url, jwtDecrypt, type JWTPayload } from 'jose';

/** What a sealed value is for; checked on open. */
export type SealPurpose = 'itb-session' | 'itb-login-transaction' | 'itb-session-handoff' | 'itb-refresh-result' | 'itb-idempotent-result' | 'itb-registry-patient';

/** The decoded session keys, first one encrypting. */
export interface Keyring {
  /** kid of the key that seals. */
  readonly primaryKid: string;
  seal(payload: Record<string, unknown>, options: { purpose: SealPurpose; expiresAt: Date; now: Date }): Promise<string>;
  /** The payload, or `undefined` for anything tampered, expired, for another purpose or sealed with an unknown key. */
  open(sealed: string, options: { purpose: SealPurpose; now: Date }): Promise<{ payload: JWTPayload; kid: string } | undefined>;
}

/**
 * A key id derived from the key: lets the reader pick the right key without trying them all, and
 * reveals nothing useful (a truncated hash of a 256-bit random key).
 */
function kidOf(key: Uint8Array): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 12);
}

/** Decode base64url session keys (config has validated that each is 32 bytes). */
export function createKeyring(encodedKeys: readonly string[]): Keyring {
  const keys = encodedKeys.map((encoded) => base64url.decode(encoded));
  if (keys.length === 0 || keys.some((key) => key.length !== 32)) {
    throw new Error('Session keys must be a non-empty list of base64url-encoded 32-byte keys.');
  }
  const byKid = new Map<string, Uint8Array>();
  for (const key of keys) {
    const kid = kidOf(key);
    if (!byKid.has(kid)) byKid.set(kid, key);
  }
  const primary = keys[0] as Uint8Array;
  const primaryKid = kidOf(primary);
  return {
    primaryKid,
    async seal(payload, { purpose, expiresAt, now }) {
      return new EncryptJWT(payload)
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: primaryKid })
        .setAudience(purpose)
        .setIssuedAt(now)
        .setExpirationTime(expiresAt)
        .encrypt(primary);
    },
    async open(sealed, { purpose, now }) {
      try {
        let usedKid = '';
        const { payload } = await jwtDecrypt(sealed, (header) => {
          const key = typeof header.kid === 'string' ? byKid.get(header.kid) : undefined;
          if (key === undefined) throw new Error('unknown kid');
          usedKid = header.kid as string;
          return key;
        }, {
          audience: purpose,
          currentDate: now,
          keyManagementAlgorithms: ['dir'],
          contentEncryptionAlgorithms: ['A256GCM'],
          requiredClaims: ['exp', 'iat'],
        });
        return { payload, kid: usedKid };
      } catch {
        // Tampered, truncated, expired, wrong purpose or retired key: all mean "no value".
        return undefined;
      }
    },
  };
}
