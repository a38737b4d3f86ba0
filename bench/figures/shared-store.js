/**
 * Figure 14: what sharing state on Redis costs. One run, side by side: one BFF with in-memory state
 * against two BFFs sharing a real redis-server (Debian's, on a free port), on
 *   a. `$book` under 50 concurrent patients (the book figure's round, spread over both instances):
 *      p50 — every booking now also reads the revocation list and writes an idempotency record;
 *   b. the catalog with a warm cache (autocannon, 10 connections in total: 10 on the one, 5 on each
 *      of the two) — answered from each instance's own copy, Redis asked once per TTL.
 * @module
 */
import { startRedisServer } from '../../scripts/redis-server.js';
import { cannon, requestJson } from '../lib/load.js';
import { bookRound } from './book.js';
import { INCLUDE_ALL } from './catalog.js';

const SECONDS = 2 * Number(process.env.BENCH_SLICE_SECONDS ?? 3);
const fmtMs = (ms) => `${ms < 10 ? ms.toFixed(2) : ms.toFixed(0)} ms`;
const fmtRps = (r) => `${Math.round(r)} req/s`;

/** Catalog requests per second over `urls` at once, `connections` split evenly. */
async function catalogThroughput(urls, connections = 10) {
  const targets = urls.map((url) => `${url}/fhir/$get-offers-context?${INCLUDE_ALL}`);
  for (const target of targets) await requestJson(target);
  const runs = await Promise.all(targets.map((url) => cannon({ url, duration: SECONDS, connections: connections / urls.length, headers: { accept: 'application/fhir+json', 'accept-encoding': 'br' } })));
  return { rps: runs.reduce((sum, run) => sum + run.rps, 0), bad: runs.reduce((sum, run) => sum + run.non2xx + run.errors + run.timeouts, 0) };
}

/** Catalog, `$find` and a refused `$book` through a fresh instance, so its first requests are not what is measured. */
async function warmUp(url, catalog) {
  const clinicId = catalog.clinics.keys().next().value;
  await cannon({ url: `${url}/fhir/$get-offers-context?${INCLUDE_ALL}`, amount: 500, connections: 5 });
  await cannon({ url: `${url}/fhir/HealthcareService/${clinicId}/$get-offers-context`, amount: 200, connections: 5 });
  await cannon({ url: `${url}/fhir/Appointment/$book`, method: 'POST', amount: 200, connections: 5, headers: { 'content-type': 'application/fhir+json' }, body: '{}' });
}

export async function sharedStoreFigures({ stack, sandbox, catalog, demoOrigin, bff }) {
  const redis = await startRedisServer();
  const pair = [];
  try {
    for (const name of ['bff-redis-a', 'bff-redis-b']) pair.push(await stack.bff(name, { ITB_REDIS_URL: redis.url }));
    const urls = pair.map((instance) => instance.url);
    // The one BFF has served the other figures; the two new ones get the same head start.
    for (const url of urls) await warmUp(url, catalog);
    const alone = await bookRound({ sandbox, bffUrls: [bff.url], catalog, demoOrigin, weeksAhead: 0, seed: 7 });
    const shared = await bookRound({ sandbox, bffUrls: urls, catalog, demoOrigin, weeksAhead: 2, seed: 9 });
    const catalogAlone = await catalogThroughput([bff.url]);
    const catalogShared = await catalogThroughput(urls);
    const clean = (round) => round.errors.length === 0 && round.overlappingBookings === 0 && round.patientsWithMoreThanOne === 0;
    const bookRatio = shared.p50 / alone.p50;
    const catalogRatio = catalogShared.rps / catalogAlone.rps;
    return [{
      id: 'shared-store-book',
      figure: '$book p50, 50 concurrent: 2 instances on Redis vs 1 in memory',
      baseline: `${fmtMs(alone.p50)} (p99 ${fmtMs(alone.p99)})`,
      measured: `${fmtMs(shared.p50)} (p99 ${fmtMs(shared.p99)}), ${shared.errors.length} errors, ${shared.overlappingBookings} double`,
      ratio: `${bookRatio.toFixed(2)}×`,
      budget: '≤ 1.5×, 0 errors, 0 double',
      pass: bookRatio <= 1.5 && clean(alone) && clean(shared),
      values: { alone: { ...alone, errors: alone.errors.length }, shared: { ...shared, errors: shared.errors.length } },
    }, {
      id: 'shared-store-catalog',
      figure: 'catalog throughput (warm): 2 instances on Redis vs 1 in memory',
      baseline: fmtRps(catalogAlone.rps),
      measured: fmtRps(catalogShared.rps),
      ratio: `${catalogRatio.toFixed(2)}×`,
      budget: '≥ 0.8×, no errors',
      pass: catalogRatio >= 0.8 && catalogAlone.bad === 0 && catalogShared.bad === 0,
      values: { alone: catalogAlone, shared: catalogShared },
    }];
  } finally {
    await Promise.all(pair.map((instance) => instance.close()));
    await redis.stop();
  }
}
