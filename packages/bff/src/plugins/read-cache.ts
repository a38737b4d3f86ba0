/**
 * A small in-memory read cache for one BFF instance: TTL, stale-while-revalidate, coalescing of
 * concurrent identical loads (many browsers asking at once → one upstream call) and a size bound
 * (least recently used entries go first). Failed loads are never cached.
 * @module
 */

/** Options of {@link createReadCache}. */
export interface ReadCacheOptions<V = unknown> {
  /** How long a value is fresh. 0 = never cached (concurrent identical loads are still coalesced). */
  readonly ttlMs: number;
  /** How long after going stale a value may still be served while it is refreshed in the background. */
  readonly staleMs: number;
  /** Entry bound; the least recently used entry is dropped beyond it. */
  readonly maxEntries: number;
  /** Epoch ms; injectable for tests. */
  readonly clock?: () => number;
  /** Called when a background refresh fails (the stale value keeps being served until it expires). */
  readonly onRefreshError?: (key: string, error: unknown) => void;
  /**
   * When a loaded value was really made (epoch ms), if not at the moment it was loaded: a value
   * another instance filled into a shared cache is as old as that fill, not as its copy here.
   */
  readonly loadedAtOf?: (value: V) => number;
  /** Told of every lookup: served fresh (`hit`), served stale while refreshing, or loaded (`miss`). */
  readonly onLookup?: (result: 'hit' | 'stale' | 'miss') => void;
}

/** A cached value and when it was loaded. */
export interface CacheHit<V> {
  readonly value: V;
  /** Epoch ms of the load that produced it. */
  readonly loadedAt: number;
  /** `false` when served stale while a refresh runs. */
  readonly fresh: boolean;
}

/** See {@link createReadCache}. */
export interface ReadCache<V> {
  /** The cached value for `key`, or the result of `load()` (shared by concurrent callers). */
  get(key: string, load: () => Promise<V>): Promise<CacheHit<V>>;
  /** Seconds a client may reuse an answer loaded at `loadedAt` (for Cache-Control max-age). */
  remainingFreshSeconds(loadedAt: number): number;
  delete(key: string): void;
  clear(): void;
  readonly size: number;
}

interface Entry<V> {
  readonly value: V;
  readonly loadedAt: number;
}

/** Create an empty cache. */
export function createReadCache<V>(options: ReadCacheOptions<V>): ReadCache<V> {
  const clock = options.clock ?? Date.now;
  const entries = new Map<string, Entry<V>>();
  const inflight = new Map<string, Promise<Entry<V>>>();

  function store(key: string, entry: Entry<V>): void {
    if (options.ttlMs <= 0) return;
    entries.delete(key);
    entries.set(key, entry);
    while (entries.size > options.maxEntries) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
  }

  function loadOnce(key: string, load: () => Promise<V>): Promise<Entry<V>> {
    const running = inflight.get(key);
    if (running !== undefined) return running;
    const started = (async () => {
      const value = await load();
      const entry = { value, loadedAt: options.loadedAtOf?.(value) ?? clock() };
      store(key, entry);
      return entry;
    })().finally(() => inflight.delete(key));
    inflight.set(key, started);
    return started;
  }

  return {
    async get(key, load) {
      const entry = entries.get(key);
      if (entry !== undefined) {
        const age = clock() - entry.loadedAt;
        if (age < options.ttlMs) {
          entries.delete(key);
          entries.set(key, entry);
          options.onLookup?.('hit');
          return { value: entry.value, loadedAt: entry.loadedAt, fresh: true };
        }
        if (age < options.ttlMs + options.staleMs) {
          loadOnce(key, load).catch((error: unknown) => options.onRefreshError?.(key, error));
          options.onLookup?.('stale');
          return { value: entry.value, loadedAt: entry.loadedAt, fresh: false };
        }
        entries.delete(key);
      }
      options.onLookup?.('miss');
      const loaded = await loadOnce(key, load);
      return { value: loaded.value, loadedAt: loaded.loadedAt, fresh: true };
    },
    remainingFreshSeconds(loadedAt) {
      return Math.max(0, Math.floor((options.ttlMs - (clock() - loadedAt)) / 1000));
    },
    delete(key) {
      entries.delete(key);
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
