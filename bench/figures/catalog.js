/**
 * Figures 3 and 4: the catalog (`$get-offers-context` with every include flag) through the BFF with
 * a warm cache, against the same call made directly to the sandbox with a system token.
 *   3. throughput with 0 ms added upstream latency (autocannon, 10 connections, A-B-B-A halves);
 *   4. median latency with 50 ms added upstream latency (one request at a time, interleaved).
 * @module
 */
import { cannon, requestJson, sampleInterleaved } from '../lib/load.js';

export const INCLUDE_ALL = 'includeActivityDefinitionPortal=true&includeHealthcareServicePortal=true&includePractitionerRolePortal=true';
const SLICE_S = Number(process.env.BENCH_SLICE_SECONDS ?? 3);

/**
 * autocannon options for a target `{ url, headers?, paths? }`: with `paths` (path + query strings on
 * the url's origin), requests go round-robin through them.
 */
export function cannonTarget(target) {
  if (target.paths === undefined) return { url: target.url, headers: target.headers ?? {} };
  let next = 0;
  return {
    url: target.url,
    headers: target.headers ?? {},
    requests: [{
      setupRequest(req) {
        req.path = target.paths[next % target.paths.length];
        next += 1;
        return req;
      },
    }],
  };
}

/** autocannon against A and B in the order A B B A, `SLICE_S` s each; summed per side. */
export async function abba(a, b, options = {}) {
  const runs = { a: [], b: [] };
  for (const side of ['a', 'b', 'b', 'a']) {
    const target = side === 'a' ? a : b;
    runs[side].push(await cannon({ duration: SLICE_S, connections: 10, ...options, ...cannonTarget(target) }));
  }
  const combine = (list) => {
    const ok = list.reduce((s, r) => s + r.ok, 0);
    const seconds = list.reduce((s, r) => s + r.durationS, 0);
    return {
      rps: ok / seconds,
      p50: Math.max(...list.map((r) => r.p50)),
      p99: Math.max(...list.map((r) => r.p99)),
      ok,
      bad: list.reduce((s, r) => s + r.non2xx + r.errors + r.timeouts, 0),
    };
  };
  return { a: combine(runs.a), b: combine(runs.b) };
}

const fmtRps = (r) => `${Math.round(r)} req/s`;
const fmtMs = (ms) => `${ms < 10 ? ms.toFixed(2) : ms.toFixed(1)} ms`;

export async function catalogFigures({ sandbox, bff, token }) {
  const direct = { url: `${sandbox.fhirBase}/$get-offers-context?${INCLUDE_ALL}`, headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json' } };
  const viaBff = { url: `${bff.url}/fhir/$get-offers-context?${INCLUDE_ALL}`, headers: { accept: 'application/fhir+json' } };

  await sandbox.knob('setLatency', 0);
  // Same payload both ways, and the BFF's cache is warm before anything is timed.
  const upstreamBundle = await requestJson(direct.url, { headers: direct.headers });
  for (let i = 0; i < 5; i += 1) await requestJson(viaBff.url, { headers: viaBff.headers });
  await cannon({ duration: 1, connections: 10, url: viaBff.url, headers: viaBff.headers });
  await cannon({ duration: 1, connections: 10, url: direct.url, headers: direct.headers });

  const throughput = await abba(direct, viaBff);
  const ratio3 = throughput.b.rps / throughput.a.rps;
  const rows = [{
    id: 'catalog-throughput',
    figure: 'BFF catalog throughput, warm cache (0 ms upstream)',
    baseline: `direct ${fmtRps(throughput.a.rps)}`,
    measured: `BFF ${fmtRps(throughput.b.rps)}`,
    ratio: `${ratio3.toFixed(2)}×`,
    budget: '≥ 1.0×',
    pass: ratio3 >= 1.0 && throughput.a.bad === 0 && throughput.b.bad === 0,
    values: { direct: throughput.a, bff: throughput.b, entries: upstreamBundle.entry?.length ?? 0 },
  }];

  await sandbox.knob('setLatency', 50);
  try {
    const latency = await sampleInterleaved({ direct, bff: viaBff }, { rounds: 40, warmup: 3 });
    const ratio4 = latency.bff.p50 / latency.direct.p50;
    rows.push({
      id: 'catalog-p50-remote',
      figure: 'BFF catalog p50, warm cache (50 ms upstream)',
      baseline: `direct p50 ${fmtMs(latency.direct.p50)}`,
      measured: `BFF p50 ${fmtMs(latency.bff.p50)}`,
      ratio: `${ratio4.toFixed(3)}×`,
      budget: '≤ 0.1×',
      pass: ratio4 <= 0.1,
      values: latency,
    });
  } finally {
    await sandbox.knob('setLatency', 0);
  }
  return rows;
}
