/**
 * Figures 5–7, availability (`GET /fhir/Appointment/$find`):
 *   5. pass-through overhead for one practitioner with the BFF's find cache off, against the same
 *      `$find` made directly to the sandbox, both asked with the same Accept-Encoding: BFF process
 *      CPU per answer (/proc, 400 sequential answers), added median latency (one request at a time,
 *      interleaved), and, as information, throughput (autocannon, 10 connections, A-B-B-A) and the
 *      CPU when the BFF brotli-compresses;
 *   6. "any practitioner" over 10 practitioners against one practitioner, both through the BFF with
 *      the sandbox at 100 ms added latency (the fan-out must run in parallel);
 *   7. a burst of 200 identical concurrent `$find` calls on a cold cache, counting the calls the
 *      sandbox receives (coalescing).
 * @module
 */
import { readFileSync } from 'node:fs';
import { cannon, percentile, request, requestJson, sampleInterleaved } from '../lib/load.js';
import { bookableOffers, findQuery, mondayIso, window } from '../lib/seed.js';
import { abba, cannonTarget } from './catalog.js';

const fmtMs = (ms) => `${ms < 10 ? ms.toFixed(2) : ms.toFixed(1)} ms`;
const fmtRps = (r) => `${Math.round(r)} req/s`;

/** CPU time (user + system) a process has used, in ms (Linux /proc; clock ticks of 10 ms). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * CPU per answer of the process `pid` over `rounds` sequential GETs of `paths` (one at a time, so
 * nothing is coalesced), after a warm-up; every answer must be 200.
 */
async function cpuPerAnswer(pid, target, paths, rounds = 400) {
  const origin = new URL(target.url).origin;
  const get = async (i) => {
    const answer = await request(`${origin}${paths[i % paths.length]}`, { headers: target.headers });
    if (answer.status !== 200) throw new Error(`${paths[0]} answered ${answer.status}: ${answer.body.slice(0, 200)}`);
  };
  for (let i = 0; i < 40; i += 1) await get(i);
  const before = cpuMs(pid);
  for (let i = 0; i < rounds; i += 1) await get(i);
  return (cpuMs(pid) - before) / rounds;
}

/** Appointment entries in a searchset, and OperationOutcome entries (failed practitioners). */
function countEntries(bundle) {
  const entries = Array.isArray(bundle?.entry) ? bundle.entry : [];
  return {
    appointments: entries.filter((e) => e.resource?.resourceType === 'Appointment').length,
    outcomes: entries.filter((e) => e.resource?.resourceType === 'OperationOutcome').length,
  };
}

/** The treatment offered by most bookable practitioners, and those practitioners' offers. */
export function busiestTreatment(catalog) {
  const byTreatment = new Map();
  for (const offer of bookableOffers(catalog)) {
    const list = byTreatment.get(offer.treatmentId) ?? [];
    list.push(offer);
    byTreatment.set(offer.treatmentId, list);
  }
  const [treatmentId, offers] = [...byTreatment].sort((a, b) => b[1].length - a[1].length)[0];
  return { treatment: catalog.treatments.get(treatmentId), offers };
}

/** Upstream `$find` calls the sandbox has counted (the path may be recorded encoded or not). */
export async function upstreamFindCount(sandbox) {
  return (await sandbox.knob('requestCount', '$find')) + (await sandbox.knob('requestCount', '%24find'));
}

export async function passThroughFigure({ sandbox, bff, token, catalog }) {
  const { treatment, offers } = busiestTreatment(catalog);
  const offer = offers[0];
  const query = findQuery({ ...window(mondayIso(1)), visitType: treatment.visitType, clinicId: offer.clinicId, practitionerRoleIds: [offer.practitionerRoleId] });
  // Both sides are asked with the same Accept-Encoding (none: the sandbox never compresses, so the
  // BFF does exactly the pass-through work); the CPU with brotli is an informative row below.
  const direct = { url: `${sandbox.fhirBase}/Appointment/$find?${query}`, headers: { authorization: `Bearer ${token}`, accept: 'application/fhir+json' } };
  const viaBff = { url: `${bff.url}/fhir/Appointment/$find?${query}`, headers: { accept: 'application/fhir+json' } };

  await sandbox.knob('setLatency', 0);
  const upstream = countEntries(await requestJson(direct.url, { headers: direct.headers }));
  const through = countEntries(await requestJson(viaBff.url, { headers: viaBff.headers }));
  if (upstream.appointments === 0) throw new Error('the chosen practitioner has no free times next week; the figure would measure nothing');
  if (through.appointments !== upstream.appointments) throw new Error(`the BFF returned ${through.appointments} times, the sandbox ${upstream.appointments}`);

  await sandbox.knob('resetCounts');
  const latency = await sampleInterleaved({ direct, bff: viaBff }, { rounds: 200, warmup: 20 });
  // With the cache off every BFF answer must have come from upstream: 220 + 220 calls.
  const calls = await upstreamFindCount(sandbox);

  // Under load, concurrent identical searches would be coalesced by the BFF even with its cache off;
  // 60 windows shifted by a minute each keep the 10 in-flight requests different, so every BFF
  // request is a real pass-through, as every direct one is.
  const variants = Array.from({ length: 60 }, (_, i) => {
    const start = window(mondayIso(1)).start.replace('T00:00:00', `T00:${String(i).padStart(2, '0')}:00`);
    return findQuery({ start, end: window(mondayIso(1)).end, visitType: treatment.visitType, clinicId: offer.clinicId, practitionerRoleIds: [offer.practitionerRoleId] });
  });
  const directPaths = { ...direct, paths: variants.map((q) => `${new URL(direct.url).pathname}?${q}`) };
  const bffPaths = { ...viaBff, paths: variants.map((q) => `${new URL(viaBff.url).pathname}?${q}`) };
  // Process CPU per uncached answer (issue 14): the BFF's, beside the sandbox's for the same answer.
  const cpu = {
    bff: await cpuPerAnswer(bff.pid, viaBff, bffPaths.paths),
    direct: await cpuPerAnswer(sandbox.pid, direct, directPaths.paths),
    bffBrotli: await cpuPerAnswer(bff.pid, { ...viaBff, headers: { ...viaBff.headers, 'accept-encoding': 'br' } }, bffPaths.paths),
  };
  await cannon({ duration: 1, connections: 10, ...cannonTarget(bffPaths) });
  const throughput = await abba(directPaths, bffPaths);
  const added = latency.bff.p50 - latency.direct.p50;
  const ratio = throughput.b.rps / throughput.a.rps;
  const values = { latency, cpuMsPerAnswer: cpu, throughput: { direct: throughput.a, bff: throughput.b }, upstreamCallsDuringSampling: calls, times: upstream.appointments, practitionerRoleId: offer.practitionerRoleId };
  return [{
    id: 'find-bff-cpu',
    figure: 'BFF CPU per uncached $find, 1 practitioner (same Accept-Encoding: none)',
    baseline: `sandbox ${fmtMs(cpu.direct)} per answer`,
    measured: `BFF ${fmtMs(cpu.bff)} per answer`,
    ratio: `${(cpu.bff / cpu.direct).toFixed(2)}×`,
    budget: '≤ 1.0 ms',
    pass: cpu.bff <= 1.0,
    values,
  }, {
    id: 'find-bff-cpu-brotli',
    figure: 'BFF CPU per uncached $find with Accept-Encoding: br (brotli q4)',
    baseline: `identity ${fmtMs(cpu.bff)}`,
    measured: `BFF ${fmtMs(cpu.bffBrotli)} per answer`,
    ratio: `${(cpu.bffBrotli / cpu.bff).toFixed(2)}×`,
    budget: '— (information)',
    pass: true,
    informative: true,
    values,
  }, {
    id: 'find-overhead-p50',
    figure: 'BFF $find added p50, 1 practitioner, cache off (same Accept-Encoding)',
    baseline: `direct p50 ${fmtMs(latency.direct.p50)}`,
    measured: `BFF p50 ${fmtMs(latency.bff.p50)} (+${fmtMs(added)})`,
    ratio: `${(latency.bff.p50 / latency.direct.p50).toFixed(2)}×`,
    budget: 'added ≤ 2 ms',
    pass: added <= 2 && calls === 440,
    values,
  }, {
    id: 'find-overhead-throughput',
    figure: 'BFF $find throughput, 1 practitioner, cache off',
    baseline: `direct ${fmtRps(throughput.a.rps)}`,
    measured: `BFF ${fmtRps(throughput.b.rps)}`,
    ratio: `${ratio.toFixed(2)}×`,
    budget: '— (information)',
    pass: throughput.a.bad === 0 && throughput.b.bad === 0,
    informative: true,
    values,
  }];
}

/**
 * Ten practitioners for "any practitioner", searched for one treatment as the widget does: the
 * practitioners offering the seed's most widely offered treatment (no clinic has ten, so they come
 * from several clinics, passed as repeated `practitionerRole`), topped up to ten with other bookable
 * practitioners, whose searches return no times for that treatment but still cost a full upstream
 * round trip each.
 */
function tenPractitioners(catalog) {
  const { treatment, offers } = busiestTreatment(catalog);
  const offering = [...new Set(offers.map((o) => o.practitionerRoleId))];
  const others = [...new Set(bookableOffers(catalog).map((o) => o.practitionerRoleId))].filter((id) => !offering.includes(id));
  const roles = [...offering, ...others].slice(0, 10);
  if (roles.length < 10) throw new Error(`the seed has only ${roles.length} bookable practitioners`);
  return { roles, visitType: treatment.visitType, withTimes: Math.min(offering.length, 10) };
}

export async function fanOutFigure({ sandbox, bff, catalog, fanoutConcurrency }) {
  const { roles, visitType, withTimes } = tenPractitioners(catalog);
  const win = window(mondayIso(1));
  const many = { url: `${bff.url}/fhir/Appointment/$find?${findQuery({ ...win, visitType, practitionerRoleIds: roles })}` };
  const one = { url: `${bff.url}/fhir/Appointment/$find?${findQuery({ ...win, visitType, practitionerRoleIds: [roles[0]] })}` };
  await sandbox.knob('setLatency', 100);
  try {
    const check = countEntries(await requestJson(many.url));
    if (check.outcomes > 0) throw new Error(`"any practitioner" over 10 reported ${check.outcomes} failed practitioner(s)`);
    await sandbox.knob('resetCounts');
    const latency = await sampleInterleaved({ one, many }, { rounds: 12, warmup: 2 });
    const calls = await upstreamFindCount(sandbox);
    const ratio = latency.many.p50 / latency.one.p50;
    return [{
      id: 'find-any-10',
      figure: `$find any of 10 practitioners (100 ms upstream, fan-out ${fanoutConcurrency})`,
      baseline: `1 practitioner p50 ${fmtMs(latency.one.p50)}`,
      measured: `10 practitioners p50 ${fmtMs(latency.many.p50)}`,
      ratio: `${ratio.toFixed(2)}×`,
      budget: '≤ 1.5×',
      // 14 rounds × (1 + 10) upstream calls: nothing was served from a cache.
      pass: ratio <= 1.5 && calls === 14 * 11,
      values: { latency, roles, visitType, practitionersOfferingTreatment: withTimes, appointments: check.appointments, upstreamCalls: calls, fanoutConcurrency },
    }];
  } finally {
    await sandbox.knob('setLatency', 0);
  }
}

export async function burstFigure({ sandbox, bff, catalog }) {
  const { treatment, offers } = busiestTreatment(catalog);
  const offer = offers[offers.length - 1];
  // A window no other figure asks for, so the BFF's find cache is cold for it.
  const query = findQuery({ ...window(mondayIso(3)), visitType: treatment.visitType, clinicId: offer.clinicId, practitionerRoleIds: [offer.practitionerRoleId] });
  const url = `${bff.url}/fhir/Appointment/$find?${query}`;
  await sandbox.knob('setLatency', 100);
  try {
    await sandbox.knob('resetCounts');
    const answers = await Promise.all(Array.from({ length: 200 }, () => request(url, { headers: { accept: 'application/fhir+json' } })));
    const calls = await upstreamFindCount(sandbox);
    const failed = answers.filter((a) => a.status !== 200).length;
    const ms = answers.map((a) => a.ms);
    return [{
      id: 'find-burst-coalescing',
      figure: 'burst of 200 identical $find, cold cache (100 ms upstream)',
      baseline: '200 requests',
      measured: `${calls} upstream call(s), ${failed} failed`,
      ratio: `${(calls / 200).toFixed(3)}×`,
      budget: '≤ 10 upstream calls',
      pass: calls <= 10 && calls >= 1 && failed === 0,
      values: { upstreamCalls: calls, failed, p50: percentile(ms, 50), p99: percentile(ms, 99) },
    }];
  } finally {
    await sandbox.knob('setLatency', 0);
  }
}
