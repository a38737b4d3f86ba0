#!/usr/bin/env node
/**
 * `npm run bench`: measures the figures of issue 6 side by side with their baselines in one run,
 * prints a table, writes bench/results.json and exits non-zero when a budget is missed.
 *
 *   node bench/run.js [--only=size,widget,wire,catalog,find,fanout,burst,book,shared,memory] [--soak=300] [--rate=100]
 *                     [--memory-env=ITB_X=v,…] [--memory-node-args='--trace-gc']   (diagnosis of the memory figure's BFF)
 *                     [--cpu-prof]   (profile the cache-off BFF of the find figures; best with --only=find)
 *
 * The servers under test run in processes of their own (the sandbox forked, each BFF from its CLI);
 * this process generates the load, so the load generator never shares an event loop with them.
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { bookFigure } from './figures/book.js';
import { catalogFigures } from './figures/catalog.js';
import { burstFigure, fanOutFigure, passThroughFigure } from './figures/find.js';
import { memoryFigure } from './figures/memory.js';
import { sharedStoreFigures } from './figures/shared-store.js';
import { widgetSize } from './figures/size.js';
import { widgetRequests } from './figures/widget-requests.js';
import { wireFigures } from './figures/wire.js';
import { formatProfile, newestProfile } from './lib/cpu-profile.js';
import { bookableOffers, loadCatalog } from './lib/seed.js';
import { startBenchStack } from './lib/stack.js';
import { printTable } from './lib/table.js';
import { SETTINGS, defaultOf } from '../packages/bff/dist/index.js';

const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));
const PROFILES = fileURLToPath(new URL('./profiles/', import.meta.url));
const GROUPS = ['size', 'widget', 'wire', 'catalog', 'find', 'fanout', 'burst', 'book', 'shared', 'memory'];

function option(name, fallback) {
  const arg = process.argv.slice(2).find((a) => a.startsWith(`--${name}=`));
  return arg === undefined ? fallback : arg.slice(name.length + 3);
}

const only = option('only', undefined)?.split(',').map((s) => s.trim()) ?? GROUPS;
const unknown = only.filter((g) => !GROUPS.includes(g));
if (unknown.length > 0) {
  console.error(`unknown figure group(s): ${unknown.join(', ')}; known: ${GROUPS.join(', ')}`);
  process.exit(2);
}
const soakSeconds = Number(option('soak', process.env.BENCH_SOAK_SECONDS ?? 300));
const rate = Number(option('rate', 100));
// Diagnosis only: extra BFF settings for the memory figure, e.g. --memory-env=ITB_FIND_TTL_SECONDS=0.
const memoryNodeArgs = (option('memory-node-args', '') || '').split(' ').filter(Boolean);
const memoryEnv = Object.fromEntries((option('memory-env', '') || '').split(',').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
// The BFF's own default, so the figure follows the product rather than a copy of its setting.
const FANOUT_DEFAULT = Number(defaultOf(SETTINGS.ITB_FANOUT_CONCURRENCY));
// Diagnosis only: a V8 CPU profile of the BFF that serves the uncached $find figures, written when it
// stops and summarised (self time by package and by function) after the table.
const cpuProfile = process.argv.includes('--cpu-prof');

/**
 * The clinic and treatment the browser figures choose, by the names their radios carry: the
 * treatment at Stockholm City with the most bookable practitioners, because the widget skips the
 * practitioner step (and its "any practitioner") when a treatment has only one.
 */
function journeyOf(catalog) {
  const offers = bookableOffers(catalog);
  const clinicId = offers.some((o) => o.clinicId === 'hs-stockholm-city') ? 'hs-stockholm-city' : offers[0].clinicId;
  const practitioners = new Map();
  for (const offer of offers.filter((o) => o.clinicId === clinicId)) {
    practitioners.set(offer.treatmentId, (practitioners.get(offer.treatmentId) ?? new Set()).add(offer.practitionerRoleId));
  }
  const [treatmentId] = [...practitioners].sort((a, b) => b[1].size - a[1].size)[0];
  return { clinicName: catalog.clinics.get(clinicId).name, treatmentTitle: catalog.treatments.get(treatmentId).title };
}

const started = Date.now();
const rows = [];
const log = (message) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}\n`);

/** Run one group; a crash becomes a failed row that says why, and the run goes on. */
async function group(name, fn) {
  if (!only.includes(name)) return;
  log(`${name}…`);
  try {
    rows.push(...await fn());
  } catch (error) {
    rows.push({ id: name, figure: name, baseline: '—', measured: `error: ${(error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 160)}`, ratio: '—', budget: '—', pass: false, values: { error: String(error?.stack ?? error) } });
  }
}

let stack;
let exitCode = 0;
// Ctrl-C or SIGTERM: stop the servers this run started before leaving.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: stopping servers…`);
    Promise.resolve(stack?.close()).finally(() => process.exit(130));
  });
}
try {
  await group('size', () => widgetSize());
  if (only.some((g) => g !== 'size')) {
    log('starting sandbox and BFFs…');
    stack = await startBenchStack();
    const main = await stack.bff('bff-main');
    if (cpuProfile) mkdirSync(PROFILES, { recursive: true });
    const profiling = cpuProfile ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${PROFILES}`] } : {};
    const noFindCache = only.some((g) => g === 'find' || g === 'fanout') ? await stack.bff('bff-find-cache-off', { ITB_FIND_TTL_SECONDS: '0' }, profiling) : undefined;
    stack.demo.setBff(main.url);
    const token = await stack.systemToken();
    const catalog = await loadCatalog(stack.sandbox, token);
    const ctx = { sandbox: stack.sandbox, token, catalog, demoOrigin: stack.demoOrigin };

    await group('widget', () => widgetRequests({ demoOrigin: stack.demoOrigin, ...journeyOf(catalog) }));
    await group('wire', () => wireFigures({ bffUrl: main.url, ...journeyOf(catalog) }));
    await group('catalog', () => catalogFigures({ ...ctx, bff: main }));
    await group('find', () => passThroughFigure({ ...ctx, bff: noFindCache }));
    await group('fanout', () => fanOutFigure({ ...ctx, bff: noFindCache, fanoutConcurrency: FANOUT_DEFAULT }));
    await group('burst', () => burstFigure({ ...ctx, bff: main }));
    await group('book', () => bookFigure({ ...ctx, bff: main }));
    await group('shared', () => sharedStoreFigures({ ...ctx, stack, bff: main, bffHasBooked: only.includes('book') }));
    await noFindCache?.close();
    await group('memory', () => memoryFigure({ stack, catalog, soakSeconds, rate, env: memoryEnv, nodeArgs: memoryNodeArgs }));
  }
} catch (error) {
  console.error(`bench could not run: ${error instanceof Error ? error.stack : String(error)}`);
  exitCode = 2;
} finally {
  await stack?.close();
}

const seconds = (Date.now() - started) / 1000;
printTable(rows);
const profiled = cpuProfile ? newestProfile(PROFILES) : undefined;
if (profiled) console.log(`\nCPU profile of bff-find-cache-off (${profiled.file}):\n${formatProfile(profiled.profile)}`);
const failed = rows.filter((r) => !r.pass && !r.informative);
writeFileSync(RESULTS, `${JSON.stringify({
  date: new Date().toISOString(),
  durationSeconds: Math.round(seconds),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: Math.round(os.totalmem() / 1024 ** 3), node: process.version, platform: `${os.platform()} ${os.release()}` },
  groups: only,
  figures: rows,
}, null, 2)}\n`);
const counted = rows.filter((r) => !r.informative).length;
console.log(`\n${counted - failed.length}/${counted} within budget; ${Math.round(seconds)} s; results in bench/results.json`);
if (failed.length > 0) console.log(`missed: ${failed.map((r) => r.id).join(', ')}`);
process.exit(exitCode !== 0 ? exitCode : failed.length > 0 ? 1 : 0);
