/**
 * Rate limits count across nodes: the login allows 10 attempts a minute from one address in
 * all, whichever nodes they reach.
 */
import { api, Cluster, register, startCluster } from './support/cluster';

describe('several nodes: rate limits (cluster)', () => {
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await startCluster([{ nodeId: 'limit-a' }, { nodeId: 'limit-b' }], {
      RATE_LIMIT: 'on',
    });
  });

  afterAll(async () => {
    await cluster?.stop();
  });

  it('counts login attempts from one address across nodes: 10 in all, then 429 everywhere', async () => {
    const ada = await register(cluster.nodes[0]);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const node = cluster.nodes[i % 2];
      const res = await api(node, 'POST', '/api/auth/login', {
        body: { login: ada.username, password: 'wrong password 1' },
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual(Array(10).fill(401));
    for (const node of cluster.nodes) {
      const res = await api(node, 'POST', '/api/auth/login', {
        body: { login: ada.username, password: ada.password },
      });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });
});
