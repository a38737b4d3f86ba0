/**
 * The provider's own interaction routes (`/interaction/:uid…`): the test-BankID page, the sign-in
 * and cancel posts, and automatic consent. Consent is automatic because every registered client is
 * ITB's first-party BFF; the patient lands straight back at the redirect URI.
 * @module
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import { outcome, parsePersonalNumber, type PersonalNumberError } from '@itb/shared';
import { TEST_PERSONS, findPerson, generatedTestPerson, type TestPerson } from '../seed/persons.js';
import type { AccountDirectory } from './accounts.js';
import { sendPage } from './html.js';
import { pickLocale, stringsFor } from './locales.js';
import { renderLoginPage, renderMessagePage } from './login-page.js';

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

export interface InteractionContext {
  readonly provider: Provider;
  readonly accounts: AccountDirectory;
  /** The mount path, e.g. `/oidc`. */
  readonly mountPath: string;
  readonly now: () => Date;
}

/** The one field the sign-in form has; a personal number never needs more. */
const FORM_LIMIT_BYTES = 4096;

const ROUTE = /^\/interaction\/([A-Za-z0-9_-]{1,64})(\/login|\/abort)?$/;

/** Whether `path` (below the mount path, without query) is one of ours. */
export function isInteractionPath(path: string): boolean {
  return path.startsWith('/interaction/');
}

/** Which person a typed value signs in as: a seeded one, or a neutral one for any other valid number. */
export function resolvePerson(input: string, now: Date): { ok: true; person: TestPerson } | { ok: false; error: PersonalNumberError | 'required' } {
  if (input.trim() === '') return { ok: false, error: 'required' };
  const parsed = parsePersonalNumber(input, now);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  return { ok: true, person: findPerson(parsed.value.system, parsed.value.value) ?? generatedTestPerson(parsed.value) };
}

/** Answer a request below `/interaction/`. */
export async function handleInteraction(context: InteractionContext, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  const match = ROUTE.exec(path);
  const action = match?.[2] ?? '';
  const method = req.method ?? 'GET';
  if (match === null || (action === '' && method !== 'GET' && method !== 'HEAD') || (action !== '' && method !== 'POST')) {
    sendOutcome(res, 404, outcome('not-found', 'No such page.'));
    return;
  }
  let interaction: Interaction;
  try {
    interaction = await context.provider.interactionDetails(req, res);
  } catch {
    // No cookie, unknown or expired interaction: the only way forward is to start over at the client.
    sendExpired(req, res, 'sv');
    return;
  }
  const locale = pickLocale(interaction.params['ui_locales']);
  if (interaction.uid !== match[1]) {
    sendExpired(req, res, locale);
    return;
  }
  if (action === '/abort') {
    await context.provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The end-user cancelled the sign-in.' }, { mergeWithLastSubmission: false });
    return;
  }
  if (interaction.prompt.name === 'consent' && interaction.session !== undefined) {
    const grantId = await grantConsent(context.provider, interaction, interaction.session.accountId);
    await context.provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return;
  }
  const actionBase = `${context.mountPath}/interaction/${interaction.uid}`;
  if (action === '') {
    sendPage(res, 200, renderLoginPage({ locale, actionBase, persons: TEST_PERSONS, today: context.now() }));
    return;
  }
  const form = await readForm(req);
  const typed = form?.get('personalNumber') ?? '';
  const resolved = resolvePerson(typed, context.now());
  if (!resolved.ok) {
    // 200 on purpose: this is the sign-in form shown again, not a failed request.
    sendPage(res, 200, renderLoginPage({ locale, actionBase, persons: TEST_PERSONS, today: context.now(), typed, error: resolved.error }));
    return;
  }
  const accountId = context.accounts.remember(resolved.person);
  const grantId = await grantConsent(context.provider, interaction, accountId);
  const result: InteractionResults = {
    login: { accountId, acr: 'urn:itb-sandbox:test-bankid', amr: ['bankid'], remember: false },
    consent: { grantId },
  };
  await context.provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
}

/**
 * Grant every scope the client asked for. A grant left over from someone else's session is never
 * reused: the provider would refuse it for the new account anyway.
 */
async function grantConsent(provider: Provider, interaction: Interaction, accountId: string): Promise<string> {
  const clientId = String(interaction.params['client_id']);
  const existing = interaction.grantId === undefined ? undefined : await provider.Grant.find(interaction.grantId);
  const grant = existing !== undefined && existing.accountId === accountId && existing.clientId === clientId
    ? existing
    : new provider.Grant({ accountId, clientId });
  const scope = interaction.params['scope'];
  if (typeof scope === 'string' && scope !== '') grant.addOIDCScope(scope);
  const details = interaction.prompt.details;
  if (Array.isArray(details['missingOIDCClaims'])) grant.addOIDCClaims(details['missingOIDCClaims'] as string[]);
  return grant.save();
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const type = req.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > FORM_LIMIT_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function wantsHtml(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').includes('text/html');
}

function sendExpired(req: IncomingMessage, res: ServerResponse, locale: ReturnType<typeof pickLocale>): void {
  if (!wantsHtml(req)) {
    sendOutcome(res, 400, outcome('login-required', 'The sign-in session has expired or was not found; start the sign-in again.'));
    return;
  }
  const t = stringsFor(locale);
  sendPage(res, 400, renderMessagePage({ locale, title: t.expiredTitle, text: t.expiredText }));
}

/** A FHIR OperationOutcome, for callers that are not browsers (house rule for non-2xx bodies). */
export function sendOutcome(res: ServerResponse, status: number, body: ReturnType<typeof outcome>): void {
  const json = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/fhir+json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', Buffer.byteLength(json));
  res.end(json);
}
