/**
 * Debian's WordPress installed into a temp folder, and PHP run inside it. The copy gets its own
 * wp-config.php (Debian's reads /etc/wordpress), WordPress installs itself through `wp_install()`
 * from a PHP script that loads wp-load.php, and {@link WordPressInstall.runPhp} runs any snippet in
 * that WordPress with the php CLI: how the suite installs the plugin, sets options and makes pages,
 * through WordPress's own functions rather than SQL.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** Debian's `wordpress` package; a copy of it is installed per suite. */
const DEBIAN_WORDPRESS = '/usr/share/wordpress';
const PHP = '/usr/bin/php';

export interface WordPressInstall {
  /** The document root. */
  readonly root: string;
  readonly adminUser: string;
  readonly adminPassword: string;
  readonly adminEmail: string;
  /**
   * Run `code` (PHP without the opening tag) after wp-load.php, as the admin user, and return what
   * it printed. Fails with its output and the debug log's new lines when PHP exits non-zero;
   * `itb_test_fail($value)` (a WP_Error or anything printable) makes the snippet fail that way.
   */
  runPhp(code: string): Promise<string>;
  /** debug.log's lines so far (WP_DEBUG_LOG), without core's own PHP 8.2 deprecation notices. */
  debugLog(): string[];
}

/** `text` as a PHP single-quoted string literal. */
export function phpString(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** `value` as a PHP expression (through JSON, so arrays become associative arrays). */
export function phpValue(value: unknown): string {
  return `json_decode(${phpString(JSON.stringify(value))}, true)`;
}

function secret(): string {
  return randomBytes(32).toString('base64url');
}

function wpConfig(options: { dbHost: string; origin: string; debugLog: string }): string {
  const define = (name: string, value: string | boolean): string => `define(${phpString(name)}, ${typeof value === 'boolean' ? String(value) : phpString(value)});`;
  const salts = ['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'];
  return [
    '<?php',
    '// Written by test/support/wordpress-install.ts for one test run.',
    define('DB_NAME', 'wordpress'),
    define('DB_USER', 'root'),
    define('DB_PASSWORD', ''),
    define('DB_HOST', options.dbHost),
    define('DB_CHARSET', 'utf8mb4'),
    define('DB_COLLATE', ''),
    ...salts.map((name) => define(name, secret())),
    "$table_prefix = 'wp_';",
    // Notices go to a file outside the document root, never into a page.
    define('WP_DEBUG', true),
    define('WP_DEBUG_LOG', options.debugLog),
    define('WP_DEBUG_DISPLAY', false),
    define('FS_METHOD', 'direct'),
    // The front door's origin, whatever Host a request came with.
    define('WP_HOME', options.origin),
    define('WP_SITEURL', options.origin),
    define('DISABLE_WP_CRON', true),
    define('AUTOMATIC_UPDATER_DISABLED', true),
    // No calls to wordpress.org from a test; loopback (the BFF, the site itself) stays reachable.
    define('WP_HTTP_BLOCK_EXTERNAL', true),
    "if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');",
    "require_once ABSPATH . 'wp-settings.php';",
    '',
  ].join('\n');
}

/** Dropped in as a must-use plugin: what a test machine lacks, switched off. */
const TEST_SITE_MU_PLUGIN = `<?php
// No mail transfer agent here: WordPress's own mails (new site, new user) are dropped as if sent,
// instead of PHP calling a missing /usr/sbin/sendmail.
add_filter('pre_wp_mail', '__return_true');
// No wordpress.org either (WP_HTTP_BLOCK_EXTERNAL): the update checks that admin pages start would
// only fail, each with a PHP warning in debug.log.
remove_action('admin_init', '_maybe_update_core');
remove_action('admin_init', '_maybe_update_plugins');
remove_action('admin_init', '_maybe_update_themes');
// …nor wordpress.org's list of translations, which wp-login.php's language menu asks for.
add_filter('translations_api', static fn () => ['translations' => []]);
`;

/**
 * Copy Debian's WordPress to `dir`/site and install it against the database at `dbHost` (root,
 * no password) for a site served at `origin`. `permalinks` is the permalink structure: `''` (the
 * default) for plain ones (`/?page_id=2`), or e.g. `/%postname%/`, which `php -S` serves without
 * rewrite rules because it hands every path that is not a file to index.php.
 */
export async function installWordPress(dir: string, options: { dbHost: string; origin: string; title?: string; permalinks?: string }): Promise<WordPressInstall> {
  const root = join(dir, 'site');
  const scripts = join(dir, 'php');
  mkdirSync(scripts, { recursive: true });
  const debugLogFile = join(scripts, 'debug.log');
  // -L: Debian may ship parts of wp-content as symlinks into /var/lib/wordpress.
  await run('cp', ['-rL', DEBIAN_WORDPRESS, root]);
  writeFileSync(join(root, 'wp-config.php'), wpConfig({ dbHost: options.dbHost, origin: options.origin, debugLog: debugLogFile }));
  mkdirSync(join(root, 'wp-content', 'mu-plugins'), { recursive: true });
  writeFileSync(join(root, 'wp-content', 'mu-plugins', 'itb-test-site.php'), TEST_SITE_MU_PLUGIN);

  const host = new URL(options.origin).host;
  const serverVars = [
    `$_SERVER['HTTP_HOST'] = ${phpString(host)};`,
    `$_SERVER['SERVER_NAME'] = ${phpString(new URL(options.origin).hostname)};`,
    `$_SERVER['SERVER_PORT'] = ${phpString(new URL(options.origin).port)};`,
    "$_SERVER['REQUEST_URI'] = '/';",
  ].join('\n');
  const failFunction = `function itb_test_fail($what) {
  fwrite(STDERR, is_wp_error($what) ? implode('; ', $what->get_error_messages()) . ' (' . $what->get_error_code() . ')' : print_r($what, true));
  exit(1);
}`;
  let count = 0;
  const logSize = (): number => (existsSync(debugLogFile) ? statSync(debugLogFile).size : 0);
  const readLog = (from = 0): string[] => (existsSync(debugLogFile) ? readFileSync(debugLogFile).subarray(from).toString('utf8') : '')
    .split('\n')
    // WordPress 6.1 predates PHP 8.2 and logs deprecations of its own on every request.
    .filter((line) => line.trim() !== '' && !(line.includes('PHP Deprecated:') && (line.includes(`${root}/wp-includes/`) || line.includes(`${root}/wp-admin/`))));

  const runFile = async (body: string): Promise<string> => {
    count += 1;
    const file = join(scripts, `snippet-${count}.php`);
    writeFileSync(file, `<?php\n${body}\n`);
    const logFrom = logSize();
    try {
      const { stdout } = await run(PHP, [file], { cwd: root, maxBuffer: 16 * 1024 * 1024, timeout: 60_000 });
      return stdout;
    } catch (error) {
      const failed = error as { code?: number; stdout?: string; stderr?: string };
      throw new Error([
        `php ${file} failed (exit ${String(failed.code)})`,
        `stdout: ${failed.stdout ?? ''}`,
        `stderr: ${failed.stderr ?? ''}`,
        `debug.log: ${readLog(logFrom).join('\n')}`,
      ].join('\n'), { cause: error });
    }
  };

  const adminUser = 'editor-admin';
  const adminPassword = secret();
  const adminEmail = 'editor-admin@clinic.example';
  const [dbHostName, dbPort] = options.dbHost.split(':');
  await runFile([
    serverVars,
    // The database first: WordPress only connects to one that exists.
    `$db = new mysqli(${phpString(dbHostName ?? '127.0.0.1')}, 'root', '', '', ${Number(dbPort)});`,
    "$db->query('CREATE DATABASE IF NOT EXISTS wordpress CHARACTER SET utf8mb4');",
    '$db->close();',
    "define('WP_INSTALLING', true);",
    `require ${phpString(join(root, 'wp-load.php'))};`,
    "require_once ABSPATH . 'wp-admin/includes/upgrade.php';",
    failFunction,
    `$installed = wp_install(${phpString(options.title ?? 'Fjordvik Tandvård')}, ${phpString(adminUser)}, ${phpString(adminEmail)}, true, '', ${phpString(adminPassword)}, 'en_US');`,
    "if (is_wp_error($installed['user_id'] ?? null)) itb_test_fail($installed['user_id']);",
    'global $wp_rewrite;',
    `$wp_rewrite->set_permalink_structure(${phpString(options.permalinks ?? '')});`,
    // Soft: the rules go to the database, no .htaccess (php -S would not read one).
    '$wp_rewrite->flush_rules(false);',
  ].join('\n'));

  return {
    root,
    adminUser,
    adminPassword,
    adminEmail,
    runPhp: (code) => runFile([
      serverVars,
      `require ${phpString(join(root, 'wp-load.php'))};`,
      failFunction,
      `wp_set_current_user(get_user_by('login', ${phpString(adminUser)})->ID);`,
      code,
    ].join('\n')),
    debugLog: () => readLog(),
  };
}
