// The block editor's JSON translations, from small .po files made in each test.
import { describe, expect, test } from 'vitest';
import { jedTranslations } from '../scripts/jed.js';
import { placeholdersOf } from './placeholders.js';

const HEADER = `msgid ""
msgstr ""
"Language: sv_SE\\n"
"PO-Revision-Date: 2026-01-02 03:04+0000\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
`;
const po = (body: string) => Buffer.from(`${HEADER}\n${body}`);

describe('jedTranslations', () => {
  test('keeps the strings referenced in the script, keyed as @wordpress/i18n looks them up', () => {
    const jed = jedTranslations(po(`#: blocks/booking/editor.js:3
msgid "Clinic"
msgstr "Klinik"

#: blocks/booking/editor.js:9
msgctxt "block setting"
msgid "View"
msgstr "Vy"

#: includes/render.php:4 blocks/booking/editor.js:12
#, javascript-format
msgid "%d clinic"
msgid_plural "%d clinics"
msgstr[0] "%d klinik"
msgstr[1] "%d kliniker"
`), 'blocks/booking/editor.js');
    expect(jed).toEqual({
      'translation-revision-date': '2026-01-02 03:04+0000',
      generator: '@itb/wordpress scripts/build.js',
      source: 'blocks/booking/editor.js',
      domain: 'messages',
      locale_data: {
        messages: {
          '': { domain: 'messages', lang: 'sv_SE', 'plural-forms': 'nplurals=2; plural=(n != 1);' },
          Clinic: ['Klinik'],
          'block setting\u0004View': ['Vy'],
          '%d clinic': ['%d klinik', '%d kliniker'],
        },
      },
    });
  });

  test('leaves out other files’ strings, fuzzy ones and untranslated ones', () => {
    const jed = jedTranslations(po(`#: includes/settings.php:3
msgid "Settings"
msgstr "Inställningar"

#: blocks/booking/editor.js:4
#, fuzzy
msgid "Clinic"
msgstr "Klinikerna"

#: blocks/booking/editor.js:5
msgid "Treatment"
msgstr ""

#: blocks/booking/editor.js.bak:5 blocks/booking/editor.jsx:1
msgid "Practitioner"
msgstr "Behandlare"

#: blocks/booking/editor.js:6
msgid "Campaign code"
msgstr "Kampanjkod"
`), 'blocks/booking/editor.js');
    expect(Object.keys(jed?.locale_data.messages ?? {})).toEqual(['', 'Campaign code']);
  });

  test('gives nothing for a script without translated strings, so no empty file ships', () => {
    expect(jedTranslations(po('#: includes/settings.php:3\nmsgid "Settings"\nmsgstr "Inställningar"\n'), 'blocks/booking/editor.js')).toBeUndefined();
  });
});

describe('placeholdersOf', () => {
  test('numbers plain placeholders in order, so numbered ones may reorder them', () => {
    expect(placeholdersOf('%s at %d')).toEqual(placeholdersOf('%2$d: %1$s'));
    expect(placeholdersOf('%s at %d')).not.toEqual(placeholdersOf('%d at %s'));
    expect(placeholdersOf('100%% sure, %s')).toEqual(['1:s']);
    expect(placeholdersOf('%s')).not.toEqual(placeholdersOf('s'));
  });
});
