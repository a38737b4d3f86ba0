/**
 * Helpers for the registry's suites: a sandbox on a free port, a token by client credentials, FHIR
 * calls with JSON in and out, and a valid pointer to vary.
 * @module
 */
import type { Appointment } from '@itb/shared';
import { createSandbox, type Sandbox } from '../create-sandbox.js';
import type { SandboxOptions } from '../options.js';

export const ORIGINAL_SYSTEM = 'https://itb.example/demo/1.0/R4/fhir/Appointment';
export const PERSONNUMMER = 'http://electronichealth.se/identifier/personnummer';

/** A pointer for ITB appointment `value`, booked for patient `patient`. */
export function pointer(value: string, patient = '198503149828', changes: Partial<Appointment> = {}): Appointment {
  return {
    resourceType: 'Appointment',
    status: 'booked',
    start: '2026-12-10T09:00:00+01:00',
    end: '2026-12-10T09:30:00+01:00',
    identifier: [{ system: ORIGINAL_SYSTEM, value }],
    participant: [
      { actor: { type: 'Patient', identifier: { system: PERSONNUMMER, value: patient } }, status: 'accepted' },
      { actor: { display: 'Anna Berg', identifier: { system: 'https://itb.example/practitioner', value: 'pr-anna-berg-sto' } }, status: 'accepted' },
      { actor: { display: 'Fjordvik Tandvård Stockholm City' }, status: 'accepted' },
    ],
    ...changes,
  };
}

export interface Answer {
  readonly status: number;
  readonly body: any;
  readonly headers: Headers;
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    // Not JSON: the test sees the text.
  }
  return { status: response.status, body, headers: response.headers };
}

export interface RegistryEnv {
  readonly sandbox: Sandbox;
  /** POST the token endpoint with these form fields (and headers). */
  tokenRequest(form: Record<string, string>, headers?: Record<string, string>): Promise<Answer>;
  /** A fresh token for the registered client and scope. */
  token(): Promise<string>;
  /** Call a path below the registry's FHIR base (query included); `token`: default a fresh one, null for none. */
  fhir(path: string, init?: { method?: string; token?: string | null; body?: unknown; headers?: Record<string, string> }): Promise<Answer>;
  /** POST or GET a knob under `/_sandbox/registry`. */
  knob(path: string, body?: unknown): Promise<Answer>;
  close(): Promise<void>;
}

export async function startRegistryEnv(options: SandboxOptions = {}): Promise<RegistryEnv> {
  const sandbox = await createSandbox({ port: 0, ...options });
  const { registry } = sandbox;

  const tokenRequest: RegistryEnv['tokenRequest'] = async (form, headers = {}) =>
    answer(await fetch(registry.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form).toString() }));

  const token = async () => {
    const issued = await tokenRequest({ grant_type: 'client_credentials', client_id: registry.clientId, client_secret: registry.clientSecret, scope: registry.scope });
    if (issued.status !== 200) throw new Error(`token request failed: ${issued.status} ${JSON.stringify(issued.body)}`);
    return (issued.body as { access_token: string }).access_token;
  };

  const fhir: RegistryEnv['fhir'] = async (path, init = {}) => {
    const headers: Record<string, string> = { accept: 'application/fhir+json', ...init.headers };
    const bearer = init.token === undefined ? await token() : init.token;
    if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
    let body: string | undefined;
    if (init.body !== undefined) {
      body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
      headers['content-type'] ??= 'application/fhir+json';
    }
    const url = path.startsWith('http') ? path : `${registry.fhirBase}/${path}`;
    return answer(await fetch(url, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, ...(body === undefined ? {} : { body }) }));
  };

  const knob: RegistryEnv['knob'] = async (path, body) => answer(await fetch(`${sandbox.origin}/_sandbox/registry${path}`, {
    method: body === undefined && !['/revoke-tokens', '/reset'].includes(path) ? 'GET' : 'POST',
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  }));

  return {
    sandbox,
    tokenRequest,
    token,
    fhir,
    knob,
    close: () => sandbox.close(),
  };
}
