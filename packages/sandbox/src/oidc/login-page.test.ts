import { describe, expect, it } from 'vitest';
import { TEST_PERSONS } from '../seed/persons.js';
import { escapeHtml } from './html.js';
import { pickLocale } from './locales.js';
import { formatPersonalNumber, renderLoginPage } from './login-page.js';

const today = new Date('2026-06-01T10:00:00Z');

describe('renderLoginPage', () => {
  it('marks minors and formats numbers as people write them', () => {
    const html = renderLoginPage({ locale: 'sv', actionBase: '/oidc/interaction/abc', persons: TEST_PERSONS, today });
    expect(html).toMatch(/Elsa Berg <span class="note">\(under 18 år\)<\/span>/);
    expect(html).not.toMatch(/Alva Andersson <span class="note">/);
    expect(html).toContain('19850314-9828');
    expect(html).toContain('170480 22480');
    expect(html).toContain('action="/oidc/interaction/abc/login"');
    expect(html).toContain('action="/oidc/interaction/abc/abort"');
    expect(html).not.toContain('aria-invalid="true"');
  });

  it('shows the error in the live region, marks the field and keeps the (escaped) input', () => {
    const html = renderLoginPage({ locale: 'en', actionBase: '/oidc/interaction/abc', persons: [], today, typed: '"><b>x</b>', error: 'invalid-checksum' });
    expect(html).toContain('value="&#34;&#62;&#60;b&#62;x&#60;/b&#62;"');
    expect(html).toMatch(/aria-invalid="true"/);
    expect(html).toContain('data-testid="personal-number-error">The check digit does not match. Check the number.</p>');
    expect(html).toMatch(/<title>The check digit does not match/);
  });
});

describe('helpers', () => {
  it('escapes every HTML-significant character', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;/a&#62;');
  });

  it('formats SE and NO numbers', () => {
    expect(formatPersonalNumber({ country: 'SE', personalNumber: '198503149828' })).toBe('19850314-9828');
    expect(formatPersonalNumber({ country: 'NO', personalNumber: '17048022480' })).toBe('170480 22480');
  });

  it('picks the first supported ui_locale, Swedish otherwise', () => {
    expect(pickLocale(undefined)).toBe('sv');
    expect(pickLocale('de fr')).toBe('sv');
    expect(pickLocale('de en-US sv')).toBe('en');
    expect(pickLocale('nn-NO')).toBe('nb');
    expect(pickLocale('NB')).toBe('nb');
    expect(pickLocale('de da-DK en')).toBe('da');
    expect(pickLocale('fi')).toBe('fi');
  });

  it('has every page in Danish and Finnish too', () => {
    const da = renderLoginPage({ locale: 'da', actionBase: '/oidc/interaction/abc', persons: TEST_PERSONS, today, error: 'invalid-date' });
    expect(da).toContain('<html lang="da">');
    expect(da).toContain('Log ind med test-BankID');
    expect(da).toContain('Datoen i nummeret findes ikke.');
    const fi = renderLoginPage({ locale: 'fi', actionBase: '/oidc/interaction/abc', persons: TEST_PERSONS, today });
    expect(fi).toContain('<html lang="fi">');
    expect(fi).toContain('Kirjaudu test-BankID:llä');
    expect(fi).toContain('(alle 18-vuotias)');
  });
});
