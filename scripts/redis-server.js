/**
 * A real Redis for one test suite or bench run: Debian's `redis-server` on a free loopback port with
 * its own temporary directory, no persistence, stopped (and the directory removed) by `stop()`.
 * `kill()` ends it abruptly, as a crash or a network cut would look to its clients.
 * @module
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './stack-parts.js';

/** Where Debian installs it; REDIS_SERVER overrides (e.g. a Valkey build). */
const BINARY = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';

/**
 * Start a redis-server and resolve once it accepts connections.
 * @param {{ port?: number }} [options] reuse a port (to bring a killed server back at the same address)
 * @returns {Promise<{ url: string, port: number, stop(): Promise<void>, kill(): Promise<void> }>}
 */
export async function startRedisServer(options = {}) {
  const port = options.port ?? await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'itb-redis-'));
  const child = spawn(BINARY, [
    '--port', String(port), '--bind', '127.0.0.1', '--dir', dir,
    '--save', '', '--appendonly', 'no', '--protected-mode', 'yes', '--loglevel', 'notice',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let output = '';
  await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      if (output.length < 65_536) output += chunk;
      if (output.includes('Ready to accept connections')) resolve(undefined);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (error) => reject(new Error(`cannot start ${BINARY} (apt-get install redis-server): ${error.message}`)));
    void exited.then((code) => reject(new Error(`redis-server exited (${code}) before it was ready:\n${output}`)));
  });
  const end = async (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
  };
}
