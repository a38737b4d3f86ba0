// Two BFF instances that share only their configuration (same session keys, no shared store)
// behind a tiny round-robin proxy: every request may land on either instance.
import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { createSandbox } from '@itb/sandbox';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment } from '@itb/shared';
import { parseConfig } from './config.js';
import { createBff } from './create-bff.js';
import { OIDC_CLIENT, bffTestEnvVars, freePort, type TestSandbox } from '../test/bff-test-env.test-support.js';
import { PERSON, STOCKHOLM_ANNA, appointmentOf, createBody, findTimes, postBook } from '../test/booking-fixtures.test-support.js';
import { createPatientClient, type PatientClient } from '../test/patient-client.test-support.js';

let sandbox: TestSandbox;
let instances: FastifyInstance[] = [];
let proxy: Server;
let baseUrl: string;
/** Which instance answered each proxied request, in order. */
const served: Array<{ instance: number; method: string; path: string }> = [];
let turn = 0;
let forced: number | undefined;

function startProxy(port: number, targets: readonly number[]): Promise<Server> {
  const server = createServer((req, res) => {
    const instance = forced ?? turn++ % targets.length;
    served.push({ instance, method: req.method ?? 'GET', path: (req.url ?? '').split('?')[0] ?? '' });
    const upstream = httpRequest({ host: '127.0.0.1', port: targets[instance], method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      res.writeHead(502).end();
    });
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://localhost:${port}`;
  sandbox = await createSandbox({
    port: 0,
    oidcClients: [{ ...OIDC_CLIENT, redirectUris: [`${baseUrl}/auth/callback`] }],
  });
  const config = parseConfig(bffTestEnvVars(sandbox, baseUrl, { ITB_RATE_LIMIT_BOOK_PER_MINUTE: '1000' }));
  instances = await Promise.all([createBff(config), createBff(config)]);
  const ports: number[] = [];
  for (const app of instances) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    ports.push((app.server.address() as { port: number }).port);
  }
  proxy = await startProxy(port, ports);
});
afterAll(async () => {
  await new Promise((resolve) => proxy?.close(resolve));
  await Promise.all(instances.map((app) => app.close()));
  await sandbox?.close();
});

async function on<T>(instance: number, work: () => Promise<T>): Promise<T> {
  forced = instance;
  try {
    return await work();
  } finally {
    forced = undefined;
  }
}

describe('scale-out behind a round-robin proxy', () => {
  let alva: PatientClient;

  it('login starts on one instance and completes on the other', async () => {
    alva = createPatientClient(baseUrl);
    turn = 0;
    const start = served.length;
    const result = await alva.login(PERSON.alva);
    expect(result.status).toBe(303);
    const login = served.slice(start).find((s) => s.path === '/auth/login');
    const callback = served.slice(start).find((s) => s.path === '/auth/callback');
    expect(login?.instance).toBe(0);
    expect(callback?.instance).toBe(1);
  });

  it('session, catalog and $find work whichever instance answers', async () => {
    for (const instance of [0, 1]) {
      await on(instance, async () => {
        expect((await alva.json('auth/session')).body).toMatchObject({ signedIn: true, name: 'Alva Andersson' });
        const clinics = await alva.json<{ resourceType: string }>('fhir/HealthcareService');
        expect([clinics.status, clinics.body.resourceType]).toEqual([200, 'Bundle']);
        expect((await findTimes(alva, STOCKHOLM_ANNA)).length).toBeGreaterThan(0);
        expect((await alva.json('fhir/Appointment')).status).toBe(200);
      });
    }
  });

  it('a booking retried on the other instance is not booked twice', async () => {
    const times = await findTimes(alva, STOCKHOLM_ANNA);
    const key = randomUUID();
    const before = sandbox.knobs.bookings().length;
    const first = await on(0, () => postBook(alva, createBody(times[0] as Appointment), key));
    const retry = await on(1, () => postBook(alva, createBody(times[0] as Appointment), key));
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(appointmentOf(retry.body).id).toBe(appointmentOf(first.body).id);
    expect(sandbox.knobs.bookings()).toHaveLength(before + 1);
  });

  it('the same booking sent to both instances at once books once', async () => {
    const times = await findTimes(alva, STOCKHOLM_ANNA);
    const time = times[4] as Appointment;
    const key = randomUUID();
    const before = sandbox.knobs.bookings().length;
    turn = 0;
    const answers = await Promise.all([0, 1, 2, 3].map(() => postBook(alva, createBody(time), key)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(answers.map((a) => appointmentOf(a.body).id)).size).toBe(1);
    expect(sandbox.knobs.bookings()).toHaveLength(before + 1);
  });
});
