/**
 * How a practitioner is labelled in small spaces. ITB's display names lead with the role
 * ("Tandläkare Anna Berg"); on a time tile or beside a role line that prefix only crowds out the name.
 * @module
 */
import type { Practitioner } from '@itb/shared';

export interface PractitionerLabel {
  /** The name without a leading role: "Anna Berg". */
  readonly short: string;
  /** Name and role for screen readers: "Anna Berg, tandläkare". */
  readonly full: string;
}

export function practitionerLabel(p: Practitioner | undefined, fallback = ''): PractitionerLabel {
  const name = p?.name ?? fallback;
  const role = p?.roles[0];
  if (role === undefined || !name.toLowerCase().startsWith(`${role.toLowerCase()} `)) return { short: name, full: name };
  const short = name.slice(role.length + 1);
  return { short, full: `${short}, ${role.toLowerCase()}` };
}
