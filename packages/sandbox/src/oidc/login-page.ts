/**
 * The test-BankID sign-in page: seeded persons as one-click buttons, a field for any valid number,
 * and a cancel button. Server-rendered, no script, every reflected value escaped.
 * @module
 */
import type { TestPerson } from '../seed/persons.js';
import { escapeHtml, renderDocument } from './html.js';
import { stringsFor, type IdpStrings, type UiLocale } from './locales.js';

export interface LoginPageOptions {
  readonly locale: UiLocale;
  /** Where the forms post: `<base>/login` and `<base>/abort`. */
  readonly actionBase: string;
  readonly persons: readonly TestPerson[];
  /** Today, for marking minors. */
  readonly today: Date;
  /** What the user typed, shown again after an error. */
  readonly typed?: string;
  readonly error?: keyof IdpStrings['errors'];
}

/** `19850314-9828` for Swedish numbers, `170480 22480` for Norwegian ones. */
export function formatPersonalNumber(person: Pick<TestPerson, 'country' | 'personalNumber'>): string {
  const n = person.personalNumber;
  return person.country === 'SE' ? `${n.slice(0, 8)}-${n.slice(8)}` : `${n.slice(0, 6)} ${n.slice(6)}`;
}

function isMinor(birthDate: string, today: Date): boolean {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const eighteenth = Date.UTC(y + 18, m - 1, d);
  return today.getTime() < eighteenth;
}

function personButton(person: TestPerson, today: Date, t: IdpStrings): string {
  const name = `${person.givenName} ${person.familyName}`;
  const note = isMinor(person.birthDate, today) ? ` <span class="note">(${escapeHtml(t.child)})</span>` : '';
  return `<li><button type="submit" class="person" name="personalNumber" value="${escapeHtml(person.personalNumber)}" data-testid="person-${escapeHtml(person.personalNumber)}">`
    + `<span class="name">${escapeHtml(name)}${note}</span> <span class="number">${escapeHtml(formatPersonalNumber(person))}</span></button></li>`;
}

function personGroup(heading: string, persons: readonly TestPerson[], today: Date, t: IdpStrings): string {
  if (persons.length === 0) return '';
  return `<h3>${escapeHtml(heading)}</h3><ul class="people">${persons.map((p) => personButton(p, today, t)).join('')}</ul>`;
}

/** The whole page. */
export function renderLoginPage(options: LoginPageOptions): string {
  const t = stringsFor(options.locale);
  const login = escapeHtml(`${options.actionBase}/login`);
  const abort = escapeHtml(`${options.actionBase}/abort`);
  const invalid = options.error !== undefined;
  const swedes = options.persons.filter((p) => p.country === 'SE');
  const norwegians = options.persons.filter((p) => p.country === 'NO');
  // Norwegian readers see their own country first.
  const groups = options.locale === 'nb'
    ? [personGroup(t.norway, norwegians, options.today, t), personGroup(t.sweden, swedes, options.today, t)]
    : [personGroup(t.sweden, swedes, options.today, t), personGroup(t.norway, norwegians, options.today, t)];
  const body = `
<h1>${escapeHtml(t.title)}</h1>
<p class="muted">${escapeHtml(t.intro)}</p>
<section>
<h2 id="pick-heading">${escapeHtml(t.pickHeading)}</h2>
<form method="post" action="${login}" data-testid="person-form">
${groups.join('\n')}
</form>
</section>
<section>
<h2 id="type-heading">${escapeHtml(t.typeHeading)}</h2>
<form method="post" action="${login}" data-testid="personal-number-form" novalidate>
<label for="personal-number">${escapeHtml(t.personalNumberLabel)}</label>
<p id="personal-number-hint" class="muted">${escapeHtml(t.personalNumberHint)}</p>
<input type="text" id="personal-number" name="personalNumber" inputmode="numeric" autocomplete="off" spellcheck="false"
 value="${escapeHtml(options.typed ?? '')}" aria-describedby="personal-number-hint personal-number-error"${invalid ? ' aria-invalid="true" autofocus' : ''} data-testid="personal-number-input">
<p id="personal-number-error" class="error" aria-live="polite" data-testid="personal-number-error">${invalid ? escapeHtml(t.errors[options.error]) : ''}</p>
<div class="actions"><button type="submit" class="primary" data-testid="personal-number-submit">${escapeHtml(t.signIn)}</button></div>
</form>
</section>
<form method="post" action="${abort}" class="cancel" data-testid="cancel-form">
<button type="submit" class="secondary" data-testid="cancel">${escapeHtml(t.cancel)}</button>
</form>`;
  return renderDocument({ lang: options.locale, title: invalid ? `${t.errors[options.error]} – ${t.title}` : t.title, body, badge: t.badge });
}

/** A page that only explains (expired sign-in, protocol error). */
export function renderMessagePage(options: { locale: UiLocale; title: string; text: string; detail?: string }): string {
  const t = stringsFor(options.locale);
  const detail = options.detail === undefined ? '' : `<p class="muted" data-testid="error-detail">${escapeHtml(options.detail)}</p>`;
  return renderDocument({
    lang: options.locale,
    title: options.title,
    badge: t.badge,
    body: `<h1>${escapeHtml(options.title)}</h1><p>${escapeHtml(options.text)}</p>${detail}`,
  });
}
