import { describe, expect, it } from 'vitest';
import { formatProfile, selfTimes, selfTimesByPlace, whereOf } from './cpu-profile.js';

const frame = (functionName, url, lineNumber = 0) => ({ functionName, url, lineNumber, columnNumber: 0, scriptId: '1' });

/** Root → handler → (JSON.parse, serialise); idle and program samples beside them. */
const PROFILE = {
  nodes: [
    { id: 1, callFrame: frame('(root)', '') },
    { id: 2, callFrame: frame('(idle)', '') },
    { id: 3, callFrame: frame('(program)', '') },
    { id: 4, callFrame: frame('findRoute', 'file:///srv/app/packages/bff/dist/routes/find.js', 41) },
    { id: 5, callFrame: frame('parse', '') },
    { id: 6, callFrame: frame('serialize', 'file:///srv/app/node_modules/fast-json-stringify/index.js', 9) },
    { id: 7, callFrame: frame('', 'file:///srv/app/node_modules/@fastify/compress/index.js', 3) },
  ],
  samples: [2, 4, 5, 5, 6, 3, 7, 4],
  timeDeltas: [9000, 1000, 2000, 2000, 3000, 5000, 1000, 1000],
};

describe('cpu profile summary', () => {
  it('names a place by its package, or by its path under packages/', () => {
    expect(whereOf('file:///srv/app/node_modules/@fastify/compress/index.js')).toBe('@fastify/compress');
    expect(whereOf('file:///srv/app/node_modules/a/node_modules/pino/lib/x.js')).toBe('a');
    expect(whereOf('file:///srv/app/packages/bff/dist/routes/find.js')).toBe('packages/bff/dist/routes/find.js');
    expect(whereOf('node:internal/http')).toBe('node:internal/http');
    expect(whereOf('')).toBe('(native)');
  });

  it('sums self time per function from the sample deltas, leaving idle and program out', () => {
    const { busyMs, rows } = selfTimes(PROFILE);
    expect(busyMs).toBe(10);
    expect(rows.map((r) => [r.name, r.ms])).toEqual([['parse', 4], ['serialize', 3], ['findRoute', 2], ['(anonymous)', 1]]);
    expect(rows[0].share).toBeCloseTo(0.4, 6);
    expect(rows[2].where).toBe('packages/bff/dist/routes/find.js:42');
  });

  it('sums self time per package or file', () => {
    expect(selfTimesByPlace(selfTimes(PROFILE)).map((p) => [p.place, p.ms])).toEqual([
      ['(native)', 4], ['fast-json-stringify', 3], ['packages/bff/dist/routes/find.js', 2], ['@fastify/compress', 1],
    ]);
  });

  it('prints time per answer when told how many answers the profile covers', () => {
    const text = formatProfile(PROFILE, { answers: 4 });
    expect(text).toContain('busy 10 ms over 4 answers (2.500 ms each)');
    expect(text).toMatch(/40\.0 %\s+1\.000 ms\/answer\s+parse/);
  });
});
