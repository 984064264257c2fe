/**
 * A node lost (killed, cut off: its heartbeat expired) leaves live matches nobody steps. Exactly
 * one surviving node hears of it (ClusterNodes.onNodeLost) and ends them: stored `interrupted`
 * (their tapes died with the node), players freed and told `match:interrupted`, and the
 * tournaments they belonged to told, so they offer them again.
 */
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ClusterNodes } from '../../../cluster/cluster-nodes';
import { MatchRecorder } from '../../matches/match-recorder.service';
import { MatchAnnouncer } from '../host/match-announcer';
import { MatchDirectory } from './match-directory';

export interface InterruptedMatch {
  matchId: string;
  tournamentId: string | null;
}

@Injectable()
export class LostMatches implements OnModuleInit {
  private readonly logger = new Logger(LostMatches.name);
  private readonly listeners: ((match: InterruptedMatch) => void | Promise<void>)[] = [];

  constructor(
    private readonly nodes: ClusterNodes,
    private readonly directory: MatchDirectory,
    private readonly recorder: MatchRecorder,
    private readonly announcer: MatchAnnouncer,
  ) {}

  onModuleInit(): void {
    this.nodes.onNodeLost(async (nodeId) => {
      await this.recover(nodeId);
    });
  }

  /** Called for each match a lost node was running, once it is stored as interrupted. */
  onInterrupted(listener: (match: InterruptedMatch) => void | Promise<void>): void {
    this.listeners.push(listener);
  }

  async recover(nodeId: string): Promise<number> {
    const hosted = await this.directory.hostedBy(nodeId);
    const interrupted = new Map<string, InterruptedMatch>();
    for (const match of hosted) {
      await this.recorder.interrupt(match.matchId);
      await this.directory.remove(match.matchId);
      await this.directory.release(match.players, match.matchId);
      this.announcer.interrupted(match.matchId, match.players);
      interrupted.set(match.matchId, { matchId: match.matchId, tournamentId: match.tournamentId });
    }
    // Anything the database still says the node ran (the directory may have lost it).
    for (const matchId of await this.recorder.interruptHostedBy(nodeId)) {
      if (interrupted.has(matchId)) continue;
      this.announcer.interrupted(matchId);
      interrupted.set(matchId, { matchId, tournamentId: await this.recorder.tournamentOf(matchId) });
    }
    await this.directory.setDraining(nodeId, false);
    for (const match of interrupted.values()) {
      for (const listener of this.listeners) {
        try {
          await listener(match);
        } catch (error) {
          this.logger.error(`A follower of interrupted match ${match.matchId} failed: ${String(error)}`);
        }
      }
    }
    if (interrupted.size > 0) {
      this.logger.warn(`${interrupted.size} live match(es) of lost node ${nodeId} interrupted`);
    }
    return interrupted.size;
  }
}
