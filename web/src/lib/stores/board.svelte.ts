import { STAGES } from '@rapport/shared/domain/enums';
import type { Card, Stage } from '@rapport/shared';
import { contactsApi, handleError, pipelineApi } from '$lib/api';
import { filtersQuery, type BoardFilters } from '$lib/board/filters';
import { appendPage, applyDrop, cardFromContact, commitMove, moveCard, type Column, type PendingMove, type StageMover } from '$lib/board/moves';
import { STAGE_LABEL } from '$lib/format';

export const FIRST_PAGE = 25;
export const NEXT_PAGE = 50;

/**
 * The pipeline board's state. Moves are optimistic: the card changes column at once, the API is
 * called, and a refusal puts the card back where it was with a message.
 */
export class BoardStore {
  columns = $state<Column[]>(STAGES.map((stage) => ({ stage, total: 0, items: [], nextCursor: null })));
  status = $state<'loading' | 'ready' | 'error'>('loading');
  /** True while a reload (filters changed) is in flight over already shown cards. */
  refreshing = $state(false);
  loadingMore = $state<Partial<Record<Stage, boolean>>>({});
  /** Polite announcement of the last move for screen readers. */
  announcement = $state('');

  #seq = 0;
  #abort: AbortController | null = null;
  #filters: BoardFilters | null = null;
  #meId: string | null = null;
  #origins = new Map<string, { stage: Stage; index: number }>();

  readonly #api: StageMover;

  constructor(api: StageMover = contactsApi) {
    this.#api = api;
  }

  get empty() {
    return this.status === 'ready' && this.columns.every((c) => c.total === 0);
  }

  card(id: string): Card | undefined {
    for (const c of this.columns) {
      const card = c.items.find((x) => x.id === id);
      if (card) return card;
    }
    return undefined;
  }

  async load(filters: BoardFilters, meId: string | null) {
    const seq = ++this.#seq;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.#filters = filters;
    this.#meId = meId;
    if (this.status === 'ready') this.refreshing = true;
    else this.status = 'loading';
    try {
      const board = await pipelineApi.get({ ...filtersQuery(filters, meId), limit: FIRST_PAGE }, abort.signal);
      if (seq !== this.#seq) return;
      this.columns = board.stages.map((s) => ({ stage: s.stage, total: s.total, items: s.items, nextCursor: s.nextCursor }));
      this.status = 'ready';
    } catch (err) {
      if (seq !== this.#seq) return;
      if ((err as Error)?.name === 'AbortError') return;
      handleError(err, 'Could not load the board');
      if (this.status !== 'ready') this.status = 'error';
    } finally {
      if (seq === this.#seq) this.refreshing = false;
    }
  }

  reload() {
    if (this.#filters) return this.load(this.#filters, this.#meId);
  }

  /** The column's next page: `GET /contacts?stage=…&cursor=…&sort=attention` with the board's filters. */
  async loadMore(stage: Stage) {
    const col = this.columns.find((c) => c.stage === stage);
    if (!col?.nextCursor || this.loadingMore[stage]) return;
    const seq = this.#seq;
    this.loadingMore = { ...this.loadingMore, [stage]: true };
    try {
      const page = await contactsApi.list({
        ...filtersQuery(this.#filters ?? { owner: 'anyone', tag: '', q: '' }, this.#meId),
        stage,
        cursor: col.nextCursor,
        sort: 'attention',
        limit: NEXT_PAGE,
      });
      if (seq !== this.#seq) return;
      this.columns = appendPage(this.columns, stage, page.items.map((c) => cardFromContact(c)), page.nextCursor);
    } catch (err) {
      handleError(err, `Could not load more ${STAGE_LABEL[stage].toLowerCase()} contacts`);
    } finally {
      this.loadingMore = { ...this.loadingMore, [stage]: false };
    }
  }

  /** "Move to…" and keyboard shortcuts. */
  async move(id: string, to: Stage) {
    const result = moveCard(this.columns, id, to);
    if (!result) return;
    this.columns = result.columns;
    await this.#commit(result.move);
  }

  /** svelte-dnd-action `consider`: follow the drag; remember where the dragged card started. */
  consider(stage: Stage, items: Card[], draggedId?: string, started = false) {
    if (started && draggedId) {
      const col = this.columns.find((c) => c.stage === stage);
      const index = col?.items.findIndex((c) => c.id === draggedId) ?? -1;
      if (index >= 0) this.#origins.set(draggedId, { stage, index });
    }
    this.columns = this.columns.map((c) => (c.stage === stage ? { ...c, items } : c));
  }

  /** svelte-dnd-action `finalize`: the drop. Cards that changed column are moved on the server. */
  finalize(stage: Stage, items: Card[]) {
    const { columns, moves } = applyDrop(this.columns, stage, items, this.#origins);
    this.columns = columns;
    for (const move of moves) {
      this.#origins.delete(move.card.id);
      void this.#commit(move);
    }
  }

  async #commit(move: PendingMove) {
    const name = move.card.name;
    this.announcement = `${name} moved to ${STAGE_LABEL[move.to]}.`;
    const result = await commitMove(this, this.#api, move);
    if (!result.ok) {
      this.announcement = `${name} could not be moved; back in ${STAGE_LABEL[move.from]}.`;
      handleError(result.error, `${name} stays in ${STAGE_LABEL[move.from]}`);
    }
  }

  /** A contact created from the board goes to the top of its column. */
  added(card: Card) {
    this.columns = this.columns.map((c) =>
      c.stage === card.stage ? { ...c, total: c.total + 1, items: [card, ...c.items.filter((x) => x.id !== card.id)] } : c,
    );
  }
}
