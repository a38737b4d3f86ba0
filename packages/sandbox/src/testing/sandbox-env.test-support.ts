/**
 * Test helpers for the sandbox's own suites: start a sandbox on a free port, get system tokens, sign
 * a test person in through the real OpenID flow (openid-client against the sandbox's IdP), and call
 * FHIR routes.
 * @module
 */
import * as oidc from 'openid-client';
import type { Appointment, Bundle, Parameters } from '@itb/shared';
import { createSandbox, type Sandbox } from '../create-sandbox.js';
import type { SandboxOptions } from '../options.js';
import { loginWithTestBankId } from '../oidc/test-login.js';

export const CLIENT = { clientId: 'sandbox-tests', clientSecret: 'sandbox-tests-secret', redirectUri: 'http://localhost:9/callback' };
export const PATIENT_SCOPES = 'openid wof-profile patient/Patient.read patient/Appointment.read patient/Appointment.write patient/$book.write';

/** Monday 14 September 2026, 08:00 in Stockholm: the spec's journey week (§14). */
export const FIXED_NOW = new Date('2026-09-14T06:00:00Z');

export interface TestEnv {
  readonly sandbox: Sandbox;
  systemToken(): Promise<string>;
  patientToken(personalNumber: string, scope?: string): Promise<string>;
  /** Call a path below the FHIR base (or an absolute URL). */
  fhir(path: string, init?: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestEnv> {
  const sandbox = await createSandbox({
    port: 0,
    oidcClients: [{ clientId: CLIENT.clientId, clientSecret: CLIENT.clientSecret, redirectUris: [CLIENT.redirectUri] }],
    ...options,
  });
  let config: oidc.Configuration | undefined;
  let cachedSystemToken: string | undefined;

  const systemToken = async () => {
    if (cachedSystemToken === undefined) {
      const response = await fetch(sandbox.systemTokenUrl, { method: 'POST', headers: { 'X-ApiKey': sandbox.apiKey } });
      cachedSystemToken = ((await response.json()) as { access_token: string }).access_token;
    }
    return cachedSystemToken;
  };

  const patientToken = async (personalNumber: string, scope = PATIENT_SCOPES) => {
    config ??= await oidc.discovery(new URL(sandbox.issuer), CLIENT.clientId, undefined, oidc.ClientSecretBasic(CLIENT.clientSecret), { execute: [oidc.allowInsecureRequests] });
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: CLIENT.redirectUri, scope, state,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256',
    });
    const { callbackUrl } = await loginWithTestBankId(url.href, personalNumber);
    const tokens = await oidc.authorizationCodeGrant(config, new URL(callbackUrl), { pkceCodeVerifier: verifier, expectedState: state });
    return tokens.access_token;
  };

  const fhir: TestEnv['fhir'] = async (path, init = {}) => {
    const headers: Record<string, string> = { accept: 'application/fhir+json', ...init.headers };
    if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
    let body: string | undefined;
    if (init.body !== undefined) {
      body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
      headers['content-type'] ??= 'application/fhir+json';
    }
    const url = path.startsWith('http') ? path : `${sandbox.fhirBase}/${path}`;
    const response = await fetch(url, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // Not JSON: the test sees the text.
    }
    return { status: response.status, body: parsed, headers: response.headers };
  };

  return { sandbox, systemToken, patientToken, fhir, close: () => sandbox.close() };
}

/** The Appointments of a searchset. */
export function appointmentsOf(bundle: Bundle): Appointment[] {
  return (bundle.entry ?? []).map((e) => e.resource).filter((r): r is Appointment => r?.resourceType === 'Appointment');
}

/** A `$find` GET path for one role and treatment code over a window. */
export function findPath(roleId: string, code: string, start: string, end: string, extra = ''): string {
  return `Appointment/$find?start=${encodeURIComponent(start)}&end=${encodeURIComponent(end)}&practitionerRole=PractitionerRole/${roleId}&visit-type=${encodeURIComponent(code)}${extra}`;
}

/** The patients the booking tests sign in as. */
export const ALVA = { personalNumber: '198503149828', system: 'urn:oid:1.2.752.129.2.1.3.1', given: 'Alva', family: 'Andersson', phone: '+46701740605' };
export const ERIK = { personalNumber: '199007219919', system: 'urn:oid:1.2.752.129.2.1.3.1', given: 'Erik', family: 'Johansson', phone: '+46701740607' };
export const ELSA = { personalNumber: '201405209865', system: 'urn:oid:1.2.752.129.2.1.3.1', given: 'Elsa', family: 'Berg', phone: '+46701740609' };
export const KARI = { personalNumber: '17048022480', system: 'urn:oid:2.16.578.1.12.4.1.4.1', given: 'Kari', family: 'Nordmann', phone: '+4741234567' };

type Person = typeof ALVA;

export function portalPatient(person: Person) {
  return {
    resourceType: 'Patient' as const,
    meta: { profile: ['https://canonical.fhir.link/servicewell/wof-portal/StructureDefinition/portal-patient'] },
    identifier: [{ system: person.system, value: person.personalNumber }],
    name: [{ family: person.family, given: [person.given], text: `${person.given} ${person.family}` }],
    telecom: [{ system: 'phone' as const, value: person.phone, use: 'mobile' as const }],
  };
}

/** The §14.5 create body for a `$find` time: status pending, no id, three participants. */
export function createBody(time: Appointment, clinicId: string, person: Person, comment?: string): Parameters {
  const appointment: Appointment = {
    ...time,
    status: 'pending',
    participant: [
      { actor: { type: 'HealthcareService', reference: `HealthcareService/${clinicId}` }, status: 'accepted' },
      ...time.participant.filter((p) => p.actor?.type === 'PractitionerRole'),
      { actor: { type: 'Patient', identifier: { system: person.system, value: person.personalNumber } }, status: 'accepted' },
    ],
  };
  delete appointment.id;
  return {
    resourceType: 'Parameters',
    parameter: [
      { name: 'appointment-resource', resource: appointment },
      { name: 'patient-resource', resource: portalPatient(person) },
      ...(comment === undefined ? [] : [{ name: 'comment', valueString: comment }]),
    ],
  };
}

/** §14.7 / §14.8: the booking as returned, changed (new time) or with a new status. */
export function changeBody(booking: Appointment, person: Person, change: Partial<Appointment>, comment?: string): Parameters {
  return {
    resourceType: 'Parameters',
    parameter: [
      { name: 'appointment-resource', resource: { ...booking, ...change } },
      { name: 'patient-resource', resource: portalPatient(person) },
      ...(comment === undefined ? [] : [{ name: 'comment', valueString: comment }]),
    ],
  };
}
