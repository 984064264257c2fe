/**
 * Stored matches as fixtures, written through TypeORM's insert builder so the same fixture works
 * on SQLite and PostgreSQL. Many rows go in a few multi-row statements (a history of 34,000
 * matches takes a few seconds).
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MatchPlayer } from '../../src/modules/matches/entities/match-player.entity';
import {
  EndReason,
  Match,
  MatchMode,
  MatchStatus,
  Side,
} from '../../src/modules/matches/entities/match.entity';

export interface FixturePlayer {
  userId: string | null;
  alias: string;
  score: number;
  before?: number;
  after?: number;
}

export interface FixtureMatch {
  id?: string;
  status: MatchStatus;
  createdAt: Date;
  left: FixturePlayer;
  right: FixturePlayer;
  mode?: MatchMode;
  winnerSide?: Side | null;
  endReason?: EndReason | null;
}

/** Rows per INSERT: well under SQLite's bound-variable limit for both tables. */
const BATCH = 500;

export async function insertMatches(
  app: NestFastifyApplication,
  fixtures: FixtureMatch[],
): Promise<string[]> {
  const db = app.get(DataSource);
  const ids = fixtures.map((fixture) => fixture.id ?? randomUUID());
  for (let start = 0; start < fixtures.length; start += BATCH) {
    const batch = fixtures.slice(start, start + BATCH);
    await db.transaction(async (manager) => {
      // updateEntity(false): no read-back of defaults, which would select every row inserted.
      const insert = (entity: typeof Match | typeof MatchPlayer, rows: object[]) =>
        manager
          .createQueryBuilder()
          .insert()
          .into(entity)
          .values(rows)
          .updateEntity(false)
          .execute();
      await insert(
        Match,
        batch.map((fixture, i) => ({
          id: ids[start + i],
          mode: fixture.mode ?? 'ranked',
          status: fixture.status,
          winnerSide: fixture.winnerSide ?? null,
          endReason: fixture.endReason ?? null,
          tournamentId: null,
          seed: 7,
          startedAt: fixture.createdAt,
          endedAt: fixture.status === 'finished' ? fixture.createdAt : null,
          createdAt: fixture.createdAt,
        })),
      );
      await insert(
        MatchPlayer,
        batch.flatMap((fixture, i) =>
          (['left', 'right'] as const).map((side) => ({
            id: randomUUID(),
            matchId: ids[start + i],
            side,
            userId: fixture[side].userId,
            alias: fixture[side].alias,
            score: fixture[side].score,
            ratingBefore: fixture[side].before ?? null,
            ratingAfter: fixture[side].after ?? null,
            matchCreatedAt: fixture.createdAt,
          })),
        ),
      );
    });
  }
  return ids;
}

export async function insertMatch(
  app: NestFastifyApplication,
  fixture: FixtureMatch,
): Promise<string> {
  const [id] = await insertMatches(app, [fixture]);
  return id;
}
