/**
 * How long each slow step of a suite took (packing, installing, starting), written beside the
 * suite's artefacts so a slow CI run shows where the time went.
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS } from './paths.js';

/** A recorder: `timed(name, step)` runs and times a step; `write()` saves the timings as JSON. */
export function stepTimings(suite: string): {
  timed<T>(name: string, step: () => Promise<T>): Promise<T>;
  write(): void;
} {
  const timings: Record<string, number> = {};
  return {
    async timed(name, step) {
      const started = performance.now();
      try {
        return await step();
      } finally {
        timings[name] = Math.round(performance.now() - started);
      }
    },
    write() {
      const dir = join(ARTIFACTS, suite);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
    },
  };
}
