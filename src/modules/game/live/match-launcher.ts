/**
 * Starts live matches anywhere in the cluster: claims the players (each plays one live match at
 * most, on every node), stores the match with the node that will run it, and asks that node to
 * open its room. The host is this node when it runs matches and is not draining, otherwise the
 * least loaded game node that is.
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ClusterNodes } from '../../../cluster/cluster-nodes';
import { NodeBus } from '../../../cluster/node-bus';
import { AlreadyInMatchError, UnavailableError } from '../../../common/errors';
import { RandomSource } from '../../../common/random/random-source';
import { MatchRecorder } from '../../matches/match-recorder.service';
import { HOST_TOPICS, MatchHost, RoomSpec } from '../host/match-host';
import { MatchDirectory } from './match-directory';

export type LaunchSpec = Omit<RoomSpec, 'matchId' | 'seed'>;

@Injectable()
export class MatchLauncher {
  constructor(
    private readonly recorder: MatchRecorder,
    private readonly directory: MatchDirectory,
    private readonly bus: NodeBus,
    private readonly nodes: ClusterNodes,
    private readonly host: MatchHost,
    private readonly random: RandomSource,
  ) {}

  /**
   * Opens the match on a game node once `busy` (its players, or none for a tournament match,
   * whose players come later) are claimed; nothing is left behind if any step fails.
   */
  async launch(spec: LaunchSpec, busy: readonly string[]): Promise<string> {
    const matchId = randomUUID();
    const seed = this.random.seed();
    if (!(await this.directory.claim(busy, matchId))) {
      throw new AlreadyInMatchError('A player is already in a live match');
    }
    let stored = false;
    try {
      const node = await this.pickHost();
      await this.recorder.create({
        id: matchId,
        hostNode: node,
        mode: spec.mode,
        seed,
        players: [spec.players.left, spec.players.right],
        tournamentId: spec.tournament?.id ?? null,
        waiting: spec.tournament !== null,
      });
      stored = true;
      const room: RoomSpec = { ...spec, matchId, seed };
      await this.bus.request(node, HOST_TOPICS.open, room);
      return matchId;
    } catch (error) {
      await this.directory.release(busy, matchId).catch(() => undefined);
      if (stored) await this.recorder.interrupt(matchId).catch(() => undefined);
      throw error;
    }
  }

  /** This node if it can run the match, else the least loaded game node that can. */
  async pickHost(): Promise<string> {
    const self = this.nodes.self;
    if (self.role !== 'api' && !this.host.draining) return self.nodeId;
    const [nodes, draining] = await Promise.all([this.nodes.live(), this.directory.draining()]);
    const candidates = nodes
      .filter((node) => node.role !== 'api' && !draining.has(node.nodeId))
      .filter((node) => node.nodeId !== self.nodeId)
      .map((node) => node.nodeId);
    if (candidates.length === 0) throw new UnavailableError('No game node can take a match now');
    const loads = await this.directory.loads(candidates);
    let best = 0;
    for (let i = 1; i < candidates.length; i++) if (loads[i] < loads[best]) best = i;
    return candidates[best];
  }
}
