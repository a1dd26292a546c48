import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openSession, screenshot, type Session, screenshotOnFailure as failureScreenshot } from './support/browser';
import { startApp, type RunningApp } from './support/app';
import { card, column, signUp, total } from './support/flows';

/** The board and lists against the demo workspace: paging, URL filters, rollback, small screens, dark mode, bulk edits. */
describe('working the pipeline', () => {
  let running: RunningApp;
  let browser: Browser;
  let s: Session;

  beforeAll(async () => {
    running = await startApp();
    browser = await launchBrowser();
    s = await openSession(browser, running.baseURL);
    await signUp(s.page, { name: 'Olive Owner', workspace: 'Olive Bakery' });
    await s.page.getByRole('button', { name: 'Load demo data' }).click();
    await column(s.page, 'Evangelist').getByRole('article').first().waitFor({ timeout: 30_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  const screenshotOnFailure = (name: string) => failureScreenshot(s.page, name);

  it('pages more cards into a column instead of rendering them all', async () => {
    screenshotOnFailure('paging');
    const { page } = s;
    const stranger = column(page, 'Stranger');
    const all = await total(page, 'Stranger');
    const shown = await stranger.getByRole('article').count();
    expect(shown).toBeLessThan(all);
    await stranger.getByRole('button', { name: /Load more/ }).click();
    await expect.poll(() => stranger.getByRole('article').count()).toBe(all);
    expect(await stranger.getByRole('button', { name: /Load more/ }).count()).toBe(0);
  });

  it('keeps its filters in the URL: search (debounced), owner, tag, clear', async () => {
    screenshotOnFailure('filters');
    const { page } = s;
    const totals = async () => (await Promise.all((['Stranger', 'Friend', 'Customer', 'Evangelist'] as const).map((st) => total(page, st)))).reduce((a, b) => a + b, 0);
    const everyone = await totals();
    await page.getByLabel('Search contacts').fill('Rosa');
    await page.waitForURL(/\?q=Rosa$/);
    // The search is typo-tolerant (a Rose may show up too), but it narrows the board to the Rosas.
    await expect.poll(totals).toBeLessThan(everyone / 2);
    expect((await page.locator('[data-card-id] a.name').allInnerTexts()).filter((n) => /rosa/i.test(n)).length).toBeGreaterThan(0);
    await page.reload();
    expect(await page.getByLabel('Search contacts').inputValue()).toBe('Rosa');
    await expect.poll(() => page.locator('[data-card-id]').count()).toBeGreaterThan(0);

    await page.getByRole('radio', { name: 'Mine' }).check();
    await page.waitForURL(/owner=me/);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL((url) => url.pathname === '/pipeline' && url.search === '');
    expect(await page.getByLabel('Search contacts').inputValue()).toBe('');

    // A tag on a card filters the board to that tag.
    const tagButton = column(page, 'Friend').locator('button.tag').first();
    const tag = (await tagButton.innerText()).trim();
    await tagButton.click();
    // A client-side replaceState: poll the URL (waitForURL can miss a same-document change on a busy machine).
    await expect.poll(() => page.url(), { timeout: 15_000 }).toMatch(new RegExp(`tag=${encodeURIComponent(tag)}`));
    expect(await page.getByLabel('Tag', { exact: true }).inputValue()).toBe(tag);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL((url) => url.search === '');
  });

  it('rolls a refused move back and says why', async () => {
    screenshotOnFailure('rollback');
    const { page } = s;
    const first = column(page, 'Friend').locator('[data-card-id]').first();
    const name = (await first.locator('a.name').innerText()).trim();
    const friendsBefore = await total(page, 'Friend');
    await page.route('**/api/v1/contacts/*/stage', (route) =>
      route.fulfill({
        status: 409,
        contentType: 'application/problem+json',
        body: JSON.stringify({ type: 'https://rapport.app/problems/conflict', title: 'Conflict', status: 409, detail: 'This contact is being merged' }),
      }),
    );
    await page.getByRole('button', { name: `Move ${name} to…` }).click();
    await page.getByRole('menu', { name: `Move ${name} to` }).getByRole('menuitemradio', { name: 'Evangelist' }).click();
    await expect.poll(() => page.getByRole('status').getByText(`${name} stays in Friend: This contact is being merged`).isVisible()).toBe(true);
    await expect.poll(() => column(page, 'Friend').getByRole('link', { name, exact: true }).count()).toBe(1);
    expect(await column(page, 'Evangelist').getByRole('link', { name, exact: true }).count()).toBe(0);
    expect(await total(page, 'Friend')).toBe(friendsBefore);
    await page.unroute('**/api/v1/contacts/*/stage');
  });

  it('fits a 375 px phone: the columns scroll sideways, the page does not', async () => {
    screenshotOnFailure('mobile');
    const { page } = s;
    await page.setViewportSize({ width: 375, height: 760 });
    await page.goto('/pipeline');
    await expect.poll(() => column(page, 'Stranger').getByRole('article').count()).toBeGreaterThan(0);
    const board = page.locator('.board');
    const [scrollWidth, clientWidth] = await board.evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(scrollWidth).toBeGreaterThan(clientWidth);
    expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(375);
    await screenshot(page, 'board-375');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('follows the system dark theme', async () => {
    screenshotOnFailure('dark');
    const { page } = s;
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/pipeline');
    await expect.poll(() => column(page, 'Customer').getByRole('article').count()).toBeGreaterThan(0);
    const bg = await page.evaluate('getComputedStyle(document.body).backgroundColor');
    expect(bg).toBe('rgb(14, 16, 20)');
    await screenshot(page, 'board-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('selects contacts in the list and moves them in bulk', async () => {
    screenshotOnFailure('bulk');
    const { page } = s;
    await page.goto('/contacts?stage=stranger');
    const rows = page.locator('tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(2);
    const names = (await rows.locator('td a').allInnerTexts()).slice(0, 2);
    for (const n of names) await page.getByRole('checkbox', { name: `Select ${n}` }).check();
    const bar = page.getByRole('toolbar', { name: 'Bulk actions' });
    expect(await bar.getByText('2 selected').isVisible()).toBe(true);
    await bar.getByRole('button', { name: 'Move selected to…' }).click();
    await page.getByRole('menuitem', { name: 'Friend' }).click();
    await expect.poll(() => page.getByRole('status').getByText('Moved to Friend: 2 contacts.').isVisible()).toBe(true);
    // They left the Stranger view…
    await expect.poll(async () => (await rows.locator('td a').allInnerTexts()).filter((n) => names.includes(n)).length).toBe(0);
    // …and are friends now.
    await page.goto('/pipeline');
    for (const n of names) await expect.poll(() => column(page, 'Friend').getByRole('link', { name: n, exact: true }).count()).toBe(1);
  });

  it('edits a contact inline, archives and restores it, and merges a duplicate', async () => {
    screenshotOnFailure('contact-edits');
    const { page } = s;
    const target = card(page, (await column(page, 'Customer').locator('a.name').first().innerText()).trim());
    const name = (await target.locator('a.name').innerText()).trim();
    await target.getByRole('link', { name, exact: true }).click();
    await page.waitForURL('**/contacts/*');
    const details = page.getByRole('region', { name: 'Details' });

    await details.getByLabel('Phone').fill('+1 555 0100');
    await details.getByLabel('Phone').press('Enter');
    await expect.poll(() => details.getByText('Saved').isVisible()).toBe(true);
    await details.getByLabel('Email').fill('not an email');
    await details.getByLabel('Email').press('Tab');
    await expect.poll(() => details.getByText('Invalid email address').isVisible()).toBe(true);
    await page.reload();
    expect(await page.getByRole('region', { name: 'Details' }).getByLabel('Phone').inputValue()).toBe('+1 555 0100');

    await page.getByRole('button', { name: `More actions for ${name}` }).click();
    await page.getByRole('menuitem', { name: 'Archive' }).click();
    await expect.poll(() => page.getByText(/Archived .* hidden from the board/).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Restore' }).click();
    await expect.poll(() => page.getByText(/hidden from the board/).count()).toBe(0);

    // A duplicate made through the API (same session cookie), merged through the UI.
    const dup = await page.request.post('/api/v1/contacts', { data: { name: `${name} (old)`, phone: '+1 555 0199', notes: 'From the old spreadsheet' } });
    expect(dup.status()).toBe(201);
    await page.getByRole('button', { name: `More actions for ${name}` }).click();
    await page.getByRole('menuitem', { name: 'Merge a duplicate…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Duplicate' }).fill(`${name} (old)`);
    await dialog.getByRole('option', { name: new RegExp(`${name} \\(old\\)`) }).click();
    await dialog.getByRole('button', { name: `Merge into ${name}` }).click();
    await expect.poll(() => page.getByRole('status').getByText(`${name} (old) merged into ${name}.`).isVisible()).toBe(true);
    // Empty fields were filled from the duplicate; the duplicate is archived.
    await expect.poll(() => page.getByRole('region', { name: 'Details' }).getByLabel('Notes').inputValue()).toContain('From the old spreadsheet');
    const dupId = ((await dup.json()) as { id: string }).id;
    const archived = await page.request.get(`/api/v1/contacts/${dupId}`);
    expect(((await archived.json()) as { archivedAt: string | null }).archivedAt).not.toBeNull();
    await page.mouse.wheel(0, -5000);
    expect(s.errors).toEqual([]);
  });
});
