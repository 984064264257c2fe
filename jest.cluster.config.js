/**
 * `npm run test:cluster`: several built Arena processes on PostgreSQL and a private Redis (see
 * test/cluster/support/cluster.ts). Not part of `npm test`, which needs no service. One spec at a
 * time: each starts its own nodes on a 2-core machine.
 */
// One fresh database per cluster on this server (see test/support/test-database.ts).
process.env.ARENA_TEST_POSTGRES ||= 'postgres://postgres@127.0.0.1:5432/postgres';

module.exports = {
  testTimeout: 60000,
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/test/cluster'],
  testMatch: ['**/*.cluster-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  // The workspace packages from their sources, as in jest.config.js.
  moduleNameMapper: {
    '^@arena/engine$': '<rootDir>/packages/engine/src',
    '^@arena/protocol$': '<rootDir>/packages/protocol/src',
    '^@arena/client$': '<rootDir>/packages/client/src',
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  maxWorkers: 1,
};
