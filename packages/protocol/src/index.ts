/**
 * @arena/protocol: the socket contract of `/game` and `/chat`, as runtime JSON schemas (TypeBox)
 * with the static types and Socket.IO event maps derived from them, and the AsyncAPI 3 document
 * built from them. The server and @arena/client both take their types from here.
 */
export * from './schema-kit';
export * from './common.schemas';
export * from './game.schemas';
export * from './chat.schemas';
export * from './event-maps';
export * from './namespace-events';
export * from './asyncapi';
