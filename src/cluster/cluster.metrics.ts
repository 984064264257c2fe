/**
 * The cluster in the metrics: `arena_node_info{role}` (1), and how many nodes this one sees
 * alive (`arena_cluster_live_nodes`), read when Prometheus scrapes. Every series also carries
 * the `node` label (MetricsService's default labels).
 */
import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { MetricsService } from '../common/metrics/metrics.service';
import { ClusterNodes } from './cluster-nodes';

@Injectable()
export class ClusterMetrics {
  constructor(metrics: MetricsService, nodes: ClusterNodes) {
    new Gauge({
      name: 'arena_node_info',
      help: 'This node, labelled with its role',
      labelNames: ['role'] as const,
      registers: [metrics.registry],
    }).set({ role: nodes.self.role }, 1);
    const live = new Gauge({
      name: 'arena_cluster_live_nodes',
      help: 'Nodes whose heartbeat this node sees',
      registers: [metrics.registry],
      collect: async () => {
        try {
          live.set((await nodes.live()).length);
        } catch {
          // Redis unreachable: the series keeps its last value; readiness says what is wrong
        }
      },
    });
  }
}
