export * from './configuration';
export { parseDuration } from './duration';
