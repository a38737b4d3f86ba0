/**
 * Clinic texts may contain HTML fragments in live data (spec §11.7). Parsing into an inert document
 * and reading `textContent` shows the words and never runs or renders markup.
 */
export function plainText(fragment: string): string {
  return new DOMParser().parseFromString(fragment, 'text/html').body.textContent?.trim() ?? '';
}
