import { registerAccount } from './support/accounts';
import { expectEnvelope } from './support/envelope';
import { connectedGame, request } from './support/sockets';
import { startTestApp } from './support/test-app';

const value = (text: string, metric: string): number | null => {
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${metric} `) || l.startsWith(`${metric}{`));
  return line ? Number(line.split(' ').pop()) : null;
};

const METRICS_TOKEN = 'scrape-token-0123456789abcdef';

describe('metrics (e2e)', () => {
  it('exposes HTTP latency, sockets, live matches, queues, tick timing and Node defaults, labelled with the node', async () => {
    const t = await startTestApp({ env: { METRICS_TOKEN, NODE_ID: 'metrics-node' } });
    const account = await registerAccount(t);
    const socket = await connectedGame(t, account.accessToken);
    try {
      await request(socket, 'match:local', {});
      await t.http().get('/api/users/00000000-0000-4000-8000-000000000000').expect(401);
      await new Promise((resolve) => setTimeout(resolve, 100)); // let the real loop tick a few times
      const res = await t
        .http()
        .get('/metrics')
        .set('Authorization', `Bearer ${METRICS_TOKEN}`)
        .expect(200);
      expect(res.headers['content-type']).toContain('text/plain');
      const text = res.text;
      expect(value(text, 'arena_connected_sockets')).toBe(1);
      expect(value(text, 'arena_live_matches')).toBe(1);
      expect(text).toContain('arena_queue_length{mode="ranked",node="metrics-node"} 0');
      expect(text).toContain(
        'arena_http_request_duration_seconds_count{node="metrics-node",method="POST",route="/api/auth/register",status="201"} 1',
      );
      expect(value(text, 'arena_match_states_total')).toBeGreaterThanOrEqual(0);
      expect(text).toContain('arena_node_info{role="all",node="metrics-node"} 1');
      expect(text).toContain('arena_cluster_live_nodes{node="metrics-node"} 1');
      // Every series carries the node.
      const series = text.split('\n').filter((line) => line && !line.startsWith('#'));
      expect(series.filter((line) => !line.includes('node="metrics-node"'))).toEqual([]);
      expect(text).toContain('route="/api/users/:id",status="401"');
      expect(value(text, 'arena_tick_lateness_seconds_count')).toBeGreaterThan(0);
      expect(value(text, 'arena_ticks_total')).toBeGreaterThan(0);
      expect(text).toContain('nodejs_eventloop_lag_p99_seconds');
    } finally {
      socket.disconnect();
      await t.close();
    }
  });

  it('answers only the METRICS_TOKEN bearer, with a 401 envelope for anything else', async () => {
    const t = await startTestApp({ env: { METRICS_TOKEN } });
    try {
      const account = await registerAccount(t);
      for (const authorization of [
        undefined,
        'Bearer wrong-token-0123456789abcdef',
        `Bearer ${METRICS_TOKEN}x`,
        `Bearer ${METRICS_TOKEN.slice(0, -1)}`,
        `Basic ${METRICS_TOKEN}`,
        // A user's access token is not a metrics token.
        `Bearer ${account.accessToken}`,
      ]) {
        const req = t.http().get('/metrics');
        if (authorization) req.set('Authorization', authorization);
        const res = await req.expect(401);
        expectEnvelope(res.body, 401, '/metrics', 'Missing or invalid metrics token');
      }
      await t.http().get('/metrics').set('Authorization', `bearer ${METRICS_TOKEN}`).expect(200);
    } finally {
      await t.close();
    }
  });

  it('without METRICS_TOKEN answers outside production only', async () => {
    const development = await startTestApp();
    try {
      await development.http().get('/metrics').expect(200);
    } finally {
      await development.close();
    }
    const production = await startTestApp({ env: { NODE_ENV: 'production' } });
    try {
      const res = await production.http().get('/metrics').expect(401);
      expectEnvelope(res.body, 401, '/metrics', 'Metrics are off: METRICS_TOKEN is not set');
      await production.http().get('/health').expect(200);
    } finally {
      await production.close();
    }
  });
});
