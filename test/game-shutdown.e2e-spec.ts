/** A graceful shutdown stores live matches as interrupted before the database closes. */
import Database from 'better-sqlite3';
import { ManualClock } from '../src/common/clock/clock';
import { bearer, registerAccount } from './support/accounts';
import { connectedGame, request } from './support/sockets';
import { startTestApp } from './support/test-app';

describe('graceful shutdown (e2e)', () => {
  it('marks live matches interrupted on the way down, and they stay so after a restart', async () => {
    const t = await startTestApp({ clock: new ManualClock(Date.UTC(2026, 10, 24, 12)) });
    try {
      const player = await registerAccount(t);
      const socket = await connectedGame(t, player.accessToken);
      const ack = await request<{ matchId: string }>(socket, 'match:local', {});
      socket.disconnect();

      await t.app.close();
      const db = new Database(t.env.SQLITE_PATH, { readonly: true });
      const row = db
        .prepare('SELECT status, endedAt FROM matches WHERE id = ?')
        .get(ack.matchId) as { status: string; endedAt: string | null };
      db.close();
      expect(row.status).toBe('interrupted');
      expect(row.endedAt).not.toBeNull();

      await t.restart();
      const match = await t
        .http()
        .get(`/api/matches/${ack.matchId}`)
        .set(bearer(player.accessToken))
        .expect(200);
      expect(match.body.status).toBe('interrupted');
    } finally {
      await t.close();
    }
  });
});
