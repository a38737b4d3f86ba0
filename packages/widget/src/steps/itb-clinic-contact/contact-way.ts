/**
 * The one way the widget offers to reach a clinic: its phone (`tel:`), else its e-mail
 * (`mailto:`), else its web site (http(s) only). Clinic data is untrusted, so each is checked
 * before it becomes a link.
 * @module
 */
import { isEmailAddress, safeHttpUrl, type Clinic, type ReasonCode } from '@itb/shared';

export interface ContactWay {
  readonly kind: 'call' | 'email' | 'web';
  readonly href: string;
  /** What the link says: the number or address as the clinic writes it, the site's host name. */
  readonly text: string;
}

/** `tel:` keeps a leading plus and the digits (RFC 3966 global number); spaces and dashes go. */
function telHref(phone: string): string | undefined {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < 3) return undefined;
  return `tel:${trimmed.startsWith('+') ? '+' : ''}${digits}`;
}

export function contactWay(clinic: Pick<Clinic, 'phone' | 'email' | 'website'> | undefined): ContactWay | undefined {
  if (clinic === undefined) return undefined;
  const tel = clinic.phone === undefined ? undefined : telHref(clinic.phone);
  if (tel !== undefined) return { kind: 'call', href: tel, text: clinic.phone!.trim() };
  const email = clinic.email?.trim();
  if (email !== undefined && isEmailAddress(email)) return { kind: 'email', href: `mailto:${encodeURI(email)}`, text: email };
  const web = safeHttpUrl(clinic.website);
  if (web !== undefined) return { kind: 'web', href: web, text: new URL(web).host };
  return undefined;
}

/**
 * Refusals whose only way forward is the clinic itself: the online rules say no (or not any more),
 * so the message that names the reason is followed by how to reach the clinic.
 */
const NEEDS_THE_CLINIC: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  'cancellation-not-allowed', 'cancel-window-passed', 'rescheduling-not-allowed', 'reschedule-window-passed',
  'reschedule-limit-reached', 'change-locked', 'too-soon', 'too-young', 'booking-not-accepted', 'rule-violation', 'offer-offline',
]);

export function needsTheClinic(reason: ReasonCode): boolean {
  return NEEDS_THE_CLINIC.has(reason);
}
