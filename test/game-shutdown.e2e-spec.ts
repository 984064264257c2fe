/** A graceful shutdown stores live matches as interrupted before the database closes. */
import { DataSource } from 'typeorm';
import { ManualClock } from '../src/common/clock/clock';
import { loadConfig } from '../src/config';
import { buildDataSourceOptions } from '../src/database/data-source.options';
import { Match } from '../src/modules/matches/entities/match.entity';
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
      // What the app left in its database, read on the same configuration once it has closed.
      const db = new DataSource(
        buildDataSourceOptions(loadConfig(t.env).database, { runMigrations: false }),
      );
      await db.initialize();
      const row = await db
        .getRepository(Match)
        .findOneOrFail({ select: { status: true, endedAt: true }, where: { id: ack.matchId } });
      await db.destroy();
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
