import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openSession, screenshot, type Session, screenshotOnFailure as failureScreenshot } from './support/browser';
import { startApp, type RunningApp } from './support/app';
import { column, signUp } from './support/flows';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; any: { message: string }[] }[];
}

/** Runs axe-core (WCAG 2.x A and AA rules) on the page as it is and lists what fails. */
async function violations(page: Page, theme: 'light' | 'dark' = 'light'): Promise<string[]> {
  await page.emulateMedia({ colorScheme: theme });
  await page.waitForTimeout(250); // let colour transitions finish before measuring contrast
  await page.addScriptTag({ path: AXE });
  const result = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })`,
  )) as { violations: AxeViolation[] };
  await page.emulateMedia({ colorScheme: 'light' });
  return result.violations.map(
    (v) =>
      `[${theme}] ${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => `${n.target.join(' ')}${n.any[0] ? ` (${n.any[0].message})` : ''}`)
        .join(' | ')}`,
  );
}

/** Every page checked by axe in light and dark; the board also by keyboard alone. */
describe('accessibility', () => {
  let running: RunningApp;
  let browser: Browser;
  let s: Session;

  beforeAll(async () => {
    running = await startApp();
    browser = await launchBrowser();
    s = await openSession(browser, running.baseURL);
  });
  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  const screenshotOnFailure = (name: string) => failureScreenshot(s.page, name);

  it('sign-up and log-in pages pass axe', async () => {
    screenshotOnFailure('a11y-auth');
    await s.page.goto('/signup');
    await s.page.getByRole('button', { name: 'Sign up' }).waitFor();
    expect(await violations(s.page)).toEqual([]);
    await s.page.goto('/login');
    await s.page.getByRole('button', { name: 'Log in' }).waitFor();
    expect(await violations(s.page)).toEqual([]);
  });

  it('the empty board and the demo board pass axe, light and dark', async () => {
    screenshotOnFailure('a11y-board');
    const { page } = s;
    await signUp(page, { name: 'Ally Owner', workspace: 'Ally Bakery' });
    expect(await violations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Load demo data' }).click();
    await column(page, 'Evangelist').getByRole('article').first().waitFor({ timeout: 30_000 });
    await page.getByRole('status').locator('.toast').first().waitFor({ state: 'detached', timeout: 10_000 });
    await page.locator('.board.refreshing').waitFor({ state: 'detached' });
    expect(await violations(page)).toEqual([]);
    expect(await violations(page, 'dark')).toEqual([]);
  });

  it('moves a card with the keyboard alone, from the search box onwards', async () => {
    screenshotOnFailure('a11y-keyboard');
    const { page } = s;
    await page.getByLabel('Search contacts').focus();
    // Tab forward until a card's "Move … to…" button has focus.
    let label = '';
    for (let i = 0; i < 30 && !label.startsWith('Move '); i++) {
      await page.keyboard.press('Tab');
      label = (await page.locator(':focus').getAttribute('aria-label')) ?? '';
    }
    expect(label).toMatch(/^Move .+ to…$/);
    const name = label.slice('Move '.length, -' to…'.length);
    const from = await page.locator(':focus').evaluate((el) => el.closest('[data-stage]')?.getAttribute('data-stage'));
    await page.keyboard.press('ArrowDown'); // opens the menu on the first choice
    const menu = page.getByRole('menu', { name: `Move ${name} to` });
    await menu.waitFor();
    await page.keyboard.press('End'); // Evangelist (or Customer when it is one already)
    const target = (await page.locator(':focus').innerText()).trim();
    await page.keyboard.press('Enter');
    const stage = target as 'Evangelist' | 'Customer';
    await expect.poll(() => column(page, stage).getByRole('link', { name, exact: true }).count()).toBe(1);
    expect(from).not.toBe(stage.toLowerCase());
    // Focus followed the card; its menu opens again from the keyboard, and Escape closes it and gives focus back.
    await expect.poll(() => column(page, stage).locator('[data-card-id]:focus').count()).toBe(1);
    const trigger = page.getByRole('button', { name: `Move ${name} to…` });
    await trigger.focus();
    await page.keyboard.press('Enter');
    await menu.waitFor();
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });
    expect(await trigger.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
  });

  it('the contact page, follow-ups, contacts, referrals and settings pass axe', async () => {
    screenshotOnFailure('a11y-pages');
    const { page } = s;
    await column(page, 'Customer').locator('a.name').first().click();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    await page.locator('.timeline li').first().waitFor();
    expect(await violations(page)).toEqual([]);
    expect(await violations(page, 'dark')).toEqual([]);
    for (const [path, ready] of [
      ['/follow-ups', 'tab'],
      ['/contacts', 'checkbox'],
      ['/referrals', 'heading'],
      ['/settings', 'button'],
    ] as const) {
      await page.goto(path);
      await page.getByRole(ready).first().waitFor();
      await page.waitForTimeout(300);
      expect(await violations(page), path).toEqual([]);
      expect(await violations(page, 'dark'), `${path} (dark)`).toEqual([]);
    }
  });

  it('opens dialogs that trap focus and close with Escape', async () => {
    screenshotOnFailure('a11y-dialog');
    const { page } = s;
    await page.goto('/pipeline');
    await page.getByRole('button', { name: 'Add contact', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add contact' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Name').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    expect(await violations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });
});
