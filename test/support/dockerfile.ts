/**
 * What deploy/Dockerfile's final stage runs, read from the file itself (ENV, WORKDIR, CMD, the
 * HEALTHCHECK command, EXPOSE), so the production-bundle test starts the bundle as the image does
 * and a change to the image's command or settings changes what the test runs.
 */
import { readFileSync } from 'node:fs';

export interface RuntimeStage {
  readonly workdir: string;
  readonly env: Readonly<Record<string, string>>;
  /** CMD in exec form. */
  readonly cmd: readonly string[];
  /** HEALTHCHECK's CMD in exec form. */
  readonly healthcheck: readonly string[];
  readonly exposed: readonly number[];
  /** The stage's USER. */
  readonly user: string | undefined;
}

/** `KEY=value` pairs of one ENV instruction (values may be double-quoted; no spaces otherwise). */
function envPairs(args: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const match of args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|\S*)/g)) {
    const [, name = '', raw = ''] = match;
    pairs.push([name, raw.startsWith('"') ? (JSON.parse(raw) as string) : raw]);
  }
  return pairs;
}

function execForm(args: string, what: string): string[] {
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === 'string')) throw new Error(`${what} is not in exec form: ${args}`);
  return parsed;
}

/** The last stage of the Dockerfile at `path`. */
export function readRuntimeStage(path: string): RuntimeStage {
  const instructions = readFileSync(path, 'utf8')
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const space = line.search(/\s/);
      return { keyword: line.slice(0, space).toUpperCase(), args: line.slice(space + 1).trim() };
    });
  const lastFrom = instructions.map((i) => i.keyword).lastIndexOf('FROM');
  const stage = instructions.slice(lastFrom + 1);
  const env: Record<string, string> = {};
  let workdir = '/';
  let cmd: string[] | undefined;
  let healthcheck: string[] | undefined;
  let user: string | undefined;
  const exposed: number[] = [];
  for (const { keyword, args } of stage) {
    if (keyword === 'ENV') for (const [name, value] of envPairs(args)) env[name] = value;
    else if (keyword === 'WORKDIR') workdir = args;
    else if (keyword === 'CMD') cmd = execForm(args, 'CMD');
    else if (keyword === 'USER') user = args;
    else if (keyword === 'EXPOSE') exposed.push(...args.split(/\s+/).map((port) => Number.parseInt(port, 10)));
    else if (keyword === 'HEALTHCHECK') {
      const at = args.indexOf('CMD ');
      if (at === -1) throw new Error(`HEALTHCHECK without CMD: ${args}`);
      healthcheck = execForm(args.slice(at + 'CMD '.length).trim(), 'HEALTHCHECK CMD');
    }
  }
  if (cmd === undefined || healthcheck === undefined) throw new Error(`${path}: the final stage needs CMD and HEALTHCHECK`);
  return { workdir, env, cmd, healthcheck, exposed, user };
}
