/** Driving a page with the keyboard alone: Tab to a control, arrows in radio groups, Space/Enter. */
import type { Page } from 'playwright-core';

export interface Focused {
  readonly tag: string;
  readonly type: string;
  readonly name: string;
  readonly checked: boolean;
}

/** The element that really has focus, looking through open shadow roots. */
export async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (el === null) return { tag: '', type: '', name: '', checked: false };
    const input = el as HTMLInputElement;
    const label = input.labels?.[0]?.textContent ?? '';
    const name = el.getAttribute('aria-label') ?? (label || el.textContent || '');
    return { tag: el.tagName.toLowerCase(), type: input.type ?? '', name: name.replace(/\s+/g, ' ').trim(), checked: input.checked === true };
  });
}

/** Press Tab (at most `limit` times) until the focused element matches. */
export async function tabTo(page: Page, matches: (f: Focused) => boolean, limit = 80): Promise<Focused> {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (matches(now)) return now;
  }
  throw new Error(`Tab never reached the wanted control (last: ${JSON.stringify(await focused(page))})`);
}

/** In a focused radio group, ArrowDown until the focused radio's label matches; then it is checked. */
export async function arrowTo(page: Page, name: RegExp, limit = 20): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    const now = await focused(page);
    if (now.type === 'radio' && name.test(now.name)) {
      if (!now.checked) await page.keyboard.press('Space');
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no radio matching ${name} in this group`);
}

export const isButton = (name: string | RegExp) => (f: Focused): boolean =>
  (f.tag === 'button' || f.tag === 'a') && (typeof name === 'string' ? f.name === name : name.test(f.name));
export const isRadioIn = (group: RegExp) => (f: Focused): boolean => f.type === 'radio' && group.test(f.name);
export const isCheckbox = (name: string) => (f: Focused): boolean => f.type === 'checkbox' && f.name === name;
