/**
 * `@itb/sandbox`: a local stand-in for the ITB FHIR API with a test-BankID OpenID provider.
 * @module
 */
export { createSandbox } from './create-sandbox.js';
export type { Sandbox } from './create-sandbox.js';
export { DEFAULT_API_KEY, DEFAULT_OIDC_CLIENT, DEFAULT_PORT, DEFAULT_TENANT } from './options.js';
export type { SandboxOptions } from './options.js';
export type { FaultKind, FaultSpec, SandboxKnobs } from './knobs.js';
export { DEFAULT_REGISTRY_CLIENT } from './registry/registry-options.js';
export type { RegistryOptions } from './registry/registry-options.js';
export type { RegistryCounts, RegistryKnobs, SandboxRegistry } from './registry/registry.js';
export { TEST_PERSONS, findPerson } from './seed/persons.js';
export type { TestPerson } from './seed/persons.js';
export { SEED_IDS } from './seed/ids.js';
export { SUPPORTED_SCOPES, loginWithTestBankId, logoutFromTestBankId, signOutAtTestIdp, createTestCookieJar } from './oidc/index.js';
export type { OidcClientConfig, PatientGrant, TestCookieJar } from './oidc/index.js';
