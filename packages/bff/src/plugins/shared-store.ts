/**
 * The state several BFF instances share, on Redis when `ITB_REDIS_URL` is set (`app.sharedStore`),
 * otherwise `undefined` and every feature keeps its state in memory (one instance needs nothing
 * else). Each feature decides what a Redis failure means for it (see the README's "Run many
 * instances"); this plugin only connects, names keys, watches health and closes.
 *
 * Commands fail fast while Redis is unreachable (no offline queue): a request never waits for a
 * reconnect, and the client keeps reconnecting in the background.
 * @module
 */
import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';

/** `app.sharedStore`. */
export interface SharedStore {
  readonly redis: Redis;
  /** A key under this deployment's prefix, e.g. `key('revoked', 'session', id)`. */
  key(...parts: string[]): string;
  /**
   * A stable, non-reversible stand-in for a value that must not be stored as is (an IdP subject,
   * a refresh token): HMAC with the audit salt, so every instance derives the same one.
   */
  digest(value: string): string;
  /** Resolves when Redis answers PING; rejects otherwise (readiness). */
  ping(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Redis shared by all instances, or undefined (single instance, in-memory state). */
    sharedStore: SharedStore | undefined;
  }
}

/**
 * `app.sharedStore`, also in an app built without this plugin (plugin tests register a few
 * plugins alone): there is then no shared store, as without `ITB_REDIS_URL`.
 */
export function sharedStoreOf(app: FastifyInstance): SharedStore | undefined {
  return app.hasDecorator('sharedStore') ? app.sharedStore : undefined;
}

/** A command that takes longer than this counts as a failure (Redis answers in well under 1 ms). */
const COMMAND_TIMEOUT_MS = 1000;

/** The URL without its password, for logs. */
export function redactedRedisUrl(value: string): string {
  const url = new URL(value);
  if (url.password !== '') url.password = '***';
  return url.href;
}

export const sharedStorePlugin = fp(async (app: FastifyInstance) => {
  const { redisUrl, redisKeyPrefix, auditSalt } = app.config;
  if (redisUrl === undefined) {
    app.decorate('sharedStore', undefined);
    return;
  }
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: 2000,
    // Keep trying for as long as the instance runs: Redis coming back must need no restart.
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  const where = redactedRedisUrl(redisUrl);
  let down = false;
  // One line per outage, not one per reconnect attempt.
  redis.on('error', (error: Error) => {
    app.telemetry.sharedStoreError('connection');
    if (down) return;
    down = true;
    app.log.warn({ err: error, redis: where }, 'shared store unreachable');
  });
  redis.on('ready', () => {
    if (down) app.log.info({ redis: where }, 'shared store reachable again');
    down = false;
  });
  // A BFF may start before Redis: it then serves (readiness says 503) and connects when Redis is up.
  await redis.connect().catch(() => undefined);

  app.decorate('sharedStore', {
    redis,
    key: (...parts) => [redisKeyPrefix.replace(/:?$/, ''), ...parts].join(':'),
    digest: (value) => createHmac('sha256', auditSalt).update(value).digest('base64url').slice(0, 32),
    async ping() {
      await redis.ping();
    },
  } satisfies SharedStore);
  app.addHook('onClose', async () => {
    await redis.quit().catch(() => redis.disconnect());
  });
}, { fastify: '5.x', name: 'itb-shared-store', dependencies: ['itb-telemetry'] });
