/** @arena/engine: Pong's rules (a pure deterministic step) and everything replays need. */
export * from './engine';
export * from './engine.constants';
export * from './engine.types';
export * from './rng';
export * from './rules-version';
export * from './canonical-json';
export * from './tape';
export * from './tape-codec';
export * from './replay';
export * from './replay.types';
export * from './replay-hash';
export * from './replay-check';
