/**
 * Figure 13: what sharing state on Redis costs. One run, side by side: one BFF with in-memory state
 * against two BFFs sharing a real redis-server (Debian's, on a free port), on
 *   a. `$book` under 50 concurrent patients (the book figure's round, spread over both instances):
 *      p50 — every booking now also reads the revocation list and writes an idempotency record.
 *      One BFF on Redis is measured too, to tell Redis's own cost from that of a second process
 *      on the same two cores. The in-memory round is the book figure's own when it ran (the sandbox
 *      has three bookable weeks: one round each);
 *   b. the catalog with a warm cache (autocannon, 10 connections in total: 10 on the one, 5 on each
 *      of the two) — answered from each instance's own copy, Redis asked once per TTL. The budget
 *      compares one instance on Redis with one in memory: two processes on this 2-core machine
 *      share the cores with the load generator, so their sum shows the machine, not the store.
 * Every new instance first books a warm-up round of its own: a first round in a fresh process
 * measures its compiler, not its store.
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

export async function sharedStoreFigures({ stack, sandbox, catalog, demoOrigin, bff, bffHasBooked }) {
  const redis = await startRedisServer();
  const pair = [];
  try {
    for (const name of ['bff-redis-a', 'bff-redis-b']) pair.push(await stack.bff(name, { ITB_REDIS_URL: redis.url }));
    const urls = pair.map((instance) => instance.url);
    // The one BFF has served the other figures; the two new ones get the same head start, bookings
    // included (a first round in a fresh process measures its compiler, not its store).
    for (const [index, url] of urls.entries()) {
      await warmUp(url, catalog);
      await bookRound({ sandbox, bffUrls: [url], catalog, demoOrigin, halfWeek: index, seed: 20 + index, patients: 20 });
    }
    // The in-memory BFF warmed up on the book figure's round (half-week 2), or does so here.
    if (!bffHasBooked) await bookRound({ sandbox, bffUrls: [bff.url], catalog, demoOrigin, halfWeek: 2, seed: 21, patients: 20 });
    const alone = await bookRound({ sandbox, bffUrls: [bff.url], catalog, demoOrigin, halfWeek: 5, seed: 7 });
    const oneOnRedis = await bookRound({ sandbox, bffUrls: [urls[0]], catalog, demoOrigin, halfWeek: 3, seed: 8 });
    const shared = await bookRound({ sandbox, bffUrls: urls, catalog, demoOrigin, halfWeek: 4, seed: 9 });
    const catalogAlone = await catalogThroughput([bff.url]);
    const catalogOneOnRedis = await catalogThroughput([urls[0]]);
    const catalogShared = await catalogThroughput(urls);
    const clean = (round) => round.errors.length === 0 && round.overlappingBookings === 0 && round.patientsWithMoreThanOne === 0;
    const bookRatio = shared.p50 / alone.p50;
    const catalogRatio = catalogOneOnRedis.rps / catalogAlone.rps;
    return [{
      id: 'shared-store-book',
      figure: '$book p50, 50 concurrent: 2 instances on Redis vs 1 in memory',
      baseline: `${fmtMs(alone.p50)} (p99 ${fmtMs(alone.p99)})`,
      measured: `${fmtMs(shared.p50)} (p99 ${fmtMs(shared.p99)}), ${shared.errors.length} errors, ${shared.overlappingBookings} double; 1 instance on Redis ${fmtMs(oneOnRedis.p50)}`,
      ratio: `${bookRatio.toFixed(2)}×`,
      budget: '≤ 1.5×, 0 errors, 0 double',
      pass: bookRatio <= 1.5 && clean(alone) && clean(oneOnRedis) && clean(shared),
      values: { alone: { ...alone, errors: alone.errors.length }, oneOnRedis: { ...oneOnRedis, errors: oneOnRedis.errors.length }, shared: { ...shared, errors: shared.errors.length } },
    }, {
      id: 'shared-store-catalog',
      figure: 'catalog throughput (warm): 1 instance on Redis vs 1 in memory (and 2 on Redis)',
      baseline: fmtRps(catalogAlone.rps),
      measured: `${fmtRps(catalogOneOnRedis.rps)}; 2 instances ${fmtRps(catalogShared.rps)} (one machine: 2 cores for both and the load generator)`,
      ratio: `${catalogRatio.toFixed(2)}×`,
      budget: '≥ 0.9×, no errors',
      pass: catalogRatio >= 0.9 && catalogAlone.bad === 0 && catalogOneOnRedis.bad === 0 && catalogShared.bad === 0,
      values: { alone: catalogAlone, oneOnRedis: catalogOneOnRedis, shared: catalogShared },
    }];
  } finally {
    await Promise.all(pair.map((instance) => instance.close()));
    await redis.stop();
  }
}
