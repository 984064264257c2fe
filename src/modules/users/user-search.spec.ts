import { containsPattern, directorySql, USER_SEARCH_TEXT } from './user-search';

describe('user search', () => {
  it('escapes LIKE wildcards and lower-cases the term', () => {
    expect(containsPattern('A_b%c\\')).toBe('%a\\_b\\%c\\\\%');
  });

  it('is one expression, the one the index stores', () => {
    expect(USER_SEARCH_TEXT).toBe(`"usernameLower" || '|' || lower("displayName")`);
  });

  it('names the directory index on SQLite and numbers parameters on PostgreSQL', () => {
    const sqlite = directorySql('sqlite', true);
    expect(sqlite.page.ASC).toBe(
      `SELECT "id", "username", "displayName", "avatarFile", "bio", "rating", "createdAt" FROM "users" INDEXED BY "IDX_users_directory" WHERE "erasedAt" IS NULL AND (${USER_SEARCH_TEXT}) LIKE ? ESCAPE '\\' ORDER BY "usernameLower" ASC LIMIT ? OFFSET ?`,
    );
    expect(sqlite.count).toContain('INDEXED BY "IDX_users_directory"');
    const postgres = directorySql('postgres', true);
    expect(postgres.page.DESC).toMatch(
      /LIKE \$1 ESCAPE '\\' ORDER BY "usernameLower" DESC LIMIT \$2 OFFSET \$3$/,
    );
    expect(postgres.count).not.toContain('INDEXED BY');
    expect(directorySql('postgres', false).page.ASC).toMatch(
      /NULL ORDER BY .* LIMIT \$1 OFFSET \$2$/,
    );
  });
});
