/** The sandbox's test-BankID sign-in page, as a patient uses it. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Fictional seeded persons (packages/sandbox/src/seed/persons.ts) the journeys sign in as. */
export const PERSONS = {
  alva: { name: 'Alva Andersson', personalNumber: '198503149828' },
  annaMaria: { name: 'Anna Maria Lindqvist', personalNumber: '197211059840' },
  erik: { name: 'Erik Johansson', personalNumber: '199007219919' },
  omar: { name: 'Omar Haddad', personalNumber: '198802699937' },
  kari: { name: 'Kari Nordmann', personalNumber: '17048022480' },
  ola: { name: 'Ola Hansen', personalNumber: '01127531508' },
  lars: { name: 'Lars Eriksen', personalNumber: '43099242311' },
} as const;
export type PersonKey = keyof typeof PERSONS;

/** On the test-BankID page (popup or full page), pick `person`; `before` runs once the page shows. */
export async function signInAs(idp: Page, person: PersonKey, before?: () => Promise<void>): Promise<void> {
  await idp.waitForLoadState('domcontentloaded');
  const button = idp.getByRole('button', { name: new RegExp(PERSONS[person].name) });
  await expect.poll(() => button.count(), { timeout: 15_000 }).toBe(1);
  if (before) await before();
  await button.click();
}
