/**
 * The servers under test, each in its own process: the sandbox (forked, knobs over IPC) and BFF
 * instances (the real CLI, packages/bff/dist/cli.js, configured through ITB_* variables exactly as
 * a partner runs it). The bench process itself only generates load and reads results.
 * @module
 */
import { fork, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../scripts/stack-parts.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BFF_CLI = fileURLToPath(new URL('../../packages/bff/dist/cli.js', import.meta.url));
const SANDBOX_CHILD = fileURLToPath(new URL('./sandbox-child.js', import.meta.url));

/**
 * Keep the last lines a child wrote, to explain a failed start without flooding the table; lines
 * matching `keep` are also kept apart, all of them (e.g. V8's full-GC traces).
 */
function tail(stream, lines = 40, keep = undefined) {
  const kept = [];
  let partial = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk) => {
    const parts = (partial + String(chunk)).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts.filter(Boolean)) {
      if (keep !== undefined && keep.test.test(line)) keep.lines.push(line);
      kept.push(line);
    }
    if (kept.length > lines) kept.splice(0, kept.length - lines);
  });
  return () => kept.join('\n');
}


/** Resident set size of a process in bytes (Linux /proc), or undefined when it is gone. */
export function rssOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

export async function waitUntilReady(url, timeoutMs = 30_000, isAlive = () => true) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`${url}: the process exited (${last})`);
    try {
      const answer = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await answer.body?.cancel();
      if (answer.ok) return;
      last = `HTTP ${answer.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms (${last})`);
}

/**
 * Fork the sandbox. `options` go to createSandbox (JSON-able: oidcClients, latencyMs…).
 * Returns its URLs, `knob(name, ...args)` and `close()`.
 */
export async function startSandbox(options = {}) {
  const child = fork(SANDBOX_CHILD, [], {
    cwd: ROOT,
    env: { ...process.env, BENCH_SANDBOX_OPTIONS: JSON.stringify(options) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const out = tail(child.stdout);
  const err = tail(child.stderr);
  const pending = new Map();
  let nextId = 1;
  let exited = false;
  const info = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start in 30 s\n${err()}`)), 30_000);
    child.on('message', (message) => {
      if (message?.ready) {
        clearTimeout(timer);
        resolve(message);
        return;
      }
      const call = pending.get(message?.id);
      if (call === undefined) return;
      pending.delete(message.id);
      if (message.ok) call.resolve(message.value);
      else call.reject(new Error(`sandbox knob ${call.method}: ${message.error}`));
    });
    child.once('exit', (code) => {
      exited = true;
      clearTimeout(timer);
      for (const call of pending.values()) call.reject(new Error(`sandbox exited (${code})`));
      pending.clear();
      reject(new Error(`sandbox exited with ${code} before it was ready\n${err()}\n${out()}`));
    });
  });
  const knob = (method, ...args) => new Promise((resolve, reject) => {
    if (exited) {
      reject(new Error('sandbox has exited'));
      return;
    }
    const id = nextId++;
    pending.set(id, { resolve, reject, method });
    child.send({ id, method, args });
  });
  return {
    ...info,
    pid: child.pid,
    knob,
    logs: () => `${out()}\n${err()}`,
    async close() {
      if (exited) return;
      const gone = new Promise((done) => child.once('exit', done));
      await knob('close').catch(() => {});
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
    },
  };
}


/**
 * Start one BFF process from the built CLI with `env` (ITB_* settings; ITB_BFF_PORT is picked free).
 * Returns `{ url, pid, rss(), close() }`. The BFF logs at warn unless env says otherwise: per-request
 * info logs would measure pino, not the BFF.
 */
export async function startBff(env, { name = 'bff', nodeArgs = [] } = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, BFF_CLI], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      ITB_LOG_LEVEL: 'warn',
      ...env,
      ITB_BFF_PORT: String(port),
      ITB_BFF_HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const spawnedAt = Date.now();
  const gc = { test: /Mark-Compact/, lines: [] };
  const out = tail(child.stdout, 200, gc);
  const err = tail(child.stderr);
  let exited = false;
  const exit = new Promise((done) => child.once('exit', (code) => {
    exited = true;
    done(code);
  }));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(`${url}/readyz`, 30_000, () => !exited);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${name} did not start: ${error.message}\n${err()}\n${out()}`);
  }
  return {
    name,
    url,
    pid: child.pid,
    rss: () => rssOf(child.pid),
    spawnedAt,
    /** Full-GC trace lines (only when started with --trace-gc). */
    gcLines: () => [...gc.lines],
    logs: () => `${out()}\n${err()}`,
    alive: () => !exited,
    async close() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 12_000);
      await exit;
      clearTimeout(timer);
    },
  };
}
