/**
 * PHP's built-in web server (`php -S`) on a loopback port, serving a document root. WordPress runs
 * on it without a router script: `php -S` already serves static files as they are, runs `.php`
 * files, answers a directory (`/wp-admin/`) with its index.php, and hands any other path to the
 * root's index.php.
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import { waitFor, watchChild, type ChildOutput } from './processes.js';

const PHP = '/usr/bin/php';

export interface RunningPhpServer {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  readonly output: ChildOutput;
  stop(): Promise<void>;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Serve `root` on 127.0.0.1:`port` with `workers` PHP processes.
 *
 * One `php -S` process answers one request at a time, so a page whose scripts call back into the
 * site (the block editor's REST requests, the plugin asking the BFF while a page waits) would queue
 * behind itself; PHP_CLI_SERVER_WORKERS (Linux, PHP 7.4+) forks that many workers on one socket.
 * The workers outlive a SIGTERM to the parent, so the server runs in its own process group and
 * `stop` signals the whole group.
 */
export async function startPhpServer(options: { root: string; port: number; workers?: number; env?: Record<string, string> }): Promise<RunningPhpServer> {
  const origin = `http://127.0.0.1:${options.port}`;
  const child = spawn(PHP, ['-S', `127.0.0.1:${options.port}`, '-t', options.root], {
    cwd: options.root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env, PHP_CLI_SERVER_WORKERS: String(options.workers ?? 4) },
  });
  const output = watchChild(child, 'php -S');
  const signalGroup = (signal: NodeJS.Signals): void => {
    // ESRCH: the group is gone already.
    if (child.pid !== undefined) try { process.kill(-child.pid, signal); } catch { /* ended */ }
  };
  const stop = async (): Promise<void> => {
    signalGroup('SIGTERM');
    await output.stop(5_000);
    signalGroup('SIGKILL');
  };
  try {
    await waitFor(`php -S on ${origin}`, output, () => accepts(options.port));
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, output, stop };
}
