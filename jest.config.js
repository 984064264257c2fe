/** Jest runs two projects: unit specs beside the code, e2e specs through the real app. */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json' }];
/** The engine package is tested from its sources, built or not (as tsconfig.json's paths say). */
const moduleNameMapper = { '^@arena/engine$': '<rootDir>/packages/engine/src' };

module.exports = {
  // e2e specs boot an app and talk to it over HTTP and sockets; on a busy 2-core machine that can take seconds.
  testTimeout: 30000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: '.',
      roots: ['<rootDir>/src', '<rootDir>/packages'],
      testMatch: ['**/*.spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
      moduleFileExtensions: ['ts', 'js', 'json'],
      moduleNameMapper,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: '.',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
      moduleFileExtensions: ['ts', 'js', 'json'],
      moduleNameMapper,
    },
  ],
};
