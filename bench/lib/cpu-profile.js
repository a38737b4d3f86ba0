/**
 * Reading a V8 `.cpuprofile` (what `node --cpu-prof` writes) as a short table: where a process spent
 * its CPU, by function, own time only ("self"), so the hot spots of a figure can be shown beside it
 * (`npm run bench -- --cpu-prof`). Samples are weighted by their time deltas, as DevTools does.
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `node_modules/<pkg>/…` → `<pkg>` (scoped too); our own files keep their path from `packages/`. */
export function whereOf(url) {
  if (url === '') return '(native)';
  const path = url.replace(/^file:\/\//, '');
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (modules) return modules[1];
  const ours = /\/(packages\/.+)$/.exec(path);
  if (ours) return ours[1];
  return path.startsWith('node:') ? path : path.split('/').slice(-2).join('/');
}

/**
 * Self time per function (name + file + line) in ms, largest first, with its share of the sampled
 * time. `(idle)` and `(program)` are left out of the shares: they are not the process's work.
 */
export function selfTimes(profile) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFunction = new Map();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = nodes.get(id).callFrame;
    const name = functionName || '(anonymous)';
    if (name === '(idle)' || name === '(program)') continue;
    const key = `${name} ${url}:${lineNumber}`;
    const entry = byFunction.get(key) ?? { name, where: `${whereOf(url)}${url ? `:${lineNumber + 1}` : ''}`, ms: 0 };
    entry.ms += us / 1000;
    byFunction.set(key, entry);
  }
  const rows = [...byFunction.values()].sort((a, b) => b.ms - a.ms);
  const busyMs = rows.reduce((sum, r) => sum + r.ms, 0);
  return { busyMs, rows: rows.map((r) => ({ ...r, share: busyMs === 0 ? 0 : r.ms / busyMs })) };
}

/** Self time summed by package or file (`where` without the line), from {@link selfTimes}' result. */
export function selfTimesByPlace({ busyMs, rows }) {
  const byPlace = new Map();
  for (const row of rows) {
    const place = row.where.replace(/:\d+$/, '');
    byPlace.set(place, (byPlace.get(place) ?? 0) + row.ms);
  }
  return [...byPlace].map(([place, ms]) => ({ place, ms, share: busyMs === 0 ? 0 : ms / busyMs })).sort((a, b) => b.ms - a.ms);
}

/** The newest `.cpuprofile` in `dir` (node names them by time and pid), parsed, or undefined. */
export function newestProfile(dir) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort();
  const newest = files.at(-1);
  return newest === undefined ? undefined : { file: join(dir, newest), profile: JSON.parse(readFileSync(join(dir, newest), 'utf8')) };
}

/** A plain-text table of the `top` functions and places, per answer when `answers` is given. */
export function formatProfile(profile, { top = 15, answers } = {}) {
  const times = selfTimes(profile);
  const { busyMs, rows } = times;
  const per = (ms) => (answers ? `${(ms / answers).toFixed(3)} ms/answer` : `${ms.toFixed(0)} ms`);
  const pct = (share) => `${(share * 100).toFixed(1).padStart(5)} %`;
  const lines = [`busy ${busyMs.toFixed(0)} ms${answers ? ` over ${answers} answers (${(busyMs / answers).toFixed(3)} ms each)` : ''}`, '', 'by package or file (self time):'];
  for (const p of selfTimesByPlace(times).slice(0, top)) lines.push(`  ${pct(p.share)}  ${per(p.ms).padStart(18)}  ${p.place}`);
  lines.push('', 'by function (self time):');
  for (const r of rows.slice(0, top)) lines.push(`  ${pct(r.share)}  ${per(r.ms).padStart(18)}  ${r.name}  ${r.where}`);
  return lines.join('\n');
}
