/**
 * Prometheus metrics (prom-client), one registry per app: HTTP latency, the game loop's tick
 * duration and lateness, live matches, match states sent, queue lengths, connected sockets, and
 * Node's defaults (event-loop delay among them). Served at GET /metrics. Every series carries
 * the node's id as its `node` label, so one Prometheus can tell the nodes of a cluster apart.
 */
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ArenaConfig } from '../../config';

export interface GameGauges {
  liveMatches: number;
  queues: Record<string, number>;
}

const TICK_BUCKETS = [0.00025, 0.0005, 0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128];

@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'arena_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly tickDuration = new Histogram({
    name: 'arena_tick_duration_seconds',
    help: 'Time to step every live match once',
    buckets: TICK_BUCKETS,
    registers: [this.registry],
  });

  readonly tickLateness = new Histogram({
    name: 'arena_tick_lateness_seconds',
    help: 'How late the game loop woke up after its scheduled time',
    buckets: TICK_BUCKETS,
    registers: [this.registry],
  });

  readonly ticks = new Counter({
    name: 'arena_ticks_total',
    help: 'Simulation steps of the game loop',
    registers: [this.registry],
  });

  readonly states = new Counter({
    name: 'arena_match_states_total',
    help: 'match:state broadcasts (one per live match per simulation step)',
    registers: [this.registry],
  });

  readonly sockets = new Gauge({
    name: 'arena_connected_sockets',
    help: 'Sockets connected to /game',
    registers: [this.registry],
  });

  private gameSource: (() => GameGauges) | null = null;

  readonly liveMatches = new Gauge({
    name: 'arena_live_matches',
    help: 'Matches being played now',
    registers: [this.registry],
    collect: () => {
      const game = this.gameSource?.();
      if (game) this.liveMatches.set(game.liveMatches);
    },
  });

  readonly queueLength = new Gauge({
    name: 'arena_queue_length',
    help: 'Players waiting in each matchmaking queue',
    labelNames: ['mode'] as const,
    registers: [this.registry],
    collect: () => {
      const game = this.gameSource?.();
      if (!game) return;
      for (const [mode, length] of Object.entries(game.queues))
        this.queueLength.set({ mode }, length);
    },
  });

  /** The game service reports its live numbers when metrics are scraped. */
  bindGame(source: () => GameGauges): void {
    this.gameSource = source;
  }

  constructor(config: ConfigService<ArenaConfig, true>) {
    this.registry.setDefaultLabels({ node: config.get('cluster', { infer: true }).nodeId });
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
  }
}
