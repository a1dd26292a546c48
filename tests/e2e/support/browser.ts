import { onTestFailed } from 'vitest';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots of every run (and of failures) land here; gitignored. */
export const ARTIFACTS = fileURLToPath(new URL('../../.artifacts/', import.meta.url));
export const DOCS = fileURLToPath(new URL('../../../docs/', import.meta.url));

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium driven by playwright-core (it gives each launch a fresh user data dir). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors seen so far (a spec asserts there are none). */
  errors: string[];
}

export async function openSession(browser: Browser, baseURL: string, options: BrowserContextOptions = {}): Promise<Session> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 1280, height: 800 },
    timezoneId: 'UTC',
    locale: 'en-US',
    colorScheme: 'light',
    ...options,
  });
  context.setDefaultTimeout(15_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    // A refused request shows as a console error by design in one spec; the API's answers are checked there.
    if (msg.type() === 'error' && !/status of (4\d\d)/.test(msg.text())) errors.push(`console: ${msg.text()}`);
  });
  return { context, page, errors };
}

export async function screenshot(page: Page, name: string, dir = ARTIFACTS): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name.endsWith('.png') ? name : `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** `name` made safe for a file name (a failing test's title). */
export function fileSafe(name: string): string {
  return name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 80);
}

/** Saves a screenshot of the page when the current test fails, and prints where it went. */
export function screenshotOnFailure(page: Page, name: string): void {
  onTestFailed(async () => {
    const path = await screenshot(page, `failed-${fileSafe(name)}`).catch(() => null);
    if (path) console.log(`Failure screenshot: ${path}`);
  });
}
