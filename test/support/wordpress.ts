/**
 * A real WordPress site for the plugin's suite, everything on free loopback ports in one temp
 * folder: MariaDB, Debian's WordPress served by `php -S`, a sandbox and a BFF, and a front door
 * that serves the site at `/` and the BFF at `/booking-api` on one origin (a same-site BFF, as the
 * plugin's README tells site owners to run it).
 *
 * Order matters as in scripts/stack.js: the front door's port is picked first, because its origin
 * is both WordPress's home URL and (under /booking-api) the BFF's public URL, which the sandbox's
 * OpenID provider must know as a redirect URI before it starts. The database and WordPress come up
 * beside the sandbox and the BFF; the front door listens last, once both sides can answer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '@itb/sandbox';
import { freePort } from '../../scripts/stack-parts.js';
import { BFF_PATH, startBff, startSandboxFor, type RunningBff } from './booking-backend.js';
import { startFrontDoor } from './front-door.js';
import { startMariaDb } from './mariadb.js';
import { startPhpServer, type RunningPhpServer } from './php-server.js';
import { waitFor } from './processes.js';
import { installWordPress, phpString, phpValue, type WordPressInstall } from './wordpress-install.js';

export interface WordPressPage {
  readonly id: number;
  /** Its permalink: `<origin>/?page_id=<id>` with plain permalinks, `<origin>/<slug>/` with `/%postname%/`. */
  readonly url: string;
}

export interface WordPressSite {
  /** The front door: `http://127.0.0.1:<port>`, WordPress's home and site URL. */
  readonly origin: string;
  readonly adminUser: string;
  readonly adminPassword: string;
  /** The BFF's public URL, `<origin>/booking-api`. */
  readonly bffPublic: string;
  /** The sandbox behind the BFF (its knobs show what got booked). */
  readonly sandbox: Sandbox;
  /** See {@link WordPressInstall.runPhp}. */
  runPhp(code: string): Promise<string>;
  /** Publish a page with `content` (post_content: shortcodes, block markup) as the admin. */
  createPage(title: string, content: string): Promise<WordPressPage>;
  /** Unzip a plugin zip into wp-content/plugins and activate `pluginFile` (e.g. `itb-booking/itb-booking.php`). */
  installPlugin(zip: string, pluginFile: string): Promise<void>;
  /** `update_option(name, value)`; resolves to what get_option reads back. */
  updateOption(name: string, value: unknown): Promise<unknown>;
  /** A user with `role` and a random password. */
  createUser(login: string, role: string): Promise<{ login: string; password: string }>;
  /** See {@link WordPressInstall.debugLog}. */
  debugLog(): string[];
  /** End every process and remove the temp folder. */
  stop(): Promise<void>;
}

/** How a caller times the start-up's steps (e.g. stepTimings' `timed`). */
type Timed = <T>(name: string, step: () => Promise<T>) => Promise<T>;

/** Start it all; on a failure, whatever had started is stopped again before the error is thrown. */
export async function startWordPressSite(options: { title?: string; permalinks?: string; timed?: Timed } = {}): Promise<WordPressSite> {
  const timed: Timed = options.timed ?? ((_name, step) => step());
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const bffPublic = `${origin}${BFF_PATH}`;
  const dir = mkdtempSync(join(tmpdir(), 'itb-wordpress-'));
  const stops: Array<() => Promise<unknown>> = [];
  const stop = async (): Promise<void> => {
    for (const close of stops.splice(0).reverse()) await close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const wordpress = (async (): Promise<WordPressInstall> => {
      const db = await timed('mariadb', () => startMariaDb(join(dir, 'db')));
      stops.push(() => db.stop());
      return timed('wordpress install', () => installWordPress(dir, { dbHost: db.host, origin, title: options.title, permalinks: options.permalinks }));
    })();
    const backend = (async (): Promise<{ sandbox: Sandbox; bff: RunningBff }> => {
      const sandbox = await timed('sandbox', () => startSandboxFor(origin, bffPublic));
      stops.push(() => sandbox.close());
      const bff = await timed('bff', () => startBff(sandbox, { publicUrl: bffPublic, allowedOrigins: [origin] }));
      stops.push(() => bff.close());
      return { sandbox, bff };
    })();
    // Both settled before going on, so a failure on one side never leaves the other running unstopped.
    const [installed, started] = await Promise.allSettled([wordpress, backend]);
    if (installed.status === 'rejected') throw installed.reason;
    if (started.status === 'rejected') throw started.reason;
    const wp = installed.value;
    const { sandbox, bff } = started.value;

    const php: RunningPhpServer = await timed('php -S', async () => startPhpServer({ root: wp.root, port: await freePort() }));
    stops.push(() => php.stop());
    const frontDoor = await startFrontDoor(port, [{ prefix: BFF_PATH, target: bff.url }, { prefix: '', target: php.origin }]);
    stops.push(() => frontDoor.stop());
    // Through the front door: the BFF has its system token, and WordPress renders a page.
    await timed('ready through the front door', async () => {
      await waitFor(`${bffPublic}/readyz`, php.output, async () => (await fetch(`${bffPublic}/readyz`, { signal: AbortSignal.timeout(5_000) })).ok, 30_000);
      await waitFor(`${origin}/`, php.output, async () => (await fetch(`${origin}/`, { signal: AbortSignal.timeout(10_000) })).ok, 30_000);
    });

    const json = async <T>(code: string): Promise<T> => JSON.parse(await wp.runPhp(code)) as T;
    return {
      origin,
      adminUser: wp.adminUser,
      adminPassword: wp.adminPassword,
      bffPublic,
      sandbox,
      runPhp: wp.runPhp,
      createPage: (title, content) => json<WordPressPage>(`
$id = wp_insert_post(['post_type' => 'page', 'post_status' => 'publish', 'post_title' => ${phpString(title)}, 'post_content' => ${phpString(content)}], true);
if (is_wp_error($id)) itb_test_fail($id);
echo json_encode(['id' => $id, 'url' => get_permalink($id)]);`),
      async installPlugin(zip, pluginFile) {
        await wp.runPhp(`
require_once ABSPATH . 'wp-admin/includes/file.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
if (!WP_Filesystem()) itb_test_fail('WP_Filesystem() could not start');
$unzipped = unzip_file(${phpString(zip)}, WP_PLUGIN_DIR);
if (is_wp_error($unzipped)) itb_test_fail($unzipped);
$activated = activate_plugin(${phpString(pluginFile)});
if (is_wp_error($activated)) itb_test_fail($activated);
if (!is_plugin_active(${phpString(pluginFile)})) itb_test_fail(${phpString(`${pluginFile} is not active after activate_plugin()`)});`);
      },
      updateOption: (name, value) => json<unknown>(`
update_option(${phpString(name)}, ${phpValue(value)});
echo json_encode(get_option(${phpString(name)}));`),
      async createUser(login, role) {
        const password = (await json<{ password: string }>(`
$password = wp_generate_password(24, false);
$id = wp_insert_user(['user_login' => ${phpString(login)}, 'user_pass' => $password, 'user_email' => ${phpString(`${login}@clinic.example`)}, 'role' => ${phpString(role)}]);
if (is_wp_error($id)) itb_test_fail($id);
echo json_encode(['password' => $password]);`)).password;
        return { login, password };
      },
      debugLog: wp.debugLog,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
