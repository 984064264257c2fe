import { randomUUID } from 'node:crypto';
import { Account, bearer, registerAccount } from './support/accounts';
import { expectEnvelope } from './support/envelope';
import { startTestApp, TestApp } from './support/test-app';

describe('friends and blocks (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const as = (account: Account) => ({
    get: (path: string) => t.http().get(path).set(bearer(account.accessToken)),
    post: (path: string, body?: object) =>
      t.http().post(path).set(bearer(account.accessToken)).send(body),
    del: (path: string) => t.http().delete(path).set(bearer(account.accessToken)),
  });
  const usernames = (profiles: { username: string }[]) => profiles.map((p) => p.username);

  it('asks, lists, accepts: both see each other as friends', async () => {
    const ann = await registerAccount(t, { username: 'ann' });
    const ben = await registerAccount(t, { username: 'ben' });
    const sent = await as(ann).post('/api/friends/requests', { userId: ben.id }).expect(201);
    expect(sent.body).toEqual({
      id: expect.any(String),
      from: expect.objectContaining({ id: ann.id, username: 'ann', status: 'offline' }),
      to: expect.objectContaining({ id: ben.id, username: 'ben' }),
      createdAt: expect.any(String),
    });
    expect(sent.body.from).not.toHaveProperty('email');

    const annView = await as(ann).get('/api/friends/requests').expect(200);
    expect(annView.body).toEqual({ incoming: [], outgoing: [sent.body] });
    const benView = await as(ben).get('/api/friends/requests').expect(200);
    expect(benView.body).toEqual({ incoming: [sent.body], outgoing: [] });

    const forbidden = await as(ann)
      .post(`/api/friends/requests/${sent.body.id}/accept`)
      .expect(403);
    expectEnvelope(forbidden.body, 403, `/api/friends/requests/${sent.body.id}/accept`);
    await as(ben)
      .post(`/api/friends/requests/${sent.body.id}/accept`)
      .expect(200, { friends: true });

    expect(usernames((await as(ann).get('/api/friends').expect(200)).body)).toEqual(['ben']);
    expect(usernames((await as(ben).get('/api/friends').expect(200)).body)).toEqual(['ann']);
    expect((await as(ben).get('/api/friends/requests').expect(200)).body).toEqual({
      incoming: [],
      outgoing: [],
    });

    const again = await as(ben).post('/api/friends/requests', { userId: ann.id }).expect(409);
    expectEnvelope(again.body, 409, '/api/friends/requests', 'You are already friends');
  });

  it('turns crossed requests into a friendship at once', async () => {
    const cat = await registerAccount(t, { username: 'cat' });
    const dan = await registerAccount(t, { username: 'dan' });
    await as(cat).post('/api/friends/requests', { userId: dan.id }).expect(201);
    const dup = await as(cat).post('/api/friends/requests', { userId: dan.id }).expect(409);
    expectEnvelope(dup.body, 409, '/api/friends/requests', 'Friend request already sent');
    await as(dan).post('/api/friends/requests', { userId: cat.id }).expect(200, { friends: true });
    expect(usernames((await as(cat).get('/api/friends').expect(200)).body)).toEqual(['dan']);
    expect((await as(cat).get('/api/friends/requests').expect(200)).body.outgoing).toEqual([]);
  });

  it('lets the addressee decline and the sender cancel; strangers see nothing', async () => {
    const eve = await registerAccount(t, { username: 'eve' });
    const fay = await registerAccount(t, { username: 'fay' });
    const gus = await registerAccount(t, { username: 'gus' });
    const first = await as(eve).post('/api/friends/requests', { userId: fay.id }).expect(201);
    await as(gus).post(`/api/friends/requests/${first.body.id}/decline`).expect(404);
    await as(gus).post(`/api/friends/requests/${first.body.id}/accept`).expect(404);
    await as(fay).post(`/api/friends/requests/${first.body.id}/decline`).expect(204);
    await as(fay).post(`/api/friends/requests/${first.body.id}/accept`).expect(404);

    const second = await as(eve).post('/api/friends/requests', { userId: fay.id }).expect(201);
    await as(eve).post(`/api/friends/requests/${second.body.id}/decline`).expect(204);
    expect((await as(fay).get('/api/friends/requests').expect(200)).body.incoming).toEqual([]);
    expect((await as(eve).get('/api/friends').expect(200)).body).toEqual([]);
  });

  it('removes a friendship from both sides', async () => {
    const hal = await registerAccount(t, { username: 'hal' });
    const ivy = await registerAccount(t, { username: 'ivy' });
    const req = await as(hal).post('/api/friends/requests', { userId: ivy.id }).expect(201);
    await as(ivy).post(`/api/friends/requests/${req.body.id}/accept`).expect(200);
    await as(ivy).del(`/api/friends/${hal.id}`).expect(204);
    expect((await as(hal).get('/api/friends').expect(200)).body).toEqual([]);
    const gone = await as(ivy).del(`/api/friends/${hal.id}`).expect(404);
    expectEnvelope(gone.body, 404, `/api/friends/${hal.id}`, 'You are not friends');
  });

  it('refuses yourself, unknown players and bad bodies', async () => {
    const jay = await registerAccount(t, { username: 'jay' });
    const self = await as(jay).post('/api/friends/requests', { userId: jay.id }).expect(400);
    expectEnvelope(self.body, 400, '/api/friends/requests');
    await as(jay).post('/api/friends/requests', { userId: randomUUID() }).expect(404);
    await as(jay).post('/api/friends/requests', {}).expect(400);
    await as(jay).post('/api/friends/requests', { userId: jay.id, note: 'hi' }).expect(400);
    await as(jay).post(`/api/friends/requests/${randomUUID()}/accept`).expect(404);
    await as(jay).post('/api/blocks', { userId: jay.id }).expect(400);
    await as(jay).post('/api/blocks', { userId: randomUUID() }).expect(404);
    await t.http().get('/api/friends').expect(401);
    await t.http().get('/api/blocks').expect(401);
  });

  it('blocking ends the friendship and pending requests, and refuses new ones both ways', async () => {
    const kim = await registerAccount(t, { username: 'kim' });
    const lou = await registerAccount(t, { username: 'lou' });
    const req = await as(kim).post('/api/friends/requests', { userId: lou.id }).expect(201);
    await as(lou).post(`/api/friends/requests/${req.body.id}/accept`).expect(200);
    const mia = await registerAccount(t, { username: 'mia' });
    await as(mia).post('/api/friends/requests', { userId: kim.id }).expect(201);

    await as(kim).post('/api/blocks', { userId: lou.id }).expect(204);
    await as(kim).post('/api/blocks', { userId: lou.id }).expect(204);
    await as(kim).post('/api/blocks', { userId: mia.id }).expect(204);
    expect(usernames((await as(kim).get('/api/blocks').expect(200)).body)).toEqual(['lou', 'mia']);
    expect((await as(kim).get('/api/friends').expect(200)).body).toEqual([]);
    expect((await as(lou).get('/api/friends').expect(200)).body).toEqual([]);
    expect((await as(kim).get('/api/friends/requests').expect(200)).body).toEqual({
      incoming: [],
      outgoing: [],
    });

    const fromBlocked = await as(lou).post('/api/friends/requests', { userId: kim.id }).expect(403);
    expectEnvelope(fromBlocked.body, 403, '/api/friends/requests');
    await as(kim).post('/api/friends/requests', { userId: lou.id }).expect(403);

    await as(kim).del(`/api/blocks/${lou.id}`).expect(204);
    await as(kim).del(`/api/blocks/${lou.id}`).expect(404);
    expect(usernames((await as(kim).get('/api/blocks').expect(200)).body)).toEqual(['mia']);
    await as(lou).post('/api/friends/requests', { userId: kim.id }).expect(201);
    // A block is one-directional to lift: mia can't unblock kim's block of her.
    await as(mia).del(`/api/blocks/${kim.id}`).expect(404);
  });
});
