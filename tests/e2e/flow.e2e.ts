import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, DOCS, launchBrowser, openSession, screenshot, type Session, screenshotOnFailure as failureScreenshot } from './support/browser';
import { startApp, type RunningApp } from './support/app';
import { card, column, dragCard, signUp, todayInput, total } from './support/flows';

/**
 * The whole first-day story, one step per test, in one browser session:
 * sign up → add a contact → drag it to Friend → keyboard-move it to Customer → log a touchpoint
 * with a follow-up → see it under Follow-ups → mark it done → add a referral that creates a
 * new contact → (new workspace) load the demo data and see four populated columns.
 */
describe('first day with Rapport', () => {
  let running: RunningApp;
  let browser: Browser;
  let s: Session;
  const shots: string[] = [];

  beforeAll(async () => {
    running = await startApp();
    browser = await launchBrowser();
    s = await openSession(browser, running.baseURL);
  });

  afterAll(async () => {
    await browser?.close();
    await running?.close();
    if (shots.length) console.log(`\nScreenshots:\n  ${shots.join('\n  ')}\n(in ${ARTIFACTS})`);
  });

  // Every failure leaves a picture of what the user saw.
  const screenshotOnFailure = (name: string) => failureScreenshot(s.page, name);

  it('signs up and lands on an empty board that teaches the funnel', async () => {
    screenshotOnFailure('signup');
    await signUp(s.page, { name: 'Ada Baker', workspace: 'Ada Bakery' });
    const { page } = s;
    await expect.poll(() => page.getByText('Turn strangers into friends, friends into customers').isVisible()).toBe(true);
    for (const stage of ['Stranger', 'Friend', 'Customer', 'Evangelist'] as const) {
      expect(await total(page, stage)).toBe(0);
    }
    await expect.poll(() => page.getByRole('button', { name: 'Load demo data' }).isVisible()).toBe(true);
  });

  it('adds a contact from the board', async () => {
    screenshotOnFailure('add-contact');
    const { page } = s;
    await page.getByRole('button', { name: 'Add your first contact' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add contact' });
    await dialog.getByLabel('Name').fill('Ann Lee');
    await dialog.getByLabel('Company').fill('Lee Catering');
    await dialog.getByLabel('Tags').fill('wholesale, events');
    await dialog.getByRole('button', { name: 'Add contact' }).click();
    await expect.poll(() => card(page, 'Ann Lee').isVisible()).toBe(true);
    expect(await column(page, 'Stranger').getByRole('link', { name: 'Ann Lee' }).count()).toBe(1);
    expect(await total(page, 'Stranger')).toBe(1);
  });

  it('moves it to Friend by drag and drop', async () => {
    screenshotOnFailure('drag');
    const { page } = s;
    await dragCard(page, card(page, 'Ann Lee'), column(page, 'Friend').locator('.zone'));
    await expect.poll(() => column(page, 'Friend').getByRole('link', { name: 'Ann Lee' }).count()).toBe(1);
    expect(await column(page, 'Stranger').getByRole('link', { name: 'Ann Lee' }).count()).toBe(0);
    await expect.poll(() => total(page, 'Friend')).toBe(1);
    expect(await total(page, 'Stranger')).toBe(0);
    // The move reached the server: a reload shows the same board.
    await page.reload();
    await expect.poll(() => column(page, 'Friend').getByRole('link', { name: 'Ann Lee' }).count()).toBe(1);
  });

  it('moves it to Customer with the keyboard alone', async () => {
    screenshotOnFailure('keyboard-move');
    const { page } = s;
    const trigger = page.getByRole('button', { name: 'Move Ann Lee to…' });
    await trigger.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: 'Move Ann Lee to' });
    await expect.poll(() => menu.isVisible()).toBe(true);
    // Friend (current) is skipped; walk down to Customer.
    for (let i = 0; i < 4; i++) {
      const focused = (await page.locator(':focus').innerText()).trim();
      if (focused.startsWith('Customer')) break;
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await expect.poll(() => column(page, 'Customer').getByRole('link', { name: 'Ann Lee' }).count()).toBe(1);
    // Focus followed the card into its new column.
    await expect.poll(() => column(page, 'Customer').locator('[data-card-id]:focus').count()).toBe(1);
    await page.reload();
    await expect.poll(() => column(page, 'Customer').getByRole('link', { name: 'Ann Lee' }).count()).toBe(1);
    shots.push(await screenshot(page, 'board'));
  });

  it('logs a touchpoint with a follow-up on the contact page', async () => {
    screenshotOnFailure('log-touchpoint');
    const { page } = s;
    await card(page, 'Ann Lee').getByRole('link', { name: 'Ann Lee' }).click();
    await page.waitForURL('**/contacts/*');
    await expect.poll(() => page.getByRole('heading', { name: 'Timeline' }).isVisible()).toBe(true);
    const form = page.getByRole('form', { name: 'Log a touchpoint with Ann Lee' });
    await form.getByRole('radio', { name: 'Video call' }).check();
    await form.getByRole('radio', { name: 'They reached out' }).check();
    await form.getByLabel('Summary').fill('Asked for a quote on 200 canapés for a launch party');
    await form.getByRole('radio', { name: 'Positive' }).check();
    await form.getByLabel('Set a follow-up').check();
    await form.getByLabel('Follow-up date').fill(todayInput());
    await form.getByLabel('Follow-up note').fill('Send the canapé quote');
    await form.getByRole('button', { name: 'Log touchpoint' }).click();
    const timeline = page.locator('.timeline');
    await expect.poll(() => timeline.getByText('Asked for a quote on 200 canapés').isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('region', { name: 'Follow-ups' }).getByText('Send the canapé quote').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Last touch').locator('..').innerText()).toContain('just now');
    await page.mouse.wheel(0, -5000);
    shots.push(await screenshot(page, 'contact'));
  });

  it('shows the follow-up under Follow-ups and marks it done', async () => {
    screenshotOnFailure('follow-ups');
    const { page } = s;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Follow-ups/ }).click();
    await page.waitForURL('**/follow-ups');
    await page.getByRole('tab', { name: /Today/ }).click();
    const panel = page.getByRole('tabpanel');
    const item = panel.getByRole('listitem').filter({ hasText: 'Send the canapé quote' });
    await expect.poll(() => item.isVisible()).toBe(true);
    await expect.poll(() => item.getByRole('link', { name: 'Ann Lee' }).isVisible()).toBe(true);
    shots.push(await screenshot(page, 'follow-ups'));
    await item.getByRole('button', { name: /^Done/ }).click();
    await expect.poll(() => item.count()).toBe(0);
    await expect.poll(() => page.getByRole('status').getByText(/Done: Send the canapé quote/).isVisible()).toBe(true);
  });

  it('adds a referral that creates a new contact', async () => {
    screenshotOnFailure('referral');
    const { page } = s;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pipeline' }).click();
    await card(page, 'Ann Lee').getByRole('link', { name: 'Ann Lee' }).click();
    const referrals = page.getByRole('region', { name: 'Referrals' });
    await referrals.getByRole('button', { name: 'Add referral' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add referral' });
    await dialog.getByLabel('Name').fill('Ben Ortiz');
    await dialog.getByLabel('Company').fill('Ortiz Events');
    await dialog.getByRole('button', { name: 'Add referral' }).click();
    await expect.poll(() => referrals.getByRole('link', { name: 'Ben Ortiz' }).isVisible()).toBe(true);
    // The referral shows in the timeline, and Ben exists as a contact with Ann as referrer.
    await expect.poll(() => page.locator('.timeline').getByText('Referred').first().isVisible()).toBe(true);
    await referrals.getByRole('link', { name: 'Ben Ortiz' }).click();
    await page.waitForURL('**/contacts/*');
    await expect.poll(() => page.getByRole('region', { name: 'Referrals' }).getByRole('link', { name: 'Ann Lee' }).isVisible()).toBe(true);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pipeline' }).click();
    await expect.poll(() => column(page, 'Stranger').getByRole('link', { name: 'Ben Ortiz' }).count()).toBe(1);
    // A customer who referred someone is suggested for Evangelist.
    await expect.poll(() => card(page, 'Ann Lee').getByRole('button', { name: /suggested: Evangelist/ }).isVisible()).toBe(true);
  });

  it('loads the demo data into a new workspace: four populated columns', async () => {
    screenshotOnFailure('demo');
    const { page } = s;
    await page.getByRole('button', { name: /account menu$/ }).click();
    await page.getByRole('menuitem', { name: 'Log out' }).click();
    await page.waitForURL('**/login');
    await signUp(page, { name: 'Demo Owner', workspace: 'Demo Bakery' });
    await page.getByRole('button', { name: 'Load demo data' }).click();
    for (const stage of ['Stranger', 'Friend', 'Customer', 'Evangelist'] as const) {
      await expect.poll(() => column(page, stage).getByRole('article').count(), { timeout: 30_000 }).toBeGreaterThan(0);
      expect(await total(page, stage)).toBeGreaterThan(0);
    }
    await expect.poll(() => page.getByText('Turn strangers into friends, friends into customers').count()).toBe(0);
    // Let toasts fade and the flip animations settle, then take the README picture.
    await page.mouse.move(0, 0);
    await expect.poll(() => page.getByRole('status').locator('.toast').count(), { timeout: 10_000 }).toBe(0);
    shots.push(await screenshot(page, 'board-demo'));
    shots.push(await screenshot(page, 'screenshot-board', DOCS));
    expect(s.errors).toEqual([]);
  });
});
