import type { Locator, Page } from 'playwright-core';

let counter = 0;
/** A unique email per call (every spec file has its own database, but runs repeat). */
export function uniqueEmail(prefix: string): string {
  return `${prefix}.${Date.now().toString(36)}${(counter++).toString(36)}@example.com`;
}

export async function signUp(page: Page, who: { name: string; workspace: string; email?: string }) {
  await page.goto('/signup');
  await page.getByLabel('Name', { exact: true }).fill(who.name);
  await page.getByLabel('Email').fill(who.email ?? uniqueEmail(who.name.split(' ')[0]!.toLowerCase()));
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByLabel('Workspace name').fill(who.workspace);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.waitForURL('**/pipeline');
  await page.getByRole('region', { name: 'Stranger', exact: true }).waitFor();
}

export function column(page: Page, stage: 'Stranger' | 'Friend' | 'Customer' | 'Evangelist'): Locator {
  return page.getByRole('region', { name: stage, exact: true });
}

export function card(page: Page, name: string): Locator {
  return page.locator(`[data-card-id]`, { has: page.getByRole('link', { name, exact: true }) });
}

/** The column's total as its badge shows it. */
export async function total(page: Page, stage: 'Stranger' | 'Friend' | 'Customer' | 'Evangelist'): Promise<number> {
  const text = await column(page, stage).locator('header .total').innerText();
  return Number(text.replace(/\D/g, ''));
}

/**
 * A real pointer drag (svelte-dnd-action listens to mouse events): press on the card, move in
 * small steps into the target column's drop zone, release.
 */
export async function dragCard(page: Page, from: Locator, to: Locator) {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('drag: element not visible');
  const start = { x: a.x + a.width / 2, y: a.y + 24 };
  const end = { x: b.x + b.width / 2, y: b.y + 60 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 10, start.y + 10, { steps: 4 });
  await page.mouse.move(end.x, end.y, { steps: 24 });
  await page.waitForTimeout(150);
  await page.mouse.move(end.x, end.y + 4, { steps: 2 });
  await page.mouse.up();
}

/** Today as the browser's <input type="date"> wants it (the context runs in UTC). */
export function todayInput(): string {
  return new Date().toISOString().slice(0, 10);
}
