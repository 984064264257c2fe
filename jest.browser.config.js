/**
 * Browser tests (`npm run test:browser`): the built web client in Debian's Chromium, driven by
 * playwright-core, against an Arena built in the test process (test/support/test-app.ts).
 */
const base = require('./jest.config');
const e2e = base.projects.find((project) => project.displayName === 'e2e');

module.exports = {
  testTimeout: 120000,
  maxWorkers: 1,
  projects: [
    {
      ...e2e,
      displayName: 'browser',
      roots: ['<rootDir>/test/browser'],
      testMatch: ['**/*.browser-spec.ts'],
    },
  ],
};
