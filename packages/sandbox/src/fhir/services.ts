/**
 * Everything a handler may use, per sandbox instance (no module state).
 * @module
 */
import type { KnobRuntime } from '../knobs.js';
import type { PatientIdp } from '../oidc/patient-idp.js';
import type { SeedCatalog } from '../seed/catalog.js';
import type { SlotEngine } from '../slots/slot-engine.js';
import type { BookingStore } from '../store.js';
import type { SystemTokens } from '../auth/system-token.js';
import type { FhirContext } from './dialect.js';

export interface SandboxServices {
  readonly catalog: SeedCatalog;
  readonly engine: SlotEngine;
  readonly store: BookingStore;
  readonly tokens: SystemTokens;
  readonly runtime: KnobRuntime;
  /** Available once the server listens (fullUrls need the port). */
  ctx(): FhirContext;
  idp(): PatientIdp | undefined;
}
