import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, filtersFromParams, filtersQuery, filtersSearch, filtersToParams, isFiltered, sameFilters } from './filters';

const ME = '7f1c1c6e-2d0a-4a53-9f55-0a4f0bb5a001';

describe('board filters ↔ URL', () => {
  it('reads defaults from an empty query string', () => {
    expect(filtersFromParams(new URLSearchParams())).toEqual(DEFAULT_FILTERS);
    expect(isFiltered(DEFAULT_FILTERS)).toBe(false);
  });

  it('reads owner, tag and search', () => {
    expect(filtersFromParams(new URLSearchParams('owner=me&tag=%20vip%20&q=ann%20lee'))).toEqual({ owner: 'me', tag: 'vip', q: 'ann lee' });
  });

  it('treats an unknown owner value as anyone and caps long values', () => {
    const f = filtersFromParams(new URLSearchParams(`owner=boss&tag=${'t'.repeat(80)}&q=${'q'.repeat(300)}`));
    expect(f.owner).toBe('anyone');
    expect(f.tag).toHaveLength(50);
    expect(f.q).toHaveLength(200);
  });

  it('writes only what differs from the defaults', () => {
    expect(filtersSearch(DEFAULT_FILTERS)).toBe('');
    expect(filtersSearch({ owner: 'me', tag: '', q: '' })).toBe('?owner=me');
    expect(filtersSearch({ owner: 'anyone', tag: ' vip ', q: ' ann ' })).toBe('?tag=vip&q=ann');
  });

  it('keeps unrelated parameters and drops cleared filters', () => {
    const base = new URLSearchParams('view=compact&tag=old&q=x');
    expect(filtersToParams({ owner: 'anyone', tag: '', q: '' }, base).toString()).toBe('view=compact');
  });

  it('round-trips through the URL', () => {
    const f = { owner: 'me' as const, tag: 'wholesale', q: 'café & co' };
    expect(filtersFromParams(filtersToParams(f))).toEqual(f);
    expect(sameFilters(f, { ...f, q: ' café & co ' })).toBe(true);
    expect(sameFilters(f, { ...f, tag: 'retail' })).toBe(false);
  });

  it('turns filters into the API query (owner=me needs who I am)', () => {
    expect(filtersQuery({ owner: 'me', tag: 'vip', q: ' ann ' }, ME)).toEqual({ ownerId: ME, tag: 'vip', q: 'ann' });
    expect(filtersQuery({ owner: 'me', tag: '', q: '' }, null)).toEqual({});
    expect(filtersQuery(DEFAULT_FILTERS, ME)).toEqual({});
  });
});
