/**
 * Figure 8: resident memory of a BFF process of its own (started from the CLI with default
 * settings, plus V8's --trace-gc) — idle, after 60 s of mixed load, and over a soak (default 5
 * minutes, the first 60 s of which are the "60 s of mixed load"). RSS is read from /proc every 2 s.
 *
 * "After 60 s" is the median RSS of the samples between 50 and 70 s (RSS follows V8's garbage
 * sawtooth, so one reading is a coin toss). "Flat" is judged on what a leak actually grows: the live
 * heap after each full collection (Mark-Compact "→ N MB" in the GC trace), whose least-squares slope
 * over the soak's second half must stay under 2 MB/min. The RSS slope over the second half is
 * reported next to it, not judged: with ~100 MB of collectable garbage swinging in and out it says
 * more about when V8 last collected than about leaks.
 *
 * Mixed load: a rate-limited autocannon run drawing each request at random from the catalog routes
 * (system and instance level, searches), `$find` for single practitioners and "any practitioner"
 * over eight different weeks (so the find cache keeps filling, expiring and evicting), session
 * checks, health checks, a bad `$find` (400) and an unknown route (404); the sandbox answers with
 * 20 ms added latency, so requests overlap as they would against a remote ITB.
 * @module
 */
import { cannon, request } from '../lib/load.js';
import { bookableOffers, findQuery, mondayIso, window } from '../lib/seed.js';
import { INCLUDE_ALL } from './catalog.js';

const MB = 1024 * 1024;
const SAMPLE_MS = 2000;
const FLAT_HEAP_MB_PER_MIN = 2;
const GROWTH_BUDGET_MB = 100;

/** Deterministic PRNG (mulberry32) so every run draws the same mix. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mixedPaths(catalog) {
  const weighted = [];
  const add = (path, weight = 1) => { for (let i = 0; i < weight; i += 1) weighted.push(path); };
  add(`/fhir/$get-offers-context?${INCLUDE_ALL}`, 20);
  for (const id of catalog.clinics.keys()) add(`/fhir/HealthcareService/${encodeURIComponent(id)}/$get-offers-context?includePractitionerRolePortal=true&includeActivityDefinitionPortal=true`, 2);
  for (const id of catalog.treatments.keys()) add(`/fhir/ActivityDefinition/${encodeURIComponent(id)}/$get-offers-context?includeHealthcareServicePortal=true`);
  add('/fhir/HealthcareService', 3);
  add('/fhir/ActivityDefinition', 3);
  const offers = bookableOffers(catalog);
  const pairs = new Map();
  for (let week = 0; week < 8; week += 1) {
    const win = window(mondayIso(week));
    for (const offer of offers) {
      const treatment = catalog.treatments.get(offer.treatmentId);
      add(`/fhir/Appointment/$find?${findQuery({ ...win, visitType: treatment.visitType, clinicId: offer.clinicId, practitionerRoleIds: [offer.practitionerRoleId] })}`);
      pairs.set(`${week}|${offer.clinicId}|${offer.treatmentId}`, `/fhir/Appointment/$find?${findQuery({ ...win, visitType: treatment.visitType, clinicId: offer.clinicId })}`);
    }
  }
  for (const path of pairs.values()) add(path);
  add('/auth/session', 10);
  add('/healthz', 5);
  add('/readyz', 2);
  add('/fhir/Appointment/$find?start=not-a-date', 3);
  add('/no-such-route', 3);
  return weighted;
}

/** Full collections from a --trace-gc log: `{ t }` seconds since `offsetMs` after spawn, `rss` = live heap bytes after. */
export function liveHeapAfterFullGc(lines, offsetMs) {
  const points = [];
  for (const line of lines) {
    const m = /\s(\d+) ms: Mark-Compact[^>]*-> ([\d.]+) \(/.exec(line);
    if (m !== null) points.push({ t: (Number(m[1]) - offsetMs) / 1000, rss: Number(m[2]) * MB });
  }
  return points;
}

/** Least-squares slope of `points` ({ t seconds, rss bytes }) in MB per minute. */
export function slopeMbPerMin(points) {
  const n = points.length;
  if (n < 2) return NaN;
  const mt = points.reduce((s, p) => s + p.t, 0) / n;
  const mr = points.reduce((s, p) => s + p.rss, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.t - mt) * (p.rss - mr);
    den += (p.t - mt) ** 2;
  }
  return (num / den) * 60 / MB;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function memoryFigure({ stack, catalog, soakSeconds, rate, env = {}, nodeArgs = [] }) {
  const bff = await stack.bff('bff-memory', env, { nodeArgs: ['--trace-gc', ...nodeArgs] });
  const { sandbox } = stack;
  try {
    await new Promise((done) => setTimeout(done, 3000));
    const idleSamples = [];
    for (let i = 0; i < 3; i += 1) {
      idleSamples.push(bff.rss());
      await new Promise((done) => setTimeout(done, 1000));
    }
    const idle = median(idleSamples);

    const paths = mixedPaths(catalog);
    const random = prng(42);
    await sandbox.knob('setLatency', 20);
    const samples = [];
    const started = Date.now();
    const timer = setInterval(() => {
      const rss = bff.rss();
      if (rss !== undefined) samples.push({ t: (Date.now() - started) / 1000, rss });
    }, SAMPLE_MS);
    let load;
    try {
      load = await cannon({
        url: bff.url,
        connections: 16,
        duration: soakSeconds,
        overallRate: rate,
        requests: [{ setupRequest(req) { req.path = paths[Math.floor(random() * paths.length)]; return req; } }],
      });
    } finally {
      clearInterval(timer);
      await sandbox.knob('setLatency', 0);
    }
    if (!bff.alive()) throw new Error(`the BFF died during the soak\n${bff.logs()}`);
    const health = await request(`${bff.url}/healthz`);

    const around60 = samples.filter((x) => x.t >= 50 && x.t <= 70).map((x) => x.rss);
    const at60 = around60.length > 0 ? median(around60) : samples.at(-1).rss;
    const peak60 = Math.max(...samples.filter((x) => x.t <= 60).map((x) => x.rss));
    const secondHalf = samples.filter((x) => x.t >= soakSeconds / 2);
    const rssSlope = slopeMbPerMin(secondHalf);
    const heap = liveHeapAfterFullGc(bff.gcLines(), started - bff.spawnedAt).filter((p) => p.t >= 0);
    const heapSecondHalf = heap.filter((p) => p.t >= soakSeconds / 2);
    const heapSlope = slopeMbPerMin(heapSecondHalf);
    const peak = Math.max(...samples.map((x) => x.rss));
    const growth60 = (at60 - idle) / MB;
    const fmt = (bytes) => `${(bytes / MB).toFixed(1)} MB`;
    const sign = (v) => `${v >= 0 ? '+' : ''}${v.toFixed(2)}`;
    const values = {
      idleRss: idle,
      rssAt60s: at60,
      peakRssFirst60s: peak60,
      finalRss: samples.at(-1)?.rss,
      peakRss: peak,
      rssSlopeMbPerMinSecondHalf: rssSlope,
      liveHeapSlopeMbPerMinSecondHalf: heapSlope,
      liveHeapAfterFullGcMb: heap.map((p) => ({ t: Math.round(p.t), mb: +(p.rss / MB).toFixed(1) })),
      soakSeconds,
      requestRate: rate,
      bffEnv: env,
      distinctPaths: new Set(paths).size,
      load: { total: load.total, ok: load.ok, non2xx: load.non2xx, errors: load.errors, timeouts: load.timeouts, rps: load.total / load.durationS },
      samples: samples.map((x) => ({ t: Math.round(x.t), rssMb: +(x.rss / MB).toFixed(1) })),
    };
    const heapRange = heapSecondHalf.length === 0 ? 'no full GC in 2nd half' : `${fmt(Math.min(...heapSecondHalf.map((p) => p.rss)))}–${fmt(Math.max(...heapSecondHalf.map((p) => p.rss)))} (2nd half)`;
    return [{
      id: 'memory-after-60s',
      figure: 'BFF RSS after 60 s of mixed load',
      baseline: `idle ${fmt(idle)}`,
      measured: `${fmt(at60)} (+${growth60.toFixed(1)} MB; peak ${fmt(peak60)})`,
      ratio: `${(at60 / idle).toFixed(2)}×`,
      budget: `≤ +${GROWTH_BUDGET_MB} MB`,
      pass: growth60 <= GROWTH_BUDGET_MB && load.errors === 0 && load.timeouts === 0,
      values,
    }, {
      id: 'memory-soak-flat',
      figure: `BFF memory over ${Math.round(soakSeconds / 6) / 10}-min soak (2nd-half slopes)`,
      baseline: `live heap ${heapRange}`,
      measured: `live heap ${Number.isNaN(heapSlope) ? 'n/a' : sign(heapSlope)} MB/min; RSS ${sign(rssSlope)} MB/min (peak ${fmt(peak)})`,
      ratio: '—',
      budget: `live heap < ${FLAT_HEAP_MB_PER_MIN} MB/min`,
      // Fewer than two full GCs in the second half cannot show a trend: then nothing was retained
      // that forced one, and RSS must itself be flat.
      pass: health.status === 200 && (heapSecondHalf.length >= 2 ? heapSlope < FLAT_HEAP_MB_PER_MIN : rssSlope < 5),
      values,
    }];
  } finally {
    await bff.close();
  }
}
