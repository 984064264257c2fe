export { ClusterLock } from './cluster-lock';
export type { Exclusive, ExclusiveOptions, Lease } from './cluster-lock';
export { ClusterNodes } from './cluster-nodes';
export type { NodeInfo } from './cluster-nodes';
export { ClusterModule, THROTTLER_STORE } from './cluster.module';
export { RedisClients } from './redis-clients';
export { SESSION_EVENTS_PROVIDER } from './session-events.provider';
