import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openSession, screenshot, type Session, screenshotOnFailure as failureScreenshot } from './support/browser';
import { startApp, type RunningApp } from './support/app';
import { card, column, signUp } from './support/flows';

const LINKEDIN = [
  'Notes:',
  '"When exporting your connection data, you may notice that some of the email addresses are missing."',
  '',
  'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
  'Priya,Raman,https://www.linkedin.com/in/priyaraman,priya@example.com,Raman Foods,Buyer,14 Mar 2024',
  'Tom,Okafor,https://www.linkedin.com/in/tomokafor,,Okafor Events,Planner,02 Jan 2025',
  'Broken,Row,https://www.linkedin.com/in/broken,not-an-email,,,01 Feb 2025',
].join('\r\n');

/** An owner brings in a LinkedIn export through the wizard, then reads the reports. */
describe('import and reports', () => {
  let running: RunningApp;
  let browser: Browser;
  let s: Session;

  beforeAll(async () => {
    running = await startApp();
    browser = await launchBrowser();
    s = await openSession(browser, running.baseURL);
    await signUp(s.page, { name: 'Iris Importer', workspace: 'Iris Studio' });
  });

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  const screenshotOnFailure = (name: string) => failureScreenshot(s.page, name);

  it('imports a LinkedIn CSV: preview with the bad row, import, summary, contacts on the board', async () => {
    screenshotOnFailure('import');
    const { page } = s;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import' }).click();
    await page.waitForURL('**/import');
    await page.getByLabel('Choose a contacts file (CSV or vCard)').setInputFiles({ name: 'Connections.csv', mimeType: 'text/csv', buffer: Buffer.from(LINKEDIN) });

    await page.getByRole('heading', { name: 'Check before importing' }).waitFor();
    expect(await page.getByText('LinkedIn Connections export').isVisible()).toBe(true);
    const preview = page.getByRole('region', { name: 'Preview of the import' });
    expect(await preview.getByRole('rowheader').allInnerTexts()).toEqual([expect.stringContaining('Priya Raman'), expect.stringContaining('Tom Okafor')]);
    expect(await page.getByRole('list', { name: 'What the import will do' }).innerText()).toMatch(/2\s*new[\s\S]*0\s*updated[\s\S]*1\s*skipped/);
    expect(await page.getByRole('list', { name: 'Skipped rows' }).innerText()).toMatch(/Row 3\s*email:/);
    await screenshot(page, 'import-preview');

    await page.getByRole('button', { name: 'Import 2 contacts' }).click();
    await page.getByRole('heading', { name: 'Import finished' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'created' }).innerText()).toBe('2 contacts created, 0 updated, 1 row skipped.');
    await screenshot(page, 'import-done');

    await page.getByRole('link', { name: 'Open the pipeline board' }).click();
    await page.waitForURL('**/pipeline');
    await card(page, 'Priya Raman').waitFor();
    expect(await column(page, 'Stranger').getByRole('link', { name: 'Tom Okafor', exact: true }).isVisible()).toBe(true);
  });

  it('refuses an unreadable file with the reason and imports nothing', async () => {
    screenshotOnFailure('import-refused');
    const { page } = s;
    await page.goto('/import');
    await page.getByLabel('Choose a contacts file (CSV or vCard)').setInputFiles({ name: 'numbers.csv', mimeType: 'text/csv', buffer: Buffer.from('1,2,3\n4,5,6\n') });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/^numbers\.csv: .*header/i);
    expect(await page.getByRole('button', { name: /^Import \d/ }).count()).toBe(0);
  });

  it('shows the export links to the owner', async () => {
    const { page } = s;
    await page.goto('/import');
    expect(await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href')).toBe('/api/v1/export/contacts.csv');
    await page.getByLabel('Include archived contacts').check();
    expect(await page.getByRole('link', { name: 'Download vCard' }).getAttribute('href')).toBe('/api/v1/export/contacts.vcf?archived=true');
  });

  it('opens the reports page from the navigation and draws the funnel with the imported contacts', async () => {
    screenshotOnFailure('reports');
    const { page } = s;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    await page.waitForURL('**/reports');
    await page.getByRole('heading', { name: 'Funnel' }).waitFor();
    await expect.poll(() => page.getByText(/Stranger/).count()).toBeGreaterThan(0);
    await screenshot(page, 'reports');
  });
});
