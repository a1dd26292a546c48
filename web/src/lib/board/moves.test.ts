import { describe, expect, it, vi } from 'vitest';
import type { Card, Contact, Stage } from '@rapport/shared';
import { appendPage, applyDrop, cardFromContact, commitMove, moveCard, neighbourStage, revertMove, type Column } from './moves';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function cardOf(n: number, stage: Stage, extra: Partial<Card> = {}): Card {
  return {
    id: uuid(n), name: `Person ${n}`, company: null, stage, ownerId: null, tags: [], value: null, lastTouchAt: null,
    nextTouchAt: null, nextReminderAt: null, overdue: false, health: 50, suggestedStage: null, ...extra,
  };
}

function board(): Column[] {
  return [
    { stage: 'stranger', total: 12, items: [cardOf(1, 'stranger'), cardOf(2, 'stranger'), cardOf(3, 'stranger')], nextCursor: 'c1' },
    { stage: 'friend', total: 1, items: [cardOf(4, 'friend')], nextCursor: null },
    { stage: 'customer', total: 1, items: [cardOf(5, 'customer', { suggestedStage: 'evangelist' })], nextCursor: null },
    { stage: 'evangelist', total: 0, items: [], nextCursor: null },
  ];
}

function contactFrom(card: Card, stage: Stage, health = 77): Contact {
  return {
    id: card.id, name: card.name, email: null, phone: null, company: null, title: null, handles: {}, tags: [], stage,
    ownerId: null, source: 'other', sourceDetail: null, referredById: null, value: null, notes: null, keepInTouchDays: null,
    lastTouchAt: null, nextTouchAt: '2026-12-22T09:00:00.000Z', health, archivedAt: null, createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-22T00:00:00.000Z', stageChangedAt: '2026-11-22T00:00:00.000Z', version: 2,
  };
}

const ids = (c: Column | undefined) => c?.items.map((i) => i.id);
const col = (cols: Column[], s: Stage) => cols.find((c) => c.stage === s)!;

describe('moveCard (the optimistic half)', () => {
  it('moves the card to the top of the target and updates both totals', () => {
    const result = moveCard(board(), uuid(2), 'friend')!;
    expect(ids(col(result.columns, 'stranger'))).toEqual([uuid(1), uuid(3)]);
    expect(ids(col(result.columns, 'friend'))).toEqual([uuid(2), uuid(4)]);
    expect(col(result.columns, 'stranger').total).toBe(11);
    expect(col(result.columns, 'friend').total).toBe(2);
    expect(col(result.columns, 'friend').items[0]!.stage).toBe('friend');
    expect(result.move).toMatchObject({ from: 'stranger', to: 'friend', fromIndex: 1 });
  });

  it('clears a suggestion once the card is moved where it was suggested', () => {
    const result = moveCard(board(), uuid(5), 'evangelist')!;
    expect(col(result.columns, 'evangelist').items[0]!.suggestedStage).toBeNull();
  });

  it('does nothing for an unknown card or the same stage', () => {
    expect(moveCard(board(), uuid(99), 'friend')).toBeNull();
    expect(moveCard(board(), uuid(4), 'friend')).toBeNull();
  });

  it('does not mutate the columns it was given', () => {
    const before = board();
    const snapshot = structuredClone(before);
    moveCard(before, uuid(1), 'customer');
    expect(before).toEqual(snapshot);
  });
});

describe('commitMove (ask the API, confirm or roll back)', () => {
  it('confirms with the server’s contact on success', async () => {
    const state = { columns: board() };
    const { columns, move } = moveCard(state.columns, uuid(2), 'friend')!;
    state.columns = columns;
    const api = { moveStage: vi.fn(async (id: string, stage: Stage) => contactFrom(move.card, stage, 91)) };
    const result = await commitMove(state, api, move);
    expect(result.ok).toBe(true);
    expect(api.moveStage).toHaveBeenCalledWith(uuid(2), 'friend');
    const moved = col(state.columns, 'friend').items[0]!;
    expect(moved).toMatchObject({ id: uuid(2), stage: 'friend', health: 91, nextTouchAt: '2026-12-22T09:00:00.000Z' });
  });

  it('puts the card back where it was, totals included, when the API refuses', async () => {
    const state = { columns: board() };
    const original = structuredClone(state.columns);
    const { columns, move } = moveCard(state.columns, uuid(2), 'evangelist')!;
    state.columns = columns;
    const refusal = new Error('409');
    const result = await commitMove(state, { moveStage: () => Promise.reject(refusal) }, move);
    expect(result).toEqual({ ok: false, error: refusal });
    expect(state.columns).toEqual(original);
  });

  it('keeps another move made while the refused one was in flight', async () => {
    const state = { columns: board() };
    const first = moveCard(state.columns, uuid(1), 'customer')!;
    state.columns = first.columns;
    let reject!: (e: unknown) => void;
    const pending = commitMove(state, { moveStage: () => new Promise<Contact>((_, r) => (reject = r)) }, first.move);
    // Meanwhile another card moves, and succeeds.
    const second = moveCard(state.columns, uuid(4), 'evangelist')!;
    state.columns = second.columns;
    await commitMove(state, { moveStage: async (_id, stage) => contactFrom(second.move.card, stage) }, second.move);
    reject(new Error('refused'));
    await pending;
    expect(ids(col(state.columns, 'stranger'))).toEqual([uuid(1), uuid(2), uuid(3)]);
    expect(ids(col(state.columns, 'customer'))).toEqual([uuid(5)]);
    expect(ids(col(state.columns, 'evangelist'))).toEqual([uuid(4)]);
    expect(state.columns.map((c) => c.total)).toEqual([12, 0, 1, 1]);
  });
});

describe('applyDrop (svelte-dnd-action finalize)', () => {
  it('moves the cards that arrived from another column', () => {
    const cols = board();
    const dragged = cols[0]!.items[2]!;
    const items = [cols[1]!.items[0]!, dragged]; // dropped below Person 4
    const { columns, moves } = applyDrop(cols, 'friend', items, new Map([[dragged.id, { stage: 'stranger' as Stage, index: 2 }]]));
    expect(moves).toEqual([{ card: dragged, from: 'stranger', to: 'friend', fromIndex: 2 }]);
    expect(col(columns, 'friend').items.map((i) => [i.id, i.stage])).toEqual([[uuid(4), 'friend'], [uuid(3), 'friend']]);
    expect(col(columns, 'friend').total).toBe(2);
    expect(col(columns, 'stranger').total).toBe(11);
  });

  it('a reorder inside one column moves nothing', () => {
    const cols = board();
    const { columns, moves } = applyDrop(cols, 'stranger', [...cols[0]!.items].reverse(), new Map());
    expect(moves).toEqual([]);
    expect(col(columns, 'stranger').total).toBe(12);
    expect(ids(col(columns, 'stranger'))).toEqual([uuid(3), uuid(2), uuid(1)]);
  });

  it('a refused drop reverts to the original position', () => {
    const cols = board();
    const dragged = cols[0]!.items[0]!;
    // dnd-action already removed it from the origin column (its own finalize).
    const origin = cols.map((c) => (c.stage === 'stranger' ? { ...c, items: c.items.slice(1) } : c));
    const { columns, moves } = applyDrop(origin, 'customer', [dragged, ...cols[2]!.items], new Map([[dragged.id, { stage: 'stranger' as Stage, index: 0 }]]));
    const reverted = revertMove(columns, moves[0]!);
    expect(reverted).toEqual(board());
  });
});

describe('paging and helpers', () => {
  it('appends a page without repeating cards already on the board', () => {
    const cols = board();
    const next = appendPage(cols, 'stranger', [cardOf(3, 'stranger'), cardOf(4, 'stranger'), cardOf(6, 'stranger')], null);
    expect(ids(col(next, 'stranger'))).toEqual([uuid(1), uuid(2), uuid(3), uuid(6)]);
    expect(col(next, 'stranger').nextCursor).toBeNull();
  });

  it('derives a card from a contact (GET /contacts pages)', () => {
    const c = contactFrom(cardOf(7, 'friend'), 'friend');
    expect(cardFromContact({ ...c, nextTouchAt: '2026-01-01T00:00:00.000Z' }, Date.parse('2026-06-01T00:00:00Z')).overdue).toBe(true);
    expect(cardFromContact(c, Date.parse('2026-06-01T00:00:00Z'))).toMatchObject({ id: c.id, stage: 'friend', overdue: false, nextReminderAt: null });
  });

  it('knows the funnel neighbours', () => {
    expect(neighbourStage('stranger', 1)).toBe('friend');
    expect(neighbourStage('stranger', -1)).toBeNull();
    expect(neighbourStage('evangelist', 1)).toBeNull();
  });
});
