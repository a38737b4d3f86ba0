/**
 * Paging a searchset the BFF holds whole (the cached catalog searches, the patient's own
 * bookings): `_count` entries from `_offset` on, with `self`, `first`, `previous`, `next` and
 * `last` links that carry the same parameters, and `total` the full count. `_summary=count` (or
 * `_count=0`) answers the total alone. An offset, not an opaque token: the answer under it is the
 * cached upstream body, so an offset names the same page for as long as that body is served,
 * and a partner can jump to a page without walking the ones before it (HAPI reads `_offset` too).
 * @module
 */
import { z } from 'zod';
import type { Bundle, BundleEntry } from '@itb/shared';

/** The largest page served; a larger `_count` is served as this many (R4 lets a server return fewer). */
export const MAX_PAGE_SIZE = 100;

const WHOLE_NUMBER = /^\d{1,6}$/;

/** `_count`: entries per page (clamped to {@link MAX_PAGE_SIZE}); `0` = the total alone. */
export const countParam = z.string().regex(WHOLE_NUMBER, 'must be a whole number (0 or more)')
  .transform((value) => Math.min(Number(value), MAX_PAGE_SIZE)).optional();
/** `_offset`: how many matches to skip. */
export const offsetParam = z.string().regex(WHOLE_NUMBER, 'must be a whole number (0 or more)').transform(Number).optional();
/** `_summary`: `count` (the total alone) or `false` (the whole resources, as without it). */
export const summaryParam = z.enum(['count', 'false'], { error: "must be 'count' or 'false' (the other _summary modes are not served)" }).optional();

/** The paging parameters of a searchset route's query schema (spread into its `z.object`). */
export const pagingParams = { _count: countParam, _offset: offsetParam, _summary: summaryParam };

/** What the paging parameters of one request ask for. */
export interface Page {
  /** Entries per page; undefined = all. */
  readonly count: number | undefined;
  readonly offset: number;
  /** The total alone, no matches (`_summary=count` or `_count=0`). */
  readonly countOnly: boolean;
  /** `_summary=false` as sent (served like no `_summary`, kept in the links). */
  readonly summaryFalse: boolean;
}

/** The page a parsed query asks for (any of the three parameters may be absent). */
export function pageOf(query: { readonly _count?: number | undefined; readonly _offset?: number | undefined; readonly _summary?: 'count' | 'false' | undefined }): Page {
  return {
    count: query._count,
    offset: query._offset ?? 0,
    countOnly: query._summary === 'count' || query._count === 0,
    summaryFalse: query._summary === 'false',
  };
}

/** The whole answer: no paging parameter changes what is served. */
export const WHOLE: Page = { count: undefined, offset: 0, countOnly: false, summaryFalse: false };

/** Is `page` the whole answer, as a request without paging parameters gets it? */
export function isWhole(page: Page): boolean {
  return page.count === undefined && page.offset === 0 && !page.countOnly;
}

/** The paging parameters to write into a link to the page at `offset` (in the order they sort). */
export function pageParams(page: Page, offset: number): [string, string][] {
  const params: [string, string][] = [];
  if (page.count !== undefined) params.push(['_count', String(page.count)]);
  if (offset > 0) params.push(['_offset', String(offset)]);
  if (page.countOnly && page.count !== 0) params.push(['_summary', 'count']);
  else if (page.summaryFalse) params.push(['_summary', 'false']);
  return params;
}

const isOutcome = (entry: BundleEntry) => entry.search?.mode === 'outcome';

/**
 * `bundle` paged: its matches (every entry but `search.mode = outcome` ones, which stay on every
 * page: they speak of the whole search) cut to `page`, `total` = all matches, and the links made
 * by `linkTo(offset)`. Copies; `bundle` is a shared cached value.
 */
export function pagedBundle(bundle: Bundle, page: Page, linkTo: (offset: number) => string): Bundle {
  const entries = bundle.entry ?? [];
  const matches = entries.filter((entry) => !isOutcome(entry));
  const outcomes = entries.filter(isOutcome);
  const total = matches.length;
  const link: { relation: string; url: string }[] = [{ relation: 'self', url: linkTo(page.offset) }];
  let shown = matches;
  if (page.countOnly) {
    shown = [];
  } else if (page.count !== undefined) {
    const size = page.count;
    shown = matches.slice(page.offset, page.offset + size);
    const last = total === 0 ? 0 : Math.floor((total - 1) / size) * size;
    link.push({ relation: 'first', url: linkTo(0) });
    if (page.offset > 0) link.push({ relation: 'previous', url: linkTo(Math.max(0, Math.min(page.offset, last + size) - size)) });
    if (page.offset + size < total) link.push({ relation: 'next', url: linkTo(page.offset + size) });
    link.push({ relation: 'last', url: linkTo(last) });
  } else if (page.offset > 0) {
    shown = matches.slice(page.offset);
  }
  const paged: Bundle = { ...bundle, total, link: link as Bundle['link'], entry: [...shown, ...outcomes] };
  if (paged.entry?.length === 0) delete paged.entry;
  return paged;
}
