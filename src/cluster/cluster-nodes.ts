/**
 * The nodes of the cluster. Each node says it is alive every CLUSTER_HEARTBEAT_MS (a key per
 * node whose TTL is three beats); a node that misses three beats is lost, and exactly one of the
 * others hears `onNodeLost` for it (to clean up after it). One node alone is the whole cluster.
 */
import type { NodeRole } from '../config';

export interface NodeInfo {
  nodeId: string;
  role: NodeRole;
  /** Order of joining: lower joined earlier (the eldest live node has the lowest). */
  joined: number;
  /** Epoch ms. */
  startedAt: number;
}

export type NodeLostListener = (nodeId: string) => void | Promise<void>;
/** The node was missing from the cluster (lost, or Redis lost its data) and is back. */
export type RejoinedListener = () => void | Promise<void>;

export abstract class ClusterNodes {
  abstract readonly self: NodeInfo;
  /** The live nodes, this one included, eldest first. */
  abstract live(): Promise<NodeInfo[]>;
  /** Whether no live node joined before this one. */
  async isEldest(): Promise<boolean> {
    const [eldest] = await this.live();
    return eldest === undefined || eldest.nodeId === this.self.nodeId;
  }
  abstract onNodeLost(listener: NodeLostListener): void;
  abstract onRejoined(listener: RejoinedListener): void;
}

/** One node: it is the cluster, and never loses anyone. */
export class SingleNode extends ClusterNodes {
  constructor(readonly self: NodeInfo) {
    super();
  }

  live(): Promise<NodeInfo[]> {
    return Promise.resolve([this.self]);
  }

  onNodeLost(): void {
    // nobody else to lose
  }

  onRejoined(): void {
    // never away
  }
}
