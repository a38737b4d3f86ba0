import { LitElement, html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { defineOnce } from '../../define-once.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { addDays, moveFor } from './day-grid.js';
import { dayPickerStyles } from './itb-day-picker.styles.js';

/** One day of the strip, already translated by the time step. */
export interface PickerDay {
  /** YYYY-MM-DD in the clinic's time zone. */
  readonly key: string;
  /** "tis" */
  readonly weekday: string;
  /** "T": what fits when seven days share a very narrow slot. */
  readonly narrow: string;
  /** "8" */
  readonly date: string;
  /**
   * The accessible name: "tisdag 8 december, 5 lediga tider". It is the button's only text for
   * assistive technology (the short visible "tis 8" is hidden from it), so it stays content, not an
   * aria-label that would have to contain the visible text word for word (WCAG 2.5.3).
   */
  readonly label: string;
  /** Free times that day; `undefined` while the week loads. */
  readonly free?: number;
}

/** Internal: the patient chose `day` (Enter, Space or a click). */
export class DaySelectEvent extends Event {
  readonly day: string;
  constructor(day: string) {
    super('day-select');
    this.day = day;
  }
}

/** Internal: show the previous or next week; `day` is where the keyboard focus goes (a key, not a button). */
export class WeekSelectEvent extends Event {
  readonly weeks: -1 | 1;
  readonly day: string | undefined;
  constructor(weeks: -1 | 1, day?: string) {
    super('week-select');
    this.weeks = weeks;
    this.day = day;
  }
}

/**
 * @tagname itb-day-picker
 * @summary One week as a strip of seven days marking those with free times, with previous/next
 * week buttons. The keyboard follows the WAI-ARIA APG date picker grid: one tab stop (roving
 * tabindex), ←/→ a day, Home/End the week's first/last day, PageUp/PageDown and ↑/↓ a week,
 * Enter/Space chooses. Part of the time step, which owns the data: the picker only says what
 * the patient asked for, and keeps focus on the day it moved to while the new week loads.
 *
 * @fires day-select - A day was chosen (`DaySelectEvent`, internal; does not leave the time step).
 * @fires week-select - Another week was asked for (`WeekSelectEvent`, internal).
 * @csspart day - Each day.
 * @csspart button - The previous/next week buttons.
 * @csspart week-button - The previous/next week buttons.
 * @csspart week-label - The week shown.
 */
export class ItbDayPicker extends LitElement {
  static override styles = [sharedStyles, dayPickerStyles];

  @property({ attribute: false }) days: readonly PickerDay[] = [];
  /** The chosen day (`aria-selected`), if any. */
  @property() selected?: string;
  /** Today, in the clinic's time zone (`aria-current="date"`). */
  @property() today?: string;
  @property({ attribute: 'week-label' }) weekLabel = '';
  @property({ attribute: 'previous-label' }) previousLabel = '';
  @property({ attribute: 'next-label' }) nextLabel = '';
  /** The week shown is the current one: there is nothing bookable before it. */
  @property({ type: Boolean, attribute: 'no-previous' }) noPrevious = false;

  /** The day holding the strip's one tab stop, once the patient has moved it. */
  @state() private active?: string;
  /** Focus goes to `active` as soon as it is rendered (it may belong to a week still arriving). */
  private focusActive = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A week that does not hold the moved-to day (the buttons were used) starts over at the chosen day.
    if (changed.has('days') && !this.focusActive && this.active !== undefined && !this.days.some((d) => d.key === this.active)) this.active = undefined;
  }

  protected override updated(): void {
    if (!this.focusActive || this.active === undefined) return;
    const button = this.renderRoot.querySelector<HTMLButtonElement>(`button[data-day="${this.active}"]`);
    if (button === null) return;
    this.focusActive = false;
    button.focus();
  }

  private tabStop(): string | undefined {
    const keys = this.days.map((d) => d.key);
    return [this.active, this.selected, this.today].find((k) => k !== undefined && keys.includes(k)) ?? keys[0];
  }

  private onKeyDown(event: KeyboardEvent, index: number): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const move = moveFor(event.key, index);
    const from = this.days[index];
    if (move === undefined || from === undefined) return;
    event.preventDefault();
    if (move.weeks === -1 && this.noPrevious) return;
    this.active = addDays(from.key, move.weeks * 7 + move.index - index);
    this.focusActive = true;
    if (move.weeks !== 0) this.dispatchEvent(new WeekSelectEvent(move.weeks, this.active));
  }

  private choose(day: string): void {
    this.active = day;
    this.dispatchEvent(new DaySelectEvent(day));
  }

  private changeWeek(weeks: -1 | 1): void {
    this.active = undefined;
    this.dispatchEvent(new WeekSelectEvent(weeks));
  }

  protected override render(): unknown {
    const stop = this.tabStop();
    return html`
      <div class="week">
        <button type="button" class="button nav previous" part="button week-button" ?disabled=${this.noPrevious}
          @click=${() => this.changeWeek(-1)}><span class="nav-text">${this.previousLabel}</span></button>
        <span class="week-label" id="week-label" part="week-label">${this.weekLabel}</span>
        <button type="button" class="button nav next" part="button week-button"
          @click=${() => this.changeWeek(1)}><span class="nav-text">${this.nextLabel}</span></button>
      </div>
      <div role="grid" class="grid" aria-labelledby="week-label">
        <div role="row" class="row">${this.days.map((d, i) => html`
          <div role="gridcell" class="cell" aria-selected=${d.key === this.selected ? 'true' : 'false'}>
            <button type="button" part="day" data-day=${d.key} tabindex=${d.key === stop ? 0 : -1}
              class="day ${d.free === undefined ? 'unknown' : d.free > 0 ? 'free' : 'full'}"
              aria-current=${d.key === this.today ? 'date' : nothing}
              @click=${() => this.choose(d.key)} @keydown=${(e: KeyboardEvent) => this.onKeyDown(e, i)}>
              <span class="weekday" aria-hidden="true"><span class="short">${d.weekday}</span><span class="narrow">${d.narrow}</span></span>
              <span class="date" aria-hidden="true">${d.date}</span>
              <span class="mark" aria-hidden="true"></span>
              <span class="visually-hidden">${d.label}</span>
            </button>
          </div>`)}
        </div>
      </div>`;
  }
}

defineOnce('itb-day-picker', ItbDayPicker);

declare global {
  interface HTMLElementTagNameMap { 'itb-day-picker': ItbDayPicker }
}
