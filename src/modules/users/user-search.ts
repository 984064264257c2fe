/**
 * What a user search looks in: the username and the display name, lower-cased, as one SQL
 * expression that IDX_users_directory stores beside `usernameLower`. A search scans that index
 * in name order (no table rows, no sort) with one LIKE per name; the same text on SQLite and
 * PostgreSQL. A term spanning the `|` between the two names could match across them: harmless.
 */
export const USER_SEARCH_TEXT = `"usernameLower" || '|' || lower("displayName")`;

/** A LIKE pattern for "contains `text`", wildcards in it escaped (ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** What a PublicProfile shows of a user, read straight into a page of the directory. */
export const PROFILE_COLUMNS = [
  'id',
  'username',
  'displayName',
  'avatarFile',
  'bio',
  'rating',
  'createdAt',
] as const;

/**
 * The directory's two reads as SQL of the driver's own: a page of ids in name order, and the
 * number of matches. On SQLite the index is named (INDEXED BY): with statistics from ANALYZE the
 * planner would otherwise take a table scan, which reads every row (four times slower here).
 */
export function directorySql(dialect: 'sqlite' | 'postgres', search: boolean) {
  const sqlite = dialect === 'sqlite';
  const from = `FROM "users"${sqlite ? ' INDEXED BY "IDX_users_directory"' : ''}`;
  // Parameters in order: the pattern (with a search), then the page's limit and offset.
  const param = (n: number) => (sqlite ? '?' : `$${n}`);
  const first = search ? 2 : 1;
  const where = `WHERE "erasedAt" IS NULL${
    search ? ` AND (${USER_SEARCH_TEXT}) LIKE ${param(1)} ESCAPE '\\'` : ''
  }`;
  const count = `SELECT COUNT(*) AS "count" ${from} ${where}`;
  // The profile's columns come from the table for the page's rows only: SQLite skips the OFFSET
  // along the index and reads a row only once it is in the page.
  const columns = PROFILE_COLUMNS.map((column) => `"${column}"`).join(', ');
  const page = (direction: 'ASC' | 'DESC') =>
    `SELECT ${columns} ${from} ${where} ORDER BY "usernameLower" ${direction} LIMIT ${param(first)} OFFSET ${param(first + 1)}`;
  return { count, page: { ASC: page('ASC'), DESC: page('DESC') } };
}
