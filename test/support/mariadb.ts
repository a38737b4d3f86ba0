/**
 * Debian's MariaDB for one suite: a fresh data directory in `dir`, the server on a free loopback
 * port (and a socket in `dir`), no option files read, so nothing of the machine's own MariaDB
 * set-up applies and nothing of ours outlives {@link RunningMariaDb.stop}.
 */
import { execFile, spawn } from 'node:child_process';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../scripts/stack-parts.js';
import { waitFor, watchChild } from './processes.js';

const run = promisify(execFile);
const INSTALL_DB = '/usr/bin/mariadb-install-db';
const SERVER = '/usr/sbin/mariadbd';

export interface RunningMariaDb {
  /** `127.0.0.1:<port>`, as WordPress's DB_HOST takes it. */
  readonly host: string;
  readonly port: number;
  /** Root logs in without a password, over TCP from 127.0.0.1 or the socket. */
  readonly user: 'root';
  stop(): Promise<void>;
}

/** Create a data directory under `dir` and start the server on it; resolves once it accepts connections. */
export async function startMariaDb(dir: string): Promise<RunningMariaDb> {
  const datadir = join(dir, 'data');
  // mariadbd refuses to run as root unless told to, and --user names the account it runs as.
  const user = userInfo().username;
  // `normal`: root@localhost/127.0.0.1 without a password, instead of unix-socket auth tied to the OS user.
  await run(INSTALL_DB, ['--no-defaults', `--datadir=${datadir}`, `--user=${user}`, '--auth-root-authentication-method=normal', '--skip-test-db', '--skip-name-resolve'], { maxBuffer: 4 * 1024 * 1024 });
  const port = await freePort();
  const child = spawn(SERVER, [
    '--no-defaults',
    `--datadir=${datadir}`,
    `--socket=${join(dir, 'db.sock')}`,
    `--pid-file=${join(dir, 'db.pid')}`,
    `--port=${port}`,
    '--bind-address=127.0.0.1',
    `--user=${user}`,
    '--skip-name-resolve',
    '--skip-log-bin',
    // A test site's tables fit in a few MB; the default 128 MB pool only costs start-up time.
    '--innodb-buffer-pool-size=32M',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = watchChild(child, 'mariadbd');
  try {
    await waitFor(`MariaDB on 127.0.0.1:${port}`, output, async () => output.text().includes('ready for connections'), 30_000);
  } catch (error) {
    await output.stop();
    throw error;
  }
  return { host: `127.0.0.1:${port}`, port, user: 'root', stop: () => output.stop() };
}
