import { STAGES } from '@rapport/shared/domain/enums';
import type { Card, Contact, Stage } from '@rapport/shared';

/** One column of the board as the page holds it: the cards loaded so far and the stage's total. */
export interface Column {
  stage: Stage;
  total: number;
  items: Card[];
  nextCursor: string | null;
}

/** What is needed to put a card back exactly where it was if the API refuses the move. */
export interface PendingMove {
  card: Card;
  from: Stage;
  to: Stage;
  fromIndex: number;
}

function column(columns: Column[], stage: Stage): Column | undefined {
  return columns.find((c) => c.stage === stage);
}

/**
 * Moves a card to `to` (inserted at `index`, default the top), updating both totals — the
 * optimistic half of a stage move. Returns null when the card is not on the board or already there.
 */
export function moveCard(columns: Column[], id: string, to: Stage, index = 0): { columns: Column[]; move: PendingMove } | null {
  const origin = columns.find((c) => c.items.some((card) => card.id === id));
  if (!origin || origin.stage === to || !column(columns, to)) return null;
  const fromIndex = origin.items.findIndex((c) => c.id === id);
  const card = origin.items[fromIndex]!;
  const moved: Card = { ...card, stage: to, suggestedStage: card.suggestedStage === to ? null : card.suggestedStage };
  const next = columns.map((c) => {
    if (c.stage === origin.stage) return { ...c, total: Math.max(0, c.total - 1), items: c.items.filter((x) => x.id !== id) };
    if (c.stage === to) {
      const items = [...c.items];
      items.splice(Math.max(0, Math.min(index, items.length)), 0, moved);
      return { ...c, total: c.total + 1, items };
    }
    return c;
  });
  return { columns: next, move: { card, from: origin.stage, to, fromIndex } };
}

/**
 * After a drop, svelte-dnd-action hands each zone its new item list. Cards whose `stage` differs
 * from the zone's are the ones that arrived: they take the zone's stage and the totals follow.
 * Returns the new columns and the moves to send to the API.
 */
export function applyDrop(
  columns: Column[],
  stage: Stage,
  items: Card[],
  origins: ReadonlyMap<string, { stage: Stage; index: number }>,
): { columns: Column[]; moves: PendingMove[] } {
  const moves: PendingMove[] = [];
  const arrived = items.filter((card) => card.stage !== stage);
  for (const card of arrived) {
    const origin = origins.get(card.id);
    moves.push({ card, from: card.stage, to: stage, fromIndex: origin?.index ?? 0 });
  }
  const next = columns.map((c) => {
    if (c.stage === stage) {
      return {
        ...c,
        total: c.total + arrived.length,
        items: items.map((card) => (card.stage === stage ? card : { ...card, stage, suggestedStage: card.suggestedStage === stage ? null : card.suggestedStage })),
      };
    }
    const left = moves.filter((m) => m.from === c.stage).length;
    return left ? { ...c, total: Math.max(0, c.total - left) } : c;
  });
  return { columns: next, moves };
}

/** Puts a refused move back: the card returns to its column at its old position, totals restored. */
export function revertMove(columns: Column[], move: PendingMove): Column[] {
  const present = columns.some((c) => c.items.some((x) => x.id === move.card.id));
  return columns.map((c) => {
    if (c.stage === move.to) {
      return { ...c, total: Math.max(0, c.total - (present ? 1 : 0)), items: c.items.filter((x) => x.id !== move.card.id) };
    }
    if (c.stage === move.from) {
      const items = c.items.filter((x) => x.id !== move.card.id);
      items.splice(Math.min(move.fromIndex, items.length), 0, move.card);
      return { ...c, total: c.total + 1, items };
    }
    return c;
  });
}

/** Replaces a card's fields with what the server says after a move (health, suggestion, dates). */
export function confirmMove(columns: Column[], contact: Contact): Column[] {
  return columns.map((c) => ({
    ...c,
    items: c.items.map((card) =>
      card.id === contact.id
        ? {
            ...card,
            stage: contact.stage,
            health: contact.health,
            lastTouchAt: contact.lastTouchAt,
            nextTouchAt: contact.nextTouchAt,
            suggestedStage: card.suggestedStage === contact.stage ? null : card.suggestedStage,
          }
        : card,
    ),
  }));
}

/** The next/previous stage in funnel order (for keyboard shortcuts on a card). */
export function neighbourStage(stage: Stage, step: 1 | -1): Stage | null {
  return STAGES[STAGES.indexOf(stage) + step] ?? null;
}

/**
 * `GET /contacts` (the column's next pages) answers with contacts, not cards: the card fields the
 * contact lacks are derived (`overdue` from nextTouchAt) or left empty (reminder, suggestion).
 */
export function cardFromContact(contact: Contact, now = Date.now()): Card {
  return {
    id: contact.id,
    name: contact.name,
    company: contact.company,
    stage: contact.stage,
    ownerId: contact.ownerId,
    tags: contact.tags,
    value: contact.value,
    lastTouchAt: contact.lastTouchAt,
    nextTouchAt: contact.nextTouchAt,
    nextReminderAt: null,
    overdue: contact.nextTouchAt !== null && Date.parse(contact.nextTouchAt) < now,
    health: contact.health,
    suggestedStage: null,
  };
}

/** Adds a page of cards to a column, skipping any already shown (a card moved in meanwhile). */
export function appendPage(columns: Column[], stage: Stage, cards: Card[], nextCursor: string | null): Column[] {
  return columns.map((c) => {
    if (c.stage !== stage) return c;
    const seen = new Set(columns.flatMap((x) => x.items.map((i) => i.id)));
    return { ...c, items: [...c.items, ...cards.filter((card) => !seen.has(card.id))], nextCursor };
  });
}

export interface StageMover {
  moveStage(id: string, stage: Stage): Promise<Contact>;
}

/**
 * The second half of an optimistic move, on anything that holds the columns (the board store, a
 * test's plain object): asks the API, then confirms the card with the server's answer or puts it
 * back. Reads `state.columns` after the await, so other moves made meanwhile are kept.
 */
export async function commitMove(
  state: { columns: Column[] },
  api: StageMover,
  move: PendingMove,
): Promise<{ ok: true; contact: Contact } | { ok: false; error: unknown }> {
  try {
    const contact = await api.moveStage(move.card.id, move.to);
    state.columns = confirmMove(state.columns, contact);
    return { ok: true, contact };
  } catch (error) {
    state.columns = revertMove(state.columns, move);
    return { ok: false, error };
  }
}
