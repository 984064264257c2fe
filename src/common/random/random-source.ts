/**
 * Where match seeds come from. Production draws them from the OS; tests inject a seeded source
 * so every serve of every match they play is reproducible.
 */
import { randomInt } from 'node:crypto';
import { nextRandom } from '@arena/engine';

export abstract class RandomSource {
  /** A non-negative 31-bit integer. */
  abstract seed(): number;
}

export class CryptoRandomSource extends RandomSource {
  seed(): number {
    return randomInt(0, 2 ** 31);
  }
}

export class SeededRandomSource extends RandomSource {
  private readonly state: { rng: number };

  constructor(seed: number) {
    super();
    this.state = { rng: seed | 0 };
  }

  seed(): number {
    return Math.floor(nextRandom(this.state) * 2 ** 31);
  }
}
