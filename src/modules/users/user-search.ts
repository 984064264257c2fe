/**
 * What a user search looks in: the username and the display name, lower-cased, as one SQL
 * expression that IDX_users_directory stores beside `usernameLower`. A search scans that index
 * in name order (no table rows, no sort) with one LIKE per name; the same text on SQLite and
 * PostgreSQL. A term spanning the `|` between the two names could match across them: harmless.
 */
export function userSearchText(alias?: string): string {
  // With an alias, TypeORM's query builder quotes `alias.column` itself.
  const column = (name: string) => (alias ? `${alias}.${name}` : `"${name}"`);
  return `${column('usernameLower')} || '|' || lower(${column('displayName')})`;
}

/** A LIKE pattern for "contains `text`", wildcards in it escaped (ESCAPE '\'). */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
