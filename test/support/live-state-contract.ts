/* eslint-disable jest/no-export -- a shared contract: the specs of each implementation run it */
/**
 * The contracts of the game's live-state ports, run against each implementation: in memory
 * (unit specs) and Redis (cluster specs). `make` gives the ports of one "node"; calling it twice
 * gives two nodes sharing the same state.
 */
import type { ChallengeStore } from '../../src/modules/game/challenges/challenge-store';
import type { MatchDirectory } from '../../src/modules/game/live/match-directory';
import type { QueueStore } from '../../src/modules/game/matchmaking/queue-store';

export interface LiveStatePorts {
  directory: MatchDirectory;
  queue: QueueStore;
  challenges: ChallengeStore;
}

let unique = 0;
/** Ids no other test of the run uses (a Redis server may be shared by several tests). */
const id = (name: string) => `${name}-${process.pid}-${++unique}`;

export function describeLiveStatePorts(make: () => Promise<LiveStatePorts> | LiveStatePorts) {
  describe('MatchDirectory', () => {
    it('claims every player of a match or none, and frees only its own', async () => {
      const [a, b] = [await make(), await make()];
      const [ann, bob, cy] = [id('ann'), id('bob'), id('cy')];
      const [m1, m2] = [id('m1'), id('m2')];
      expect(await a.directory.claim([ann, bob], m1)).toBe(true);
      expect(await b.directory.claim([ann, bob], m1)).toBe(true); // the same match: no-op
      expect(await b.directory.claim([cy, bob], m2)).toBe(false); // bob is busy: nobody claimed
      expect(await a.directory.matchOf(cy)).toBeNull();
      expect(await b.directory.matchOf(bob)).toBe(m1);
      await b.directory.release([ann, bob], m2); // not theirs: nothing happens
      expect(await a.directory.matchOf(ann)).toBe(m1);
      await b.directory.release([ann, bob], m1);
      expect(await a.directory.matchOf(ann)).toBeNull();
      expect(await a.directory.claim([cy, bob], m2)).toBe(true);
      expect(await a.directory.claim([], m2)).toBe(true);
    });

    it('knows each live match’s owner, moves it, counts a node’s matches, forgets ended ones', async () => {
      const [a, b] = [await make(), await make()];
      const [n1, n2] = [id('node'), id('node')];
      const [m1, m2, m3] = [id('m'), id('m'), id('m')];
      const entry = (matchId: string, ownerNode: string) => ({
        matchId,
        ownerNode,
        players: [id('p')],
        tournamentId: null,
      });
      await a.directory.host(entry(m1, n1));
      await a.directory.host(entry(m2, n1));
      await b.directory.host(entry(m3, n2));
      expect(await b.directory.find(m1)).toMatchObject({ matchId: m1, ownerNode: n1 });
      expect(await b.directory.loads([n1, n2])).toEqual([2, 1]);
      await b.directory.host(entry(m2, n2)); // handed over
      expect(await a.directory.loads([n1, n2])).toEqual([1, 2]);
      expect((await a.directory.hostedBy(n2)).map((m) => m.matchId).sort()).toEqual(
        [m2, m3].sort(),
      );
      await a.directory.remove(m3);
      expect(await b.directory.find(m3)).toBeNull();
      expect((await b.directory.hostedBy(n2)).map((m) => m.matchId)).toEqual([m2]);
      expect(await a.directory.find(id('none'))).toBeNull();
    });

    it('marks draining nodes for every node', async () => {
      const [a, b] = [await make(), await make()];
      const node = id('node');
      await a.directory.setDraining(node, true);
      expect((await b.directory.draining()).has(node)).toBe(true);
      await b.directory.setDraining(node, false);
      expect((await a.directory.draining()).has(node)).toBe(false);
    });
  });

  describe('QueueStore', () => {
    it('holds a user in one queue at most, and pairs a player once whichever node asks', async () => {
      const [a, b] = [await make(), await make()];
      const [ann, bob, cy] = [id('ann'), id('bob'), id('cy')];
      const entry = (userId: string) => ({ userId, rating: 1000, joinedAt: 1 });
      expect(await a.queue.join('ranked', entry(ann))).toBe(true);
      expect(await b.queue.join('casual', entry(ann))).toBe(false);
      expect(await b.queue.join('ranked', entry(bob))).toBe(true);
      expect(await a.queue.join('ranked', entry(cy))).toBe(true);
      expect(await b.queue.has(ann)).toBe(true);
      const waiting = (await a.queue.entries('ranked')).map((e) => e.userId);
      expect(waiting).toEqual(expect.arrayContaining([ann, bob, cy]));
      const [first, second] = await Promise.all([
        a.queue.takePair('ranked', ann, bob),
        b.queue.takePair('ranked', bob, cy),
      ]);
      expect([first, second].filter(Boolean)).toHaveLength(1); // bob paired once
      expect(await a.queue.takePair('casual', cy, cy)).toBe(false);
      const left = first ? cy : ann;
      expect(await b.queue.has(left)).toBe(true);
      expect(await b.queue.has(bob)).toBe(false);
      expect(await a.queue.leave(left)).toBe(true);
      expect(await a.queue.leave(left)).toBe(false);
      expect(await b.queue.join('casual', entry(bob))).toBe(true);
    });
  });

  describe('ChallengeStore', () => {
    const challenge = (fromId: string, toId: string, expiresAt: number) => ({
      id: id('challenge'),
      fromId,
      toId,
      expiresAt,
    });

    it('keeps one pending challenge per pair, either way, handed to one taker', async () => {
      const [a, b] = [await make(), await make()];
      const [ann, bob] = [id('ann'), id('bob')];
      const first = challenge(ann, bob, Date.now() + 60_000);
      expect(await a.challenges.add(first)).toBe(true);
      expect(await b.challenges.add(challenge(bob, ann, Date.now() + 60_000))).toBe(false);
      expect(await b.challenges.get(first.id)).toEqual(first);
      const [x, y] = await Promise.all([a.challenges.take(first.id), b.challenges.take(first.id)]);
      expect([x, y].filter(Boolean)).toEqual([first]);
      expect(await a.challenges.get(first.id)).toBeNull();
      expect(await b.challenges.add(challenge(bob, ann, Date.now() + 60_000))).toBe(true);
    });

    it('expires challenges once, when due, and drops a user’s', async () => {
      const [a, b] = [await make(), await make()];
      const [ann, bob, cy] = [id('ann'), id('bob'), id('cy')];
      const now = Date.now();
      const due = challenge(ann, bob, now - 1);
      const later = challenge(ann, cy, now + 60_000);
      const other = challenge(bob, cy, now + 60_000);
      for (const c of [due, later, other]) expect(await a.challenges.add(c)).toBe(true);
      const [x, y] = await Promise.all([
        a.challenges.takeExpired(now),
        b.challenges.takeExpired(now),
      ]);
      expect([...x, ...y].map((c) => c.id)).toEqual([due.id]);
      expect((await b.challenges.takeInvolving(cy)).map((c) => c.id).sort()).toEqual(
        [later.id, other.id].sort(),
      );
      expect(await a.challenges.get(later.id)).toBeNull();
      expect(await a.challenges.takeInvolving(cy)).toEqual([]);
    });
  });
}
