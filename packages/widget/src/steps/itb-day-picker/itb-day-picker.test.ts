import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './itb-day-picker.js';
import type { DaySelectEvent, ItbDayPicker, PickerDay, WeekSelectEvent } from './itb-day-picker.js';
import { addDays, daysOfWeek } from './day-grid.js';

const NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** A week from `monday` with `free[i]` free times on day i (English labels as the time step writes them). */
function week(monday: string, free: readonly (number | undefined)[] = [0, 5, 0, 1, 3, 0, 0]): PickerDay[] {
  return daysOfWeek({ start: `${monday}T00:00:00+01:00` }).map((key, i) => {
    const n = free[i];
    const long = `${NAMES[i]!} ${Number(key.slice(8))} December`;
    return { key, weekday: NAMES[i]!.slice(0, 3), narrow: NAMES[i]!.slice(0, 1), date: String(Number(key.slice(8))), label: n === undefined ? long : `${long}, ${n} free times`, ...(n === undefined ? {} : { free: n }) };
  });
}

async function picker(days: PickerDay[], selected?: string, noPrevious = false): Promise<ItbDayPicker> {
  return fixture<ItbDayPicker>(html`<itb-day-picker .days=${days} selected=${selected ?? ''} ?no-previous=${noPrevious}
    week-label="Week 7–13 Dec" previous-label="Previous week" next-label="Next week"></itb-day-picker>`);
}

const dayButtons = (el: ItbDayPicker) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button[part="day"]')];
const focusedDay = (el: ItbDayPicker) => (el.shadowRoot!.activeElement as HTMLElement | null)?.dataset['day'];
const tabStops = (el: ItbDayPicker) => dayButtons(el).filter((b) => b.tabIndex === 0).map((b) => b.dataset['day']);

describe('itb-day-picker', () => {
  it('is an APG grid: one row of seven days, free days marked in look and name, the chosen one selected, one tab stop', async () => {
    const el = await picker(week('2026-12-07'), '2026-12-08');
    const grid = el.shadowRoot!.querySelector('[role="grid"]')!;
    expect(grid.getAttribute('aria-labelledby')).to.equal('week-label');
    expect(el.shadowRoot!.getElementById('week-label')!.textContent).to.equal('Week 7–13 Dec');
    expect(grid.querySelectorAll('[role="row"]')).to.have.length(1);
    const cells = [...grid.querySelectorAll('[role="gridcell"]')];
    expect(cells).to.have.length(7);
    expect(cells.map((c) => c.getAttribute('aria-selected'))).to.deep.equal(['false', 'true', 'false', 'false', 'false', 'false', 'false']);
    const buttons = dayButtons(el);
    expect(buttons[1]!.querySelector('.visually-hidden')!.textContent).to.equal('Tuesday 8 December, 5 free times');
    expect(buttons.map((b) => b.classList.contains('free'))).to.deep.equal([false, true, false, true, true, false, false]);
    // The mark is visible, not only in the name: a free day's dot has a colour, a full day's none.
    const dot = (b: HTMLButtonElement) => getComputedStyle(b.querySelector('.mark')!).backgroundColor;
    expect(dot(buttons[3]!)).to.not.equal(dot(buttons[2]!));
    expect(tabStops(el)).to.deep.equal(['2026-12-08']);
    await expect(el).to.be.accessible();
  });

  it('arrows, Home and End move focus within the week and carry the one tab stop; Enter and Space choose', async () => {
    const el = await picker(week('2026-12-07'), '2026-12-08');
    dayButtons(el)[1]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(focusedDay(el)).to.equal('2026-12-09');
    expect(tabStops(el)).to.deep.equal(['2026-12-09']);
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    expect(focusedDay(el)).to.equal('2026-12-13');
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    expect(focusedDay(el)).to.equal('2026-12-07');
    await sendKeys({ press: 'ArrowLeft' });
    // Monday of the current week: nothing before it, focus stays.
    await el.updateComplete;
    expect(focusedDay(el)).to.equal('2026-12-07');
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    const entered = oneEvent(el, 'day-select') as Promise<DaySelectEvent>;
    await sendKeys({ press: 'Enter' });
    expect((await entered).day).to.equal('2026-12-10');
    await sendKeys({ press: 'ArrowRight' });
    const spaced = oneEvent(el, 'day-select') as Promise<DaySelectEvent>;
    await sendKeys({ press: 'Space' });
    expect((await spaced).day).to.equal('2026-12-11');
  });

  it('PageDown asks for the next week at the same weekday and keeps focus there once the week arrives', async () => {
    const el = await picker(week('2026-12-07'), '2026-12-08', true);
    dayButtons(el)[3]!.focus();
    const asked = oneEvent(el, 'week-select') as Promise<WeekSelectEvent>;
    await sendKeys({ press: 'PageDown' });
    const event = await asked;
    expect([event.weeks, event.day]).to.deep.equal([1, '2026-12-17']);
    // The time step swaps in the next week's days, first without marks (loading), then with them.
    el.days = week('2026-12-14', [undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
    el.removeAttribute('no-previous');
    await el.updateComplete;
    expect(focusedDay(el)).to.equal('2026-12-17');
    el.days = week('2026-12-14', [2, 0, 0, 4, 0, 0, 0]);
    el.selected = '2026-12-14';
    await el.updateComplete;
    expect(focusedDay(el)).to.equal('2026-12-17');
    expect(tabStops(el)).to.deep.equal(['2026-12-17']);
  });

  it('→ on Sunday goes on to next Monday, ↑/PageUp go back a week, and not before the current week', async () => {
    const el = await picker(week('2026-12-07'), undefined, true);
    expect(tabStops(el)).to.deep.equal(['2026-12-07']);
    dayButtons(el)[6]!.focus();
    const events: WeekSelectEvent[] = [];
    el.addEventListener('week-select', (e) => events.push(e as WeekSelectEvent));
    await sendKeys({ press: 'PageUp' });
    await sendKeys({ press: 'ArrowUp' });
    expect(events).to.have.length(0);
    await sendKeys({ press: 'ArrowRight' });
    expect(events.map((e) => [e.weeks, e.day])).to.deep.equal([[1, '2026-12-14']]);
    el.days = week('2026-12-14');
    el.noPrevious = false;
    await el.updateComplete;
    expect(focusedDay(el)).to.equal('2026-12-14');
    await sendKeys({ press: 'ArrowUp' });
    expect(events.map((e) => [e.weeks, e.day]).at(-1)).to.deep.equal([-1, addDays('2026-12-14', -7)]);
  });

  it('seven days fit a narrow slot (one-letter weekdays) and a wide one (short weekdays) without overflowing', async () => {
    for (const [width, shown] of [[230, 'M'], [400, 'Mon']] as const) {
      const el = await fixture<ItbDayPicker>(html`<div style="width: ${width}px"><itb-day-picker .days=${week('2026-12-07')}
        week-label="Week 7–13 Dec" previous-label="Previous week" next-label="Next week"></itb-day-picker></div>`).then((box) => box.firstElementChild as ItbDayPicker);
      await el.updateComplete;
      const first = dayButtons(el)[0]!;
      expect(first.querySelector<HTMLElement>(shown === 'M' ? '.narrow' : '.short')!.offsetWidth, `at ${width}px`).to.be.greaterThan(0);
      expect(first.querySelector<HTMLElement>(shown === 'M' ? '.short' : '.narrow')!.offsetWidth, `at ${width}px`).to.equal(0);
      for (const day of dayButtons(el)) expect(day.scrollWidth, `${day.dataset['day']!} at ${width}px`).to.be.at.most(day.clientWidth + 2);
      const row = el.shadowRoot!.querySelector<HTMLElement>('.row')!;
      expect(row.scrollWidth, `row at ${width}px`).to.be.at.most(width);
    }
  });

  it('the week buttons ask for a whole week and have full names', async () => {
    const el = await picker(week('2026-12-07'), undefined, true);
    const [previous, next] = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.nav')];
    expect(previous!.disabled).to.equal(true);
    expect(previous!.textContent!.trim()).to.equal('Previous week');
    const asked = oneEvent(el, 'week-select') as Promise<WeekSelectEvent>;
    next!.click();
    const event = await asked;
    expect([event.weeks, event.day]).to.deep.equal([1, undefined]);
    expect(next!.getBoundingClientRect().width).to.be.at.least(44);
    expect(next!.getBoundingClientRect().height).to.be.at.least(44);
  });
});
