/**
 * For the booking-event suites (issue 20): a webhook receiver that verifies every POST with the
 * Standard Webhooks library (against each secret it knows, one by one) and answers from a script
 * (503, 503, then 204 …); a poll with a deadline; the captured log as objects; the env that points
 * a BFF at the sandbox's registry stand-in. Not part of the build.
 * @module
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { Appointment } from '@itb/shared';
import type { TestSandbox } from './bff-test-env.test-support.js';
import { captureLog } from './log-capture.test-support.js';
import type { PatientClient } from './patient-client.test-support.js';
import { PERSON } from './booking-fixtures.test-support.js';
import { signInPatient, type PatientBff, type PatientEnv } from './patient-env.test-support.js';

/** A Standard Webhooks secret (`whsec_` + base64 of 32 bytes), derived from `label` so each test has its own. */
export function webhookSecret(label: string): string {
  return `whsec_${createHash('sha256').update(label).digest('base64')}`;
}

/** The payload every booking event POSTs. */
export interface EventPayload {
  readonly type: string;
  readonly timestamp: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** One POST the receiver got. */
export interface ReceivedPost {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly webhookId: string;
  /** What the receiver answered. */
  readonly status: number;
  /** Indexes of the receiver's secrets whose `Webhook.verify` accepted the POST (empty: answered 401). */
  readonly verifiedBy: readonly number[];
  /** The verified payload (undefined when no secret verified it). */
  readonly payload: EventPayload | undefined;
}

export interface WebhookReceiver {
  readonly url: string;
  /** Every POST so far, oldest first. */
  readonly posts: readonly ReceivedPost[];
  /** Verified POSTs of one type (and appointment, if given). */
  postsOf(type: string, appointmentId?: string): ReceivedPost[];
  /** The statuses the next verified POSTs get, in order; after the script, `then` (204 unless set). */
  answer(script: readonly number[], then?: number): void;
  close(): Promise<void>;
}

/**
 * A receiver on 127.0.0.1 that verifies each POST with `Webhook.verify` for every one of `secrets`
 * separately (as a receiver that knows only that secret would), and answers 401 when none verifies.
 */
export async function startWebhookReceiver(secrets: readonly string[]): Promise<WebhookReceiver> {
  const verifiers = secrets.map((secret) => new Webhook(secret));
  const posts: ReceivedPost[] = [];
  let script: number[] = [];
  let then = 204;
  const server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
      const verifiedBy: number[] = [];
      let payload: EventPayload | undefined;
      verifiers.forEach((verifier, index) => {
        try {
          payload = verifier.verify(body, headers) as EventPayload;
          verifiedBy.push(index);
        } catch {
          // not signed with this secret (or tampered with): the next secret may still verify it
        }
      });
      const status = verifiedBy.length === 0 ? 401 : (script.shift() ?? then);
      posts.push({ headers, body, webhookId: headers['webhook-id'] ?? '', status, verifiedBy, payload });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/itb`,
    posts,
    postsOf: (type, appointmentId) => posts.filter((p) => p.payload?.type === type && (appointmentId === undefined || p.payload.data['appointmentId'] === appointmentId)),
    answer(next, otherwise = 204) {
      script = [...next];
      then = otherwise;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Poll `read` until it gives a value, or fail naming `what` after `timeoutMs`. */
export async function until<T>(what: string, read: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A log line as pino wrote it. */
export type LogLine = Readonly<Record<string, unknown>>;

/** Captured JSON lines as objects. */
export function logLines(lines: readonly string[]): LogLine[] {
  return lines.map((line) => JSON.parse(line) as LogLine);
}

/** The ITB_REGISTRY_* env that publishes to the sandbox's registry stand-in (its first secret unless given). */
export function registryEnv(sandbox: TestSandbox, secrets: string = sandbox.registry.clientSecret): Record<string, string> {
  const { registry } = sandbox;
  return {
    ITB_REGISTRY_URL: registry.fhirBase,
    ITB_REGISTRY_TOKEN_URL: registry.tokenUrl,
    ITB_REGISTRY_CLIENT_ID: registry.clientId,
    ITB_REGISTRY_CLIENT_SECRET: secrets,
  };
}

/** A BFF that publishes booking events, its log captured, and Alva signed in on it. */
export interface Publisher {
  readonly bff: PatientBff;
  readonly lines: readonly string[];
  log(): LogLine[];
  readonly alva: PatientClient;
}

/** What each booking-event suite starts and reads, bound to its env; `close` stops the receivers. */
export interface EventSuite {
  /** A BFF with `overrides` on top of the test env (booking rate limit lifted), logging at `level`. */
  startPublisher(overrides: Readonly<Record<string, string>>, level?: 'info' | 'warn'): Promise<Publisher>;
  /** A webhook receiver knowing `secrets`, closed with the suite. */
  startReceiver(secrets: readonly string[]): Promise<WebhookReceiver>;
  /** The registry's pointers to ITB appointment `id` (by the identifier value, whatever its system). */
  pointersTo(id: string): Appointment[];
  close(): Promise<void>;
}

export function eventSuite(env: () => PatientEnv): EventSuite {
  const receivers: WebhookReceiver[] = [];
  return {
    async startPublisher(overrides, level = 'info') {
      const { stream, lines } = captureLog();
      const bff = await env().startExtra({ ITB_RATE_LIMIT_BOOK_PER_MINUTE: '1000', ...overrides }, { logger: { level, stream } });
      const alva = await signInPatient({ ...env(), bff }, PERSON.alva, [], []);
      return { bff, lines, log: () => logLines(lines), alva };
    },
    async startReceiver(secrets) {
      const receiver = await startWebhookReceiver(secrets);
      receivers.push(receiver);
      return receiver;
    },
    pointersTo: (id) => env().sandbox.registry.knobs.appointments().filter((a) => (a.identifier ?? []).some((i) => i.value === id)),
    async close() {
      await Promise.all(receivers.map((r) => r.close()));
    },
  };
}

/** The log lines of one delivery channel about `appointmentId` (with `outcome`, if given). */
export function channel(log: readonly LogLine[], name: 'registry' | 'webhooks', appointmentId: string, outcome?: string): LogLine[] {
  return log.filter((l) => l['logger'] === name && l['appointmentId'] === appointmentId && (outcome === undefined || l['outcome'] === outcome));
}
