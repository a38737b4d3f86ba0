/**
 * The sandbox's patient IdP (test BankID on oidc-provider) and the helpers other packages' tests use.
 * @module
 */
export { createPatientIdp } from './patient-idp.js';
export type { OidcClientConfig, PatientGrant, PatientIdp, PatientIdpOptions } from './patient-idp.js';
export { SUPPORTED_SCOPES } from './provider-config.js';
export { subjectOf } from './accounts.js';
export { oidcClientFromEnv, OIDC_CLIENT_ENV } from './client-env.js';
export { loginWithTestBankId, logoutFromTestBankId, signOutAtTestIdp, createTestCookieJar } from './test-login.js';
export type { TestCookieJar } from './test-login.js';
