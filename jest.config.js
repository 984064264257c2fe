/** Jest runs two projects: unit specs beside the code, e2e specs through the real app. */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json' }];
/** The workspace packages are tested from their sources, built or not (as tsconfig.json's paths say). */
const moduleNameMapper = {
  '^@arena/engine$': '<rootDir>/packages/engine/src',
  '^@arena/protocol$': '<rootDir>/packages/protocol/src',
  '^@arena/client$': '<rootDir>/packages/client/src',
};

/**
 * ES-module-only dependencies (openid-client and what it uses): Jest's CommonJS runtime can't
 * require() them, so they are compiled to CommonJS like our own files (Node itself loads them
 * with require() since 20.19, so dist/ needs nothing of the kind).
 */
const ESM_ONLY = ['openid-client', 'oauth4webapi', 'jose'];
const transform = {
  '^.+\\.ts$': tsJest,
  [`/node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: [
    'ts-jest',
    { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022' }, transpilation: true },
  ],
};
const transformIgnorePatterns = [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`];

module.exports = {
  // e2e specs boot an app and talk to it over HTTP and sockets; on a busy 2-core machine that can take seconds.
  testTimeout: 30000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: '.',
      roots: ['<rootDir>/src', '<rootDir>/packages', '<rootDir>/web/src'],
      testMatch: ['**/*.spec.ts'],
      transform,
      transformIgnorePatterns,
      moduleFileExtensions: ['ts', 'js', 'json'],
      moduleNameMapper,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: '.',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      transform,
      transformIgnorePatterns,
      moduleFileExtensions: ['ts', 'js', 'json'],
      moduleNameMapper,
    },
  ],
};
