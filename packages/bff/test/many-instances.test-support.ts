/**
 * Several BFF instances behind one round-robin proxy, as a partner runs them behind a load balancer:
 * one real sandbox, optionally one real Redis they share (ITB_REDIS_URL), and every instance built
 * from the same env (same session keys) with ITB_PUBLIC_URL = the proxy's URL. The browser only ever
 * talks to the proxy, so the proxy's address must exist before the sandbox registers the redirect URI
 * and before any BFF parses its config: the proxy starts first, towards instance ports picked up front.
 * Not part of the build.
 * @module
 */
import type { AddressInfo } from 'node:net';
import { createSandbox } from '@itb/sandbox';
import { parseConfig } from '../src/config.js';
import { createBff, type CreateBffOptions } from '../src/create-bff.js';
import { OIDC_CLIENT, TEST_OTHER_ALLOWED_ORIGIN, bffTestEnvVars, type TestSandbox } from './bff-test-env.test-support.js';
import { POST_LOGOUT_TARGET, type PatientBff } from './patient-env.test-support.js';
import { startRoundRobinProxy, type RoundRobinProxy } from './round-robin-proxy.test-support.js';
import { startRedisServer, type RedisServer } from '../../../scripts/redis-server.js';

export type { RedisServer };

/** Options of {@link startManyInstances}. */
export interface ManyInstancesOptions {
  /** How many BFFs (default 2). */
  readonly instances?: number;
  /** true = start a redis-server here; `{ url }` = use that one; false = no ITB_REDIS_URL. */
  readonly redis: boolean | { readonly url: string };
  /** Extra or overriding ITB_… variables, the same for every instance. */
  readonly env?: Readonly<Record<string, string>>;
  /** createBff's options, the same for every instance. */
  readonly bffOptions?: CreateBffOptions;
}

/** What {@link startManyInstances} returns. */
export interface ManyInstances {
  readonly sandbox: TestSandbox;
  /** The redis-server started here (undefined when given a URL or `redis: false`). */
  readonly redis: RedisServer | undefined;
  /** Each instance at its own address (`baseUrl` bypasses the proxy; its config names the proxy). */
  readonly bffs: readonly PatientBff[];
  readonly proxy: RoundRobinProxy;
  /** The proxy's URL: every instance's ITB_PUBLIC_URL, and where a patient client should point. */
  readonly url: string;
  /** Stop proxy, BFFs, sandbox and the Redis started here, in that order; ones already stopped are fine. */
  close(): Promise<void>;
}

/** Start a sandbox, Redis (unless told otherwise), `instances` BFFs and a proxy in front of them. */
export async function startManyInstances(options: ManyInstancesOptions): Promise<ManyInstances> {
  // The instances listen on port 0 (a port picked in advance could be taken by the sandbox or Redis
  // before they listen); the proxy learns each one's port once it listens.
  const instances = options.instances ?? 2;
  const proxy = await startRoundRobinProxy(Array.from({ length: instances }, () => 'http://127.0.0.1:9'));
  let sandbox: TestSandbox | undefined;
  let redis: RedisServer | undefined;
  const bffs: PatientBff[] = [];
  // Every step runs even when an earlier one throws, so a failed start-up leaves no process behind.
  async function close(): Promise<void> {
    const steps: Array<() => unknown> = [() => proxy.close(), () => Promise.all(bffs.map((bff) => bff.app.close())), () => sandbox?.close(), () => redis?.stop()];
    const failures: unknown[] = [];
    for (const step of steps) await Promise.resolve().then(step).catch((error: unknown) => failures.push(error));
    if (failures.length > 0) throw failures[0];
  }
  try {
    if (options.redis === true) redis = await startRedisServer();
    const redisUrl = redis?.url ?? (typeof options.redis === 'object' ? options.redis.url : undefined);
    sandbox = await createSandbox({
      port: 0,
      oidcClients: [{
        ...OIDC_CLIENT,
        redirectUris: [`${proxy.url}/auth/callback`],
        postLogoutRedirectUris: [POST_LOGOUT_TARGET, `${TEST_OTHER_ALLOWED_ORIGIN}/signed-out`],
        // Through the load balancer, like the browser: whichever instance gets it revokes for all.
        backchannelLogoutUri: `${proxy.url}/auth/backchannel-logout`,
      }],
    });
    const env = bffTestEnvVars(sandbox, proxy.url, {
      ITB_TRUST_PROXY: 'true',
      ...(redisUrl === undefined ? {} : { ITB_REDIS_URL: redisUrl }),
      ...options.env,
    });
    for (let index = 0; index < instances; index += 1) {
      const config = parseConfig(env);
      const app = await createBff(config, options.bffOptions);
      bffs.push({ app, config, baseUrl: '' });
      // 127.0.0.1 rather than localhost, which may resolve to ::1 on another machine.
      await app.listen({ port: 0, host: '127.0.0.1' });
      const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      bffs[index] = { app, config, baseUrl };
      proxy.retarget(index, baseUrl);
    }
    return { sandbox, redis, bffs, proxy, url: proxy.url, close };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}
