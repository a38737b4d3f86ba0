/**
 * Searchset Bundles as ITB sends them: every entry with a `fullUrl` and `search.mode`.
 * @module
 */
import type { Bundle, BundleEntry, OperationOutcome, Resource } from '@itb/shared';
import { fullUrl, type FhirContext } from './dialect.js';

export interface SearchsetOptions {
  readonly profile?: string;
  /** Default: the number of `match` entries. */
  readonly total?: number;
  /** Warnings or notices, sent as one entry with `search.mode = outcome`. */
  readonly outcome?: OperationOutcome;
  /** The request URL, for the `self` link. */
  readonly self?: string;
}

export function searchset(ctx: FhirContext, resources: readonly Resource[], options: SearchsetOptions = {}): Bundle {
  const entry: BundleEntry[] = resources.map((resource) => ({
    fullUrl: fullUrl(ctx, resource.resourceType, resource.id ?? ''),
    resource,
    search: { mode: 'match' },
  }));
  if (options.outcome !== undefined) entry.push({ resource: options.outcome, search: { mode: 'outcome' } });
  return {
    resourceType: 'Bundle',
    ...(options.profile === undefined ? {} : { meta: { profile: [options.profile] } }),
    type: 'searchset',
    total: options.total ?? resources.length,
    ...(options.self === undefined ? {} : { link: [{ relation: 'self', url: options.self }] }),
    entry,
  };
}
