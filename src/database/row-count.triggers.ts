/**
 * `row_counts` holds the totals that lists answer with (all matches, matches by status, active
 * accounts, each player's history), kept by database triggers, so a total costs one primary-key read instead of a count
 * over half a million rows, and no code path that writes those tables can forget to keep it.
 *
 * Triggers are SQL of each driver's own. On SQLite, TypeORM rebuilds a table for some column
 * changes (a copy under a new name), which drops its triggers: a migration that changes a column
 * of `matches` or `users` must create these triggers again (the schema spec checks the counts).
 */
import type { QueryRunner } from 'typeorm';
import type { MatchStatus } from '../modules/matches/entities/match.entity';

export const COUNTED_MATCH_STATUSES: readonly MatchStatus[] = [
  'waiting',
  'in_progress',
  'finished',
  'interrupted',
  'cancelled',
];

export const ACTIVE_USERS = 'users:active';
export const ALL_MATCHES = 'matches';
export const matchesWithStatus = (status: MatchStatus) => `matches:${status}`;
/** The number of matches in a player's history (its rows of match_players). */
export const historyOf = (userId: string) => `history:${userId}`;

const bump = (by: string, names: string) =>
  `UPDATE "row_counts" SET "count" = "count" ${by} WHERE "name" IN (${names})`;

/** Adds `by` to a player's history count, creating its row on the first match. */
const bumpHistory = (by: 1 | -1, userId: string) =>
  `INSERT INTO "row_counts" ("name", "count") VALUES ('history:' || ${userId}, ${by}) ON CONFLICT ("name") DO UPDATE SET "count" = "row_counts"."count" + ${by}`;

export function rowCountTriggers(runner: QueryRunner): { up: string[]; down: string[] } {
  if (runner.connection.driver.options.type === 'postgres') {
    return {
      up: [
        `CREATE FUNCTION "arena_count_matches"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    ${bump('+ 1', `'matches', 'matches:' || NEW."status"`)};
  ELSIF TG_OP = 'DELETE' THEN
    ${bump('- 1', `'matches', 'matches:' || OLD."status"`)};
  ELSIF NEW."status" IS DISTINCT FROM OLD."status" THEN
    ${bump('- 1', `'matches:' || OLD."status"`)};
    ${bump('+ 1', `'matches:' || NEW."status"`)};
  END IF;
  RETURN NULL;
END $$`,
        `CREATE TRIGGER "matches_row_count" AFTER INSERT OR DELETE OR UPDATE OF "status" ON "matches" FOR EACH ROW EXECUTE FUNCTION "arena_count_matches"()`,
        `CREATE FUNCTION "arena_count_users"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' AND NEW."erasedAt" IS NULL THEN
    ${bump('+ 1', `'users:active'`)};
  ELSIF TG_OP = 'DELETE' AND OLD."erasedAt" IS NULL THEN
    ${bump('- 1', `'users:active'`)};
  ELSIF TG_OP = 'UPDATE' AND (OLD."erasedAt" IS NULL) <> (NEW."erasedAt" IS NULL) THEN
    UPDATE "row_counts" SET "count" = "count" + (CASE WHEN NEW."erasedAt" IS NULL THEN 1 ELSE -1 END) WHERE "name" = 'users:active';
  END IF;
  RETURN NULL;
END $$`,
        `CREATE TRIGGER "users_row_count" AFTER INSERT OR DELETE OR UPDATE OF "erasedAt" ON "users" FOR EACH ROW EXECUTE FUNCTION "arena_count_users"()`,
        `CREATE FUNCTION "arena_count_history"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD."userId" IS NOT DISTINCT FROM NEW."userId" THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') AND OLD."userId" IS NOT NULL THEN
    ${bumpHistory(-1, 'OLD."userId"')};
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW."userId" IS NOT NULL THEN
    ${bumpHistory(1, 'NEW."userId"')};
  END IF;
  RETURN NULL;
END $$`,
        `CREATE TRIGGER "match_players_row_count" AFTER INSERT OR DELETE OR UPDATE OF "userId" ON "match_players" FOR EACH ROW EXECUTE FUNCTION "arena_count_history"()`,
      ],
      down: [
        `DROP TRIGGER "match_players_row_count" ON "match_players"`,
        `DROP FUNCTION "arena_count_history"()`,
        `DROP TRIGGER "users_row_count" ON "users"`,
        `DROP FUNCTION "arena_count_users"()`,
        `DROP TRIGGER "matches_row_count" ON "matches"`,
        `DROP FUNCTION "arena_count_matches"()`,
      ],
    };
  }
  return {
    up: [
      `CREATE TRIGGER "matches_count_insert" AFTER INSERT ON "matches" BEGIN
  ${bump('+ 1', `'matches', 'matches:' || NEW."status"`)};
END`,
      `CREATE TRIGGER "matches_count_delete" AFTER DELETE ON "matches" BEGIN
  ${bump('- 1', `'matches', 'matches:' || OLD."status"`)};
END`,
      `CREATE TRIGGER "matches_count_status" AFTER UPDATE OF "status" ON "matches" WHEN OLD."status" <> NEW."status" BEGIN
  ${bump('- 1', `'matches:' || OLD."status"`)};
  ${bump('+ 1', `'matches:' || NEW."status"`)};
END`,
      `CREATE TRIGGER "users_count_insert" AFTER INSERT ON "users" WHEN NEW."erasedAt" IS NULL BEGIN
  ${bump('+ 1', `'users:active'`)};
END`,
      `CREATE TRIGGER "users_count_delete" AFTER DELETE ON "users" WHEN OLD."erasedAt" IS NULL BEGIN
  ${bump('- 1', `'users:active'`)};
END`,
      `CREATE TRIGGER "users_count_erase" AFTER UPDATE OF "erasedAt" ON "users" WHEN (OLD."erasedAt" IS NULL) <> (NEW."erasedAt" IS NULL) BEGIN
  UPDATE "row_counts" SET "count" = "count" + (CASE WHEN NEW."erasedAt" IS NULL THEN 1 ELSE -1 END) WHERE "name" = 'users:active';
END`,
      `CREATE TRIGGER "history_count_insert" AFTER INSERT ON "match_players" WHEN NEW."userId" IS NOT NULL BEGIN
  ${bumpHistory(1, 'NEW."userId"')};
END`,
      `CREATE TRIGGER "history_count_delete" AFTER DELETE ON "match_players" WHEN OLD."userId" IS NOT NULL BEGIN
  ${bumpHistory(-1, 'OLD."userId"')};
END`,
      `CREATE TRIGGER "history_count_user_from" AFTER UPDATE OF "userId" ON "match_players" WHEN OLD."userId" IS NOT NULL AND OLD."userId" IS NOT NEW."userId" BEGIN
  ${bumpHistory(-1, 'OLD."userId"')};
END`,
      `CREATE TRIGGER "history_count_user_to" AFTER UPDATE OF "userId" ON "match_players" WHEN NEW."userId" IS NOT NULL AND OLD."userId" IS NOT NEW."userId" BEGIN
  ${bumpHistory(1, 'NEW."userId"')};
END`,
    ],
    down: [
      'matches_count_insert',
      'matches_count_delete',
      'matches_count_status',
      'users_count_insert',
      'users_count_delete',
      'users_count_erase',
      'history_count_insert',
      'history_count_delete',
      'history_count_user_from',
      'history_count_user_to',
    ].map((name) => `DROP TRIGGER "${name}"`),
  };
}
