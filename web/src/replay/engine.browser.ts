/**
 * @arena/engine as the browser gets it: the same rules and re-simulation, without the replay
 * hash and its verdict, which use node:crypto (the client checks a replay's hash with Web
 * Crypto instead, see replay-hash.browser.ts). web/tsconfig.json maps `@arena/engine` here, for
 * the compiler and the bundler alike.
 */
export * from '../../../packages/engine/src/engine';
export * from '../../../packages/engine/src/engine.constants';
export * from '../../../packages/engine/src/engine.types';
export * from '../../../packages/engine/src/rng';
export * from '../../../packages/engine/src/rules-version';
export * from '../../../packages/engine/src/canonical-json';
export * from '../../../packages/engine/src/tape';
export * from '../../../packages/engine/src/replay';
export * from '../../../packages/engine/src/replay.types';
