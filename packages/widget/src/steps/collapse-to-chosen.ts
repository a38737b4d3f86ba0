/**
 * A radio list that collapses to the chosen card once a choice is made, and a "Change" button that
 * opens it again (issue 13: at 320 px a full clinic list and a full treatment list are four screens).
 *
 * When it collapses matters for keyboard users: arrow keys in a radio group choose as they move, so
 * collapsing on every change would leave a screen reader user, who arrows through the options to
 * hear them, with one option after the first key press. So: a click or Space (a deliberate pick)
 * collapses at once; after arrow keys the list stays open until focus leaves it or Enter is pressed.
 * The list is rendered with `repeat` keyed by id, so the chosen radio is the same element before
 * and after collapsing and keeps focus.
 * @module
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

const ARROWS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']);

export class CollapseToChosen implements ReactiveController {
  private readonly host: Host;
  private readonly radioName: string;
  /** The patient pressed Change: show every option until they pick one or leave. */
  private reopened = false;
  /** A keyboard user is moving through the options with the arrow keys. */
  private browsing = false;
  /** Bring the chosen card into view after the list above it shrank away. */
  private revealChosen = false;

  constructor(host: Host, radioName: string) {
    this.host = host;
    this.radioName = radioName;
    host.addController(this);
  }

  hostUpdated(): void {
    if (!this.revealChosen) return;
    this.revealChosen = false;
    this.checkedRadio()?.closest('li')?.scrollIntoView({ block: 'nearest' });
  }

  /** Whether to show every option: nothing chosen yet (or the choice is not listed), Change, or browsing. */
  isOpen(chosen: string | undefined, listed: readonly string[]): boolean {
    return chosen === undefined || !listed.includes(chosen) || this.reopened || this.browsing;
  }

  /** On the list: arrow keys mean browsing; Enter settles on the focused choice. */
  readonly onKeydown = (event: KeyboardEvent): void => {
    if (ARROWS.has(event.key)) {
      this.browsing = true;
    } else if (event.key === 'Enter' && (event.target as HTMLInputElement | null)?.name === this.radioName && (event.target as HTMLInputElement).checked) {
      event.preventDefault();
      this.collapse();
    }
  };

  /** On a radio: a click (mouse, touch or Space) is a deliberate pick, so the list closes. */
  readonly onRadioClick = (): void => {
    if (!this.browsing) this.collapse();
  };

  /** On the list's fieldset: focus went elsewhere in the page, so a browsing or reopened list closes. */
  readonly onFocusout = (event: FocusEvent): void => {
    const to = event.relatedTarget as Node | null;
    // No target: the window lost focus (another tab), not a move within the page.
    if (to === null || (event.currentTarget as Node).contains(to)) return;
    if (!this.browsing && !this.reopened) return;
    this.browsing = false;
    this.reopened = false;
    this.host.requestUpdate();
  };

  /** The Change button: every option again, with focus on the chosen one (where arrow keys start). */
  async reopen(): Promise<void> {
    this.reopened = true;
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.checkedRadio()?.focus();
  }

  private collapse(): void {
    const wasOpen = this.reopened || this.browsing;
    this.reopened = false;
    this.browsing = false;
    this.revealChosen = true;
    if (wasOpen) this.host.requestUpdate();
  }

  private checkedRadio(): HTMLInputElement | null {
    return this.host.renderRoot.querySelector<HTMLInputElement>(`input[name="${this.radioName}"]:checked`);
  }
}
