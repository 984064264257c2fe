export * from './engine';
export * from './engine.constants';
export * from './engine.types';
export * from './rng';
