/**
 * The ledger's EVM anchor through the real app, against a real chain (ganache on loopback):
 * every new entry's hash is recorded by the ArenaLedger contract and its receipt stored; a slow
 * or unreachable chain never holds a tournament up, and what could not be anchored is anchored
 * later (here after a restart with the chain back).
 */
import { ManualClock } from '../src/common/clock/clock';
import { Account, bearer, registerAccount } from './support/accounts';
import { EvmChain, startEvmChain } from './support/evm-chain';
import { gameDriver } from './support/game-clock';
import { startTestApp, TestApp } from './support/test-app';

interface Entry {
  index: number;
  hash: string;
  anchor: { chain: string; txHash: string; blockNumber: number } | null;
}

describe('ledger EVM anchor (e2e)', () => {
  const clock = new ManualClock(Date.UTC(2026, 10, 25, 12));
  let chain: EvmChain;
  let t: TestApp;
  let host: Account;
  const game = gameDriver(() => t, clock);

  beforeAll(async () => {
    chain = await startEvmChain();
    t = await startTestApp({
      clock,
      env: {
        TOURNAMENT_NOSHOW_MS: '1000',
        LEDGER_EVM_RPC_URL: chain.rpcUrl,
        LEDGER_EVM_PRIVATE_KEY: chain.privateKey,
        LEDGER_EVM_CONTRACT: chain.contract,
      },
    });
    host = await registerAccount(t);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await chain?.stop();
  });

  /** A local tournament nobody plays: it ends when its no-show deadline passes. */
  async function finishedTournament(): Promise<string> {
    const res = await t
      .http()
      .post('/api/tournaments')
      .set(bearer(host.accessToken))
      .send({ name: 'Anchored cup', kind: 'local', aliases: ['Left', 'Right'] })
      .expect(201);
    const id = res.body.id as string;
    await game.playUntil(() => false, 2);
    await until(async () => (await tournament(id)).status === 'finished');
    return id;
  }

  const tournament = async (id: string) =>
    (await t.http().get(`/api/tournaments/${id}`).set(bearer(host.accessToken)).expect(200))
      .body as { status: string };
  const entry = async (id: string) =>
    (await t.http().get(`/api/tournaments/${id}/ledger`).expect(200)).body as Entry;

  /** Polls (bounded) until `check` holds; the anchor runs on real time, off the game clock. */
  async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`not within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('records each new entry’s hash on chain and stores the receipt', async () => {
    const id = await finishedTournament();
    await until(async () => (await entry(id)).anchor !== null);
    const stored = await entry(id);
    expect(stored.anchor).toEqual({
      chain: 'eip155:1337',
      txHash: expect.stringMatching(/^0x[0-9a-f]{64}$/),
      blockNumber: expect.any(Number),
    });
    expect(await chain.hashOf(id)).toBe(stored.hash);
    const receipt = await chain.receiptOf(stored.anchor?.txHash as string);
    expect(receipt).toMatchObject({ status: 1, blockNumber: stored.anchor?.blockNumber });
    expect((await t.http().get('/api/ledger/verify').expect(200)).body.valid).toBe(true);
  });

  it('never holds a tournament up while the chain is slow', async () => {
    await chain.setMining(false);
    try {
      const id = await finishedTournament();
      const pending = await entry(id);
      expect(pending.anchor).toBeNull();
      expect(await chain.hashOf(id)).toBeNull();
      await chain.setMining(true);
      await until(async () => (await entry(id)).anchor !== null);
      expect(await chain.hashOf(id)).toBe(pending.hash);
    } finally {
      await chain.setMining(true);
    }
  });

  it('anchors what an unreachable chain left out once the chain is back (after a restart)', async () => {
    t.env.LEDGER_EVM_RPC_URL = 'http://127.0.0.1:9';
    await t.restart();
    const id = await finishedTournament();
    const stranded = await entry(id);
    expect(stranded.anchor).toBeNull();

    t.env.LEDGER_EVM_RPC_URL = chain.rpcUrl;
    await t.restart();
    await until(async () => (await entry(id)).anchor !== null);
    expect(await chain.hashOf(id)).toBe(stranded.hash);
  });
});
