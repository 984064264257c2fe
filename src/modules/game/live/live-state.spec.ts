import { describeLiveStatePorts } from '../../../../test/support/live-state-contract';
import { InMemoryChallengeStore } from '../challenges/challenge-store';
import { InMemoryQueueStore } from '../matchmaking/queue-store';
import { InMemoryMatchDirectory } from './match-directory';

describe('live-state ports in memory', () => {
  // One node's ports, shared by the two "nodes" a contract asks for (they are one process here).
  let shared: ReturnType<typeof ports> | null = null;
  const ports = () => ({
    directory: new InMemoryMatchDirectory(),
    queue: new InMemoryQueueStore(),
    challenges: new InMemoryChallengeStore(),
  });
  beforeEach(() => {
    shared = ports();
  });
  describeLiveStatePorts(() => shared as ReturnType<typeof ports>);
});
