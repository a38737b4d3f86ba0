/**
 * Helpers for the widget's browser tests: mount `<itb-booking>` against the real BFF (served
 * same-origin under /booking-api by web-test-runner.config.js), find things through the nested
 * shadow roots, wait for the network, and drive the real test-BankID sign-in.
 * @module
 */
import { ContextEvent } from '@lit/context';
import { fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { LitElement } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../index.js';
import { BffError } from '../bff-client.js';
import type { ItbBooking } from '../itb-booking/itb-booking.js';
import { bookingStateContext } from '../state/booking-context.js';
import type { BookingSnapshot } from '../state/booking-state.js';

export const BFF = window.ITB_TEST.bff;
/** Alva Andersson, the sandbox's adult Swedish test person. */
export const TEST_PERSON = '198503149828';

export interface MountOptions {
  readonly bff?: string | null;
  readonly locale?: string;
  readonly clinic?: string;
  readonly treatment?: string;
  readonly practitioner?: string;
  readonly campaign?: string;
  readonly view?: string;
  readonly termsUrl?: string;
  readonly noHistory?: boolean;
  /** Keep the history entry the previous element left (a reload); by default each test starts as a fresh page. */
  readonly keepHistory?: boolean;
}

/** Mounts the element (removed again after each test by @open-wc's fixture cleanup). */
export async function mount(options: MountOptions = {}): Promise<ItbBooking> {
  const bff = options.bff === null ? undefined : (options.bff ?? BFF);
  // The element restores a journey from history.state, as after a reload: an earlier test's must not leak in.
  if (options.keepHistory !== true) history.replaceState(null, '');
  return fixture<ItbBooking>(html`<itb-booking
    bff=${ifDefined(bff)} locale=${ifDefined(options.locale ?? 'en')} clinic=${ifDefined(options.clinic)}
    treatment=${ifDefined(options.treatment)} practitioner=${ifDefined(options.practitioner)}
    campaign=${ifDefined(options.campaign)} view=${ifDefined(options.view)}
    terms-url=${ifDefined(options.termsUrl)} ?no-history=${options.noHistory === true}></itb-booking>`);
}

/**
 * The snapshot the steps see, asked for as a step does (a context request from inside the element),
 * for checks on what the widget holds but does not show, such as the `$find` Appointment of a time.
 */
export function snapshotOf(el: ItbBooking): BookingSnapshot {
  let snapshot: BookingSnapshot | undefined;
  const inside = el.shadowRoot?.firstElementChild;
  inside?.dispatchEvent(new ContextEvent(bookingStateContext, inside, (value: BookingSnapshot) => { snapshot = value; }));
  if (snapshot === undefined) throw new Error('no booking snapshot');
  return snapshot;
}

/** Every element matching `selector` below `root`, looking inside open shadow roots too. */
export function deepQueryAll<T extends Element = HTMLElement>(root: ParentNode, selector: string): T[] {
  const found: T[] = [...root.querySelectorAll<T>(selector)];
  if (root instanceof Element && root.shadowRoot !== null) found.push(...deepQueryAll<T>(root.shadowRoot, selector));
  for (const element of root.querySelectorAll('*')) {
    if (element.shadowRoot !== null) found.push(...deepQueryAll<T>(element.shadowRoot, selector));
  }
  return found;
}

export function deepQuery<T extends Element = HTMLElement>(root: ParentNode, selector: string): T | undefined {
  return deepQueryAll<T>(root, selector)[0];
}

/** The widget's visible text, through all shadow roots (for "does it say X" checks). */
export function deepText(root: Element): string {
  const own = root.shadowRoot === null ? '' : deepTextOf(root.shadowRoot);
  return `${own} ${root.textContent ?? ''}`.replace(/\s+/g, ' ');
}
function deepTextOf(node: ParentNode): string {
  let text = '';
  for (const child of node.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) text += ` ${child.textContent ?? ''}`;
    else if (child instanceof Element) {
      if (child.tagName === 'STYLE') continue;
      text += child.shadowRoot === null ? deepTextOf(child) : `${deepTextOf(child.shadowRoot)}${deepTextOf(child)}`;
    }
  }
  return text;
}

export async function waitFor<T>(probe: () => T | undefined | null | false, message: string, timeout = 15_000): Promise<T> {
  let value: T | undefined | null | false;
  await waitUntil(() => { value = probe(); return value !== undefined && value !== null && value !== false; }, message, { timeout, interval: 25 });
  return value as T;
}

/** Waits until the step element `tag` is shown and rendered. */
export async function stepOf<T extends LitElement = LitElement>(el: ItbBooking, tag: string): Promise<T> {
  const step = await waitFor(() => el.shadowRoot?.querySelector(tag) as T | null, `${tag} shown`);
  await step.updateComplete;
  return step;
}

/** The catalog is in: the clinic list has cards. */
export async function catalogLoaded(el: ItbBooking): Promise<void> {
  await waitFor(() => deepQuery(el, 'input[name="clinic"]'), 'catalog loaded');
}

export function radio(el: Element, name: string, value: string): HTMLInputElement {
  const input = deepQueryAll<HTMLInputElement>(el, `input[name="${name}"]`).find((i) => i.value === value);
  if (input === undefined) throw new Error(`no ${name} radio ${value}`);
  return input;
}

/** Chooses a radio as a user would (click: checks it and fires change). */
export function choose(el: Element, name: string, value: string): void {
  radio(el, name, value).click();
}

export function button(el: Element, text: string | RegExp): HTMLButtonElement {
  const match = (b: HTMLElement) => (typeof text === 'string' ? b.textContent?.trim() === text : text.test(b.textContent ?? ''));
  const found = deepQueryAll<HTMLButtonElement>(el, 'button').find(match);
  if (found === undefined) throw new Error(`no button ${String(text)}`);
  return found;
}

export async function waitForButton(el: Element, text: string | RegExp): Promise<HTMLButtonElement> {
  return waitFor(() => { try { return button(el, text); } catch { return undefined; } }, `button ${String(text)}`);
}

/**
 * Clinic + treatment + Continue, then "any practitioner" (or `practitioner`) + Continue — unless the
 * offer has one practitioner, when the widget skips that step by itself.
 */
export async function goToTimes(el: ItbBooking, clinic: string, treatment: string, practitioner?: string): Promise<void> {
  await catalogLoaded(el);
  choose(el, 'clinic', clinic);
  await waitFor(() => deepQueryAll<HTMLInputElement>(el, 'input[name="treatment"]').find((i) => i.value === treatment), 'treatment listed');
  choose(el, 'treatment', treatment);
  await el.updateComplete;
  button(el, 'Continue').click();
  const next = await waitFor(() => el.shadowRoot!.querySelector('itb-practitioner-step, itb-time-step'), 'practitioner or time step');
  if (next.localName === 'itb-time-step') return;
  await waitFor(() => deepQuery(el, 'input[name="practitioner"]'), 'practitioners listed');
  choose(el, 'practitioner', practitioner ?? '');
  button(el, 'Continue').click();
  await stepOf(el, 'itb-time-step');
}

/** Waits for the time step to finish loading and returns the time buttons of the day it shows. */
export async function timeButtons(el: ItbBooking): Promise<HTMLButtonElement[]> {
  const step = await stepOf(el, 'itb-time-step');
  await waitFor(() => step.shadowRoot?.querySelector('[aria-busy="true"]') === null && step.shadowRoot?.querySelector('itb-day-picker'), 'times loaded');
  return deepQueryAll<HTMLButtonElement>(step, 'button[part="time-button"]');
}

/** Real sign-in on the test-BankID page, in another tab of the same browser context. */
export async function signIn(personalNumber = TEST_PERSON): Promise<void> {
  const ok = await executeServerCommand<boolean, { personalNumber: string }>('itb-sign-in', { personalNumber });
  if (!ok) throw new Error('sign-in did not return to the test origin');
}

export async function signOut(): Promise<void> {
  await fetch(`${BFF}/auth/logout`, { method: 'POST', credentials: 'include', headers: { 'X-ITB-CSRF': '1' } });
}

export async function resetSandbox(): Promise<void> {
  await executeServerCommand<boolean, undefined>('itb-sandbox-reset');
}

export async function setOffline(offline: boolean): Promise<void> {
  await executeServerCommand<boolean, { offline: boolean }>('itb-offline', { offline });
}

/** The `$find` requests the page made since `since` (performance timeline). */
export function findRequests(since = 0): PerformanceResourceTiming[] {
  return (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
    .filter((e) => e.name.includes('/fhir/Appointment/$find') && e.startTime >= since);
}

/** Moves the time step `weeks` weeks ahead (away from rule windows that depend on "how soon"). */
export async function weeksAhead(el: ItbBooking, weeks: number): Promise<void> {
  for (let i = 0; i < weeks; i += 1) {
    const step = await stepOf(el, 'itb-time-step');
    const label = deepQuery(step, '.week-label')!.textContent;
    button(step, 'Next week').click();
    await waitFor(() => deepQuery(step, '.week-label')!.textContent !== label, 'next week');
  }
}

/**
 * Clicks the first free time (paging forward if a week is empty), `weeks` weeks ahead of the one
 * shown (away from rule windows that depend on "how soon"), and returns the review step.
 */
export async function chooseFirstTime(el: ItbBooking, weeks = 0): Promise<LitElement> {
  await timeButtons(el);
  await weeksAhead(el, weeks);
  let times = await timeButtons(el);
  for (let tries = 0; times.length === 0 && tries < 3; tries += 1) {
    await weeksAhead(el, 1);
    times = await timeButtons(el);
  }
  if (times.length === 0) throw new Error('no free times');
  times[0]!.click();
  return stepOf(el, 'itb-review-step');
}

/** Signed in already: a phone number where none was prefilled, and the terms accepted; returns the review step. */
export async function fillContactForm(el: ItbBooking): Promise<LitElement> {
  const review = await stepOf(el, 'itb-review-step');
  const phone = await waitFor(() => deepQuery<HTMLInputElement>(review, 'input#phone'), 'contact form');
  if (phone.value === '') {
    phone.value = '+46701740605';
    phone.dispatchEvent(new Event('input'));
  }
  const terms = deepQuery<HTMLInputElement>(review, 'input#terms')!;
  if (!terms.checked) terms.click();
  await review.updateComplete;
  return review;
}

/** Signed in already: accepts the terms and books; waits for the confirmation step. */
export async function confirmBooking(el: ItbBooking): Promise<void> {
  const review = await fillContactForm(el);
  button(review, 'Book').click();
  await stepOf(el, 'itb-confirmation-step');
}

/** The whole journey for a signed-in patient: returns once the booking is confirmed. */
export async function bookVisit(el: ItbBooking, clinic: string, treatment: string, options: { practitioner?: string; weeks?: number } = {}): Promise<void> {
  await goToTimes(el, clinic, treatment, options.practitioner);
  await chooseFirstTime(el, options.weeks ?? 2);
  await confirmBooking(el);
}

export async function setSandboxNow(iso: string): Promise<void> {
  await executeServerCommand<boolean, { iso: string }>('itb-sandbox-now', { iso });
}

/** The BffError `promise` rejects with (anything else fails the test). */
export async function problemOf(promise: Promise<unknown>): Promise<BffError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BffError) return error;
    throw error;
  }
  throw new Error('expected a BffError');
}
