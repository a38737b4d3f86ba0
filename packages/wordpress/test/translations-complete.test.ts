// Every string the plugin's code has today is translated, in every language we ship, with the same
// placeholders. The template is extracted afresh, so a string added without `npm run i18n` and a
// translation fails here rather than showing English to a Swedish or Norwegian admin.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import gettextParser from 'gettext-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULTS } from '../scripts/build.js';
import { extractPot, LOCALES } from '../scripts/i18n-extract.js';
import { placeholdersOf } from './placeholders.js';

type Entry = { msgctxt?: string; msgid: string; msgid_plural?: string; msgstr: string[]; comments?: { flag?: string } };

let work: string;
let template: Entry[];

function entriesOf(bytes: Buffer): Entry[] {
  return Object.values(gettextParser.po.parse(bytes).translations).flatMap((messages) => Object.values(messages) as Entry[]).filter((entry) => entry.msgid !== '');
}
const keyOf = (entry: Entry) => (entry.msgctxt === undefined ? entry.msgid : `${entry.msgctxt}\u0004${entry.msgid}`);

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'itb-wp-pot-'));
  const pot = path.join(work, 'itb-booking.pot');
  extractPot(DEFAULTS.pluginDir, pot, '0.0.0');
  template = entriesOf(readFileSync(pot));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

test('the code has strings to translate', () => {
  expect(template.length).toBeGreaterThan(0);
});

describe.each(LOCALES)('%s', (locale) => {
  const po = () => new Map(entriesOf(readFileSync(path.join(DEFAULTS.pluginDir, 'languages', `itb-booking-${locale}.po`))).map((entry) => [keyOf(entry), entry]));

  test('translates every string of the code, none fuzzy, none empty', () => {
    const translations = po();
    const missing = template.map(keyOf).filter((key) => {
      const entry = translations.get(key);
      return entry === undefined || entry.msgstr.length === 0 || entry.msgstr.some((text) => text.trim() === '') || (entry.comments?.flag ?? '').split(/,\s*/).includes('fuzzy');
    });
    expect(missing, `untranslated or fuzzy in itb-booking-${locale}.po; run \`npm run i18n -w @itb/wordpress\` and translate`).toEqual([]);
  });

  test('keeps every placeholder of the English (%s, %1$s, %d)', () => {
    const wrong: string[] = [];
    for (const entry of po().values()) {
      if (entry.msgstr.every((text) => text === '')) continue;
      entry.msgstr.forEach((text, index) => {
        const source = index === 0 ? entry.msgid : (entry.msgid_plural ?? entry.msgid);
        if (placeholdersOf(text).join(' ') !== placeholdersOf(source).join(' ')) wrong.push(`${JSON.stringify(source)} → ${JSON.stringify(text)}`);
      });
    }
    expect(wrong).toEqual([]);
  });

  test('has the headers WordPress and msgfmt need', () => {
    const { headers } = gettextParser.po.parse(readFileSync(path.join(DEFAULTS.pluginDir, 'languages', `itb-booking-${locale}.po`)));
    expect(headers).toMatchObject({ Language: locale, 'Plural-Forms': 'nplurals=2; plural=(n != 1);', 'Content-Type': 'text/plain; charset=UTF-8' });
  });
});
