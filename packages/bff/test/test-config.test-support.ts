/**
 * A valid configuration for tests that need no upstream (security, errors, logging).
 * Not part of the build (`*.test-support.ts` is excluded).
 * @module
 */
import { parseConfig, type BffConfig } from '../src/config.js';

/** Allowed origin of {@link offlineTestConfig}. */
export const OFFLINE_ALLOWED_ORIGIN = 'https://clinic.example';

/** A config pointing at hosts that are never contacted. */
export function offlineTestConfig(overrides: Record<string, string> = {}): BffConfig {
  return parseConfig({
    ITB_PUBLIC_URL: 'https://booking.clinic.example/booking-api',
    ITB_UPSTREAM_FHIR_URL: 'https://itb.invalid/fhir',
    ITB_UPSTREAM_TOKEN_URL: 'https://itb.invalid/token',
    ITB_API_KEY: 'offline-api-key',
    ITB_OIDC_ISSUER: 'https://idp.invalid',
    ITB_OIDC_CLIENT_ID: 'c',
    ITB_OIDC_CLIENT_SECRET: 's',
    ITB_ALLOWED_ORIGINS: `${OFFLINE_ALLOWED_ORIGIN},https://www.clinic.example`,
    ITB_SESSION_KEYS: 'q4b6Yg1b0xS0l8vJmQmF3cQ2n9mZ1Yw2b3c4d5e6f7g',
    ...overrides,
  });
}
