/**
 * Debian's nginx running deploy/nginx.conf, rendered by deploy/render-nginx-conf.js, in a temporary
 * prefix on a free loopback port: what the nginx image does with that file in deploy/compose.yaml.
 * Around it sits only what the image's own main nginx.conf provides (events, mime types) plus
 * temp paths in the prefix, so it runs as any user, and an access log naming the upstream that
 * answered, so a test can see the round robin.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../scripts/stack-parts.js';
import { waitFor, type ChildOutput, watchChild } from './processes.js';

const RENDER = fileURLToPath(new URL('../../deploy/render-nginx-conf.js', import.meta.url));
/** Where Debian installs it; NGINX overrides. */
const BINARY = process.env.NGINX ?? '/usr/sbin/nginx';

export interface RunningNginx {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** `<upstream address> <method> <uri>` per request nginx passed to a BFF, in order. */
  upstreamLog(): string[];
  stop(): Promise<void>;
}

/** Start nginx with deploy/nginx.conf in front of `upstreams` (`host:port`), serving `siteRoot` at /. */
export async function startNginx(options: { upstreams: readonly string[]; siteRoot: string; port?: number }): Promise<RunningNginx> {
  const port = options.port ?? await freePort();
  const prefix = mkdtempSync(join(tmpdir(), 'itb-nginx-'));
  // Run as root, nginx's workers become nobody and need to reach their temp folders in here.
  chmodSync(prefix, 0o755);
  const rendered = spawnSync(process.execPath, [RENDER], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      BOOKING_LISTEN: `127.0.0.1:${port}`,
      BOOKING_BFF_SERVERS: options.upstreams.map((upstream) => `server ${upstream};`).join(' '),
      BOOKING_SITE_ROOT: options.siteRoot,
    },
  });
  if (rendered.status !== 0) {
    rmSync(prefix, { recursive: true, force: true });
    throw new Error(`render-nginx-conf failed: ${rendered.stderr}`);
  }
  writeFileSync(join(prefix, 'booking.conf'), rendered.stdout);
  const accessLog = join(prefix, 'upstreams.log');
  writeFileSync(join(prefix, 'nginx.conf'), [
    'worker_processes 1;',
    'events { worker_connections 256; }',
    'http {',
    '  include /etc/nginx/mime.types;',
    '  log_format upstreams \'$upstream_addr $request_method $uri\';',
    `  access_log ${accessLog} upstreams;`,
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `  ${kind}_temp_path ${join(prefix, kind)};`),
    `  include ${join(prefix, 'booking.conf')};`,
    '}',
    '',
  ].join('\n'));

  const child = spawn(BINARY, ['-p', `${prefix}/`, '-c', join(prefix, 'nginx.conf'), '-g', `daemon off; pid ${join(prefix, 'nginx.pid')}; error_log stderr;`], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: ChildOutput = watchChild(child, 'nginx');
  const origin = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    await output.stop();
    rmSync(prefix, { recursive: true, force: true });
  };
  try {
    // Any HTTP answer on the port means the workers accept connections.
    await waitFor(`nginx on ${origin}`, output, async () => (await fetch(`${origin}/`, { signal: AbortSignal.timeout(1000) })).status > 0);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    origin,
    upstreamLog: () => readFileSync(accessLog, 'utf8').split('\n').filter((line) => line !== '' && !line.startsWith('- ')),
    stop,
  };
}
