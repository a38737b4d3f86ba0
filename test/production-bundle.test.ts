/**
 * The BFF deployed as deploy/ describes, without a container runtime: the bundle of
 * scripts/bff-bundle.js installed in a clean folder with production dependencies only, two
 * instances started with deploy/Dockerfile's CMD and ENV and sharing a real Redis, Debian's nginx
 * running deploy/nginx.conf in front of them, and a real sandbox behind. A patient signs in,
 * finds a time and books it, all through nginx's /booking-api/.
 */
import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createSandbox, SEED_IDS, type Sandbox } from '@itb/sandbox';
import { IDEMPOTENCY_HEADER, type Appointment, type Bundle } from '@itb/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '../scripts/redis-server.js';
import { OIDC_CLIENT, bffEnvFor, freePort } from '../scripts/stack-parts.js';
import { readRuntimeStage, type RuntimeStage } from './support/dockerfile.js';
import { startNginx, type RunningNginx } from './support/nginx.js';
import { PERSONS } from './support/bankid.js';
import { stepTimings } from './support/step-timings.js';
import { patientHttp } from './support/patient-http.js';
import { buildBundle, cleanEnv, installBundle, startBundledBff, type BundledBff } from './support/production-bundle.js';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('../', import.meta.url));
const DEPLOY = join(REPO, 'deploy');
/** The tarballs may hold these and compiled modules; nothing else. */
const SHIPPED = /^package\/(package\.json|README\.md|LICENSE|NOTICE|CHANGELOG\.md|dist\/.+\.(js|js\.map|d\.ts|d\.ts\.map))$/;
/** `npm pack`'s file name for a workspace under packages/. */
const tarballOf = (workspace: string): string =>
  `itb-${workspace}-${(JSON.parse(readFileSync(join(REPO, 'packages', workspace, 'package.json'), 'utf8')) as { version: string }).version}.tgz`;
const TARBALLS = [tarballOf('bff'), tarballOf('shared')];

const stage: RuntimeStage = readRuntimeStage(join(DEPLOY, 'Dockerfile'));
const work = mkdtempSync(join(tmpdir(), 'itb-bundle-'));
const bundleDir = join(work, 'bundle');
const { timed, write: writeTimings } = stepTimings('production-bundle');
let redis: RedisServer | undefined;
let sandbox: Sandbox | undefined;
const bffs: BundledBff[] = [];
let nginx: RunningNginx | undefined;


beforeAll(async () => {
  await timed('bundle', () => buildBundle(bundleDir));
  await timed('npm ci --omit=dev', () => installBundle(bundleDir));

  // nginx's address is the BFFs' public URL, which the IdP must know before it starts.
  const nginxPort = await freePort();
  const origin = `http://127.0.0.1:${nginxPort}`;
  const publicUrl = `${origin}/booking-api`;
  redis = await startRedisServer();
  sandbox = await createSandbox({ port: 0, oidcClients: [{ ...OIDC_CLIENT, redirectUris: [`${publicUrl}/auth/callback`] }] });
  // One environment for both, as compose.yaml gives them (the same session keys above all).
  const env = bffEnvFor(sandbox, {
    publicUrl,
    allowedOrigins: [origin],
    overrides: { ITB_REDIS_URL: redis.url, ITB_TRUST_PROXY: '1', ITB_LOG_LEVEL: 'info' },
  });
  const ports = [await freePort(), await freePort()];
  await timed('two instances up', async () => {
    for (const port of ports) bffs.push(await startBundledBff(stage, bundleDir, port, env));
  });
  nginx = await startNginx({ upstreams: ports.map((port) => `127.0.0.1:${port}`), siteRoot: join(DEPLOY, 'site'), port: nginxPort });
}, 600_000);

afterAll(async () => {
  // Every step runs whatever failed before it, so no process or folder outlives the file.
  const steps: Array<() => Promise<unknown> | undefined> = [
    () => nginx?.stop(),
    () => Promise.all(bffs.map((bff) => bff.output.stop())),
    () => sandbox?.close(),
    () => redis?.stop(),
  ];
  for (const step of steps) await Promise.resolve().then(step).catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
  writeTimings();
}, 60_000);

describe('the bundle', () => {
  it('is two tarballs of build output only (no sources, tests or secrets) and a lockfile', async () => {
    expect(readdirSync(bundleDir).filter((name) => name !== 'node_modules').sort())
      .toEqual([...TARBALLS, 'package-lock.json', 'package.json']);
    for (const tarball of TARBALLS) {
      const { stdout } = await run('tar', ['-tzf', join(bundleDir, tarball)]);
      const entries = stdout.split('\n').filter((line) => line !== '');
      expect(entries.filter((entry) => !SHIPPED.test(entry)), tarball).toEqual([]);
      expect(entries.filter((entry) => /\.(test|test-support|fixture)\.|\/src\//.test(entry)), tarball).toEqual([]);
      const unpacked = join(work, tarball);
      mkdirSync(unpacked);
      await run('tar', ['-xzf', join(bundleDir, tarball), '-C', unpacked]);
      // grep exits 1 when nothing matches.
      const keys = await run('grep', ['-rlE', 'BEGIN [A-Z ]*PRIVATE KEY', unpacked]).then(({ stdout }) => stdout, () => '');
      expect(keys, tarball).toBe('');
    }
  });

  it('installs production dependencies only, @itb/shared from its tarball, outside the repository', () => {
    expect(bundleDir.startsWith(REPO)).toBe(false);
    const modules = join(bundleDir, 'node_modules');
    expect(existsSync(join(modules, '.bin/itb-bff'))).toBe(true);
    for (const name of ['@itb/bff', '@itb/shared']) expect(lstatSync(join(modules, name)).isSymbolicLink(), name).toBe(false);
    // Development dependencies of the BFF and of the repository.
    for (const name of ['@itb/sandbox', 'oidc-provider', 'typescript', 'vitest', 'tsx']) expect(existsSync(join(modules, name)), name).toBe(false);
    const installed = JSON.parse(readFileSync(join(modules, '.package-lock.json'), 'utf8')) as { packages: Record<string, { resolved?: string; dev?: boolean }> };
    expect(installed.packages['node_modules/@itb/shared']?.resolved).toBe(`file:${tarballOf('shared')}`);
    expect(Object.entries(installed.packages).filter(([, entry]) => entry.dev === true)).toEqual([]);
  });
});

describe('two instances behind nginx', () => {
  it('serve the clinic site at / and the BFF under /booking-api/', async () => {
    const site = await fetch(`${nginx!.origin}/`);
    expect(site.status).toBe(200);
    expect(await site.text()).toContain('<itb-booking bff="/booking-api">');
    expect((await fetch(`${nginx!.origin}/booking-api/healthz`)).status).toBe(200);
    const ready = await fetch(`${nginx!.origin}/booking-api/readyz`);
    expect(ready.status, await ready.text()).toBe(200);
  });

  it('book a time for a signed-in patient, the requests spread over both instances', async () => {
    const patient = patientHttp(`${nginx!.origin}/booking-api`, nginx!.origin);
    await patient.signIn(PERSONS.alva.personalNumber);
    const session = await patient.json<{ signedIn: boolean; name?: string }>('auth/session');
    expect(session.body).toMatchObject({ signedIn: true, name: PERSONS.alva.name });

    const clinic = SEED_IDS.clinics.stockholmCity;
    const role = SEED_IDS.practitioners.annaBergCity;
    const treatment = await patient.json<{ code?: { coding?: Array<{ system?: string; code?: string }> } }>(`fhir/ActivityDefinition/${SEED_IDS.treatments.examination}`);
    const coding = treatment.body.code?.coding?.[0];
    const day = 86_400_000;
    const query = new URLSearchParams({
      start: new Date(Date.now() + 3 * day).toISOString(),
      end: new Date(Date.now() + 10 * day).toISOString(),
      healthcareService: `HealthcareService/${clinic}`,
      practitionerRole: `PractitionerRole/${role}`,
      'visit-type': `${coding?.system}|${coding?.code}`,
    });
    const found = await patient.json<Bundle>(`fhir/Appointment/$find?${query.toString()}`);
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    const time = (found.body.entry ?? []).map((entry) => entry.resource).find((r): r is Appointment => r?.resourceType === 'Appointment');
    if (time === undefined) throw new Error('no free time found');

    const booked = await patient.json<Bundle>('fhir/Appointment/$book', {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json', [IDEMPOTENCY_HEADER]: randomUUID() },
      body: JSON.stringify({
        resourceType: 'Parameters',
        parameter: [
          { name: 'appointment-resource', resource: { ...time, status: 'pending' } },
          { name: 'patient-resource', resource: { resourceType: 'Patient', telecom: [{ system: 'phone', value: '+46701740605', use: 'mobile' }] } },
        ],
      }),
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(200);
    const appointment = (booked.body.entry ?? []).map((entry) => entry.resource).find((r): r is Appointment => r?.resourceType === 'Appointment');
    expect(appointment?.id).toBeDefined();

    const stored = sandbox!.knobs.bookings().find((a) => a.id === appointment?.id);
    expect(stored?.status).toBe('booked');
    expect(stored?.start).toBe(time.start);
    expect(JSON.stringify(stored?.participant)).toContain(PERSONS.alva.personalNumber);
    expect((await fetch(`${nginx!.origin}/booking-api/readyz`)).status).toBe(200);

    // Round robin: nginx handed the journey's requests to both instances.
    const passed = nginx!.upstreamLog();
    for (const bff of bffs) expect(passed.some((line) => line.startsWith(`127.0.0.1:${bff.port} `)), `requests to ${bff.port}`).toBe(true);
    expect(passed.some((line) => line.includes(' POST /booking-api/fhir/Appointment/$book'))).toBe(true);
  });

  it('pass the image HEALTHCHECK while up, and fail it where nothing answers', async () => {
    const [command = '', ...args] = stage.healthcheck;
    const check = (port: number) => run(command, args, { env: cleanEnv({ ...stage.env, ITB_BFF_PORT: String(port) }) }).then(() => 0, (error: { code?: number }) => error.code ?? -1);
    expect(await check(bffs[0]!.port)).toBe(0);
    expect(await check(await freePort())).toBe(1);
  });
});
