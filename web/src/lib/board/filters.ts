/**
 * The board's filters live in the URL (`/pipeline?owner=me&tag=vip&q=ann`), so a filtered board
 * can be bookmarked, shared and restored with Back. Defaults are left out of the URL.
 */
export interface BoardFilters {
  /** `me`: only contacts I own; `anyone`: the whole workspace. */
  owner: 'me' | 'anyone';
  tag: string;
  q: string;
}

export const DEFAULT_FILTERS: BoardFilters = { owner: 'anyone', tag: '', q: '' };

const MAX_Q = 200;
const MAX_TAG = 50;

export function filtersFromParams(params: URLSearchParams): BoardFilters {
  return {
    owner: params.get('owner') === 'me' ? 'me' : 'anyone',
    tag: (params.get('tag') ?? '').trim().slice(0, MAX_TAG),
    q: (params.get('q') ?? '').slice(0, MAX_Q),
  };
}

/** `base` keeps unrelated parameters; filter parameters equal to their default are removed. */
export function filtersToParams(filters: BoardFilters, base?: URLSearchParams): URLSearchParams {
  const params = new URLSearchParams(base);
  const set = (key: string, value: string, fallback: string) => {
    if (value && value !== fallback) params.set(key, value);
    else params.delete(key);
  };
  set('owner', filters.owner, DEFAULT_FILTERS.owner);
  set('tag', filters.tag.trim(), '');
  set('q', filters.q.trim(), '');
  return params;
}

/** The search string of a URL for these filters (`?owner=me` or ''). */
export function filtersSearch(filters: BoardFilters, base?: URLSearchParams): string {
  const s = filtersToParams(filters, base).toString();
  return s ? `?${s}` : '';
}

export function sameFilters(a: BoardFilters, b: BoardFilters): boolean {
  return a.owner === b.owner && a.tag.trim() === b.tag.trim() && a.q.trim() === b.q.trim();
}

export function isFiltered(f: BoardFilters): boolean {
  return !sameFilters(f, DEFAULT_FILTERS);
}

/** The API query (`GET /pipeline`, `GET /contacts`) for these filters. */
export function filtersQuery(filters: BoardFilters, meId: string | null): { ownerId?: string; tag?: string; q?: string } {
  const query: { ownerId?: string; tag?: string; q?: string } = {};
  if (filters.owner === 'me' && meId) query.ownerId = meId;
  if (filters.tag.trim()) query.tag = filters.tag.trim();
  if (filters.q.trim()) query.q = filters.q.trim();
  return query;
}
