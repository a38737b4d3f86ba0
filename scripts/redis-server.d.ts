// Types of redis-server.js for the TypeScript tests (the module itself stays plain JavaScript).

/** A running redis-server of one suite. */
export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** Stop it (SIGTERM) and remove its directory. */
  stop(): Promise<void>;
  /** End it abruptly (SIGKILL), as a crash or a cut network looks to clients. */
  kill(): Promise<void>;
}
export declare function startRedisServer(options?: { readonly port?: number }): Promise<RedisServer>;
