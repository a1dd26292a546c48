import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

/** The e2e project drives a real Chromium; it is only included where one is installed. */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/src/**/*.test.ts', 'server/src/**/*.test.ts', 'web/src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'api',
          include: ['tests/api/**/*.spec.ts'],
          globalSetup: ['tests/api/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(existsSync(chromium)
        ? [
            {
              test: {
                name: 'e2e',
                include: ['tests/e2e/**/*.e2e.ts'],
                // The api setup migrates the database template each spec copies; the e2e setup builds web/ if stale.
                globalSetup: ['tests/api/support/global-setup.ts', 'tests/e2e/support/global-setup.ts'],
                testTimeout: 90_000,
                hookTimeout: 180_000,
                // One browser at a time: the machine is small and the steps of a story share a page.
                fileParallelism: false,
              },
            },
          ]
        : []),
    ],
  },
});
