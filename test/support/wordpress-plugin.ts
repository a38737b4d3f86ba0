/**
 * The itb-booking plugin in a {@link WordPressSite}: installed from the zip the build makes, set up
 * as a site owner would, and wp-admin as an editor uses it in Chromium.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import type { WordPressSite } from './wordpress.js';
import { phpString } from './wordpress-install.js';

/** What `npm run build -w @itb/wordpress` makes. */
export const PLUGIN_ZIP = fileURLToPath(new URL('../../packages/wordpress/dist/itb-booking.zip', import.meta.url));
export const PLUGIN_FILE = 'itb-booking/itb-booking.php';
export const SETTINGS_OPTION = 'itb_booking_settings';
/** Settings → ITB Booking. */
export const SETTINGS_PAGE = '/wp-admin/options-general.php?page=itb-booking';
/** The handle the plugin registers the widget script under (WordPress prints `id="<handle>-js"`). */
export const WIDGET_HANDLE = 'itb-booking-widget';

/** The plugin's settings, as the option stores them. */
export interface PluginSettings {
  bff_url: string;
  locale: string;
  terms_url: string;
  script_source: 'bundled' | 'url';
  script_url: string;
}

/** Install and activate the built plugin, then save `settings` over the defaults. */
export async function installItbBooking(site: WordPressSite, settings: Partial<PluginSettings>): Promise<void> {
  if (!existsSync(PLUGIN_ZIP)) throw new Error(`${PLUGIN_ZIP} is missing: run npm run build (it builds the plugin's zip)`);
  await site.installPlugin(PLUGIN_ZIP, PLUGIN_FILE);
  await saveSettings(site, settings);
}

/** update_option over what is saved now (no form, so the form's sanitiser does not run). */
export async function saveSettings(site: WordPressSite, settings: Partial<PluginSettings>): Promise<PluginSettings> {
  const current: PluginSettings = { bff_url: '', locale: '', terms_url: '', script_source: 'bundled', script_url: '', ...(JSON.parse(await site.runPhp(`echo json_encode(get_option(${phpString(SETTINGS_OPTION)}, new stdClass()));`)) as Partial<PluginSettings>) };
  return await site.updateOption(SETTINGS_OPTION, { ...current, ...settings }) as PluginSettings;
}

/**
 * Turn the block editor's welcome guide off for `login`, as closing it once would (WordPress 6.1
 * keeps editor preferences in the `persisted_preferences` user meta), so no modal covers the editor.
 */
export async function skipEditorWelcomeGuide(site: WordPressSite, login: string): Promise<void> {
  await site.runPhp(`
global $wpdb;
$user = get_user_by('login', ${phpString(login)});
update_user_meta($user->ID, $wpdb->get_blog_prefix() . 'persisted_preferences', ['core/edit-post' => ['welcomeGuide' => false], '_modified' => gmdate('c')]);`);
}

/** Sign in at wp-login.php in `context`; resolves on the dashboard. */
export async function signInToWpAdmin(context: BrowserContext, site: WordPressSite, user = { login: site.adminUser, password: site.adminPassword }): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${site.origin}/wp-login.php`);
  await page.getByLabel('Username or Email Address').fill(user.login);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await Promise.all([
    page.waitForURL(`${site.origin}/wp-admin/`),
    page.getByRole('button', { name: 'Log In' }).click(),
  ]);
  return page;
}

/** The `src` of each widget script tag in `html`, in order (WordPress gives a script tag the id `<handle>-js`). */
export function widgetScripts(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => new RegExp(`\\bid=['"]${WIDGET_HANDLE}-js['"]`).test(tag))
    .map((tag) => (/\bsrc=['"]([^'"]*)['"]/.exec(tag)?.[1] ?? '').replace(/&amp;/g, '&'));
}

/** An attribute of the block selected in the block editor open in `page` (read from its data store). */
export async function selectedBlockAttribute(page: Page, name: string): Promise<unknown> {
  return page.evaluate((attribute) => {
    const { wp } = window as unknown as { wp: { data: { select(store: 'core/block-editor'): { getSelectedBlock(): { attributes: Record<string, unknown> } | null } } } };
    return wp.data.select('core/block-editor').getSelectedBlock()?.attributes[attribute];
  }, name);
}

/** The `<itb-booking …>` start tags in `html`, each as its attributes. */
export function widgetElements(html: string): Array<Record<string, string>> {
  return [...html.matchAll(/<itb-booking\b([^>]*)>/g)].map((m) => Object.fromEntries([...m[1]!.matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])));
}
