import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An account. Its `id` is the JWT `sub`. Usernames keep their case; uniqueness ignores it. */
@Entity('users')
// The leaderboard's order over active accounts, `rating DESC, wins DESC, createdAt, id`: made
// by the BoundedReads migration (per-column directions are beyond the entity API).
@Index('IDX_users_leaderboard', { synchronize: false })
// The users list and search walk active accounts by name, with the text a search looks in
// (USER_SEARCH_TEXT), without reading the table: made by the BoundedReads migration.
@Index('IDX_users_directory', { synchronize: false })
export class User {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  username!: string;

  /** `username` lower-cased: the unique key that makes `Alice` and `alice` the same name. */
  @Column({ type: 'varchar', length: 64, unique: true })
  usernameLower!: string;

  /** Stored lower-cased; null once the account is erased. */
  @Column({ type: 'varchar', length: 254, unique: true, nullable: true })
  email!: string | null;

  /** argon2id hash; null once the account is erased (it can no longer log in). */
  @Column({ type: 'varchar', length: 255, nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'varchar', length: 32 })
  displayName!: string;

  @Column({ type: 'varchar', length: 280, default: '' })
  bio!: string;

  @Column({ type: 'varchar', length: 128, nullable: true })
  avatarFile!: string | null;

  @Column({ type: 'integer', default: 1000 })
  rating!: number;

  // Career statistics, updated in the same transaction that stores a finished match.
  @Column({ type: 'integer', default: 1000 })
  peakRating!: number;

  @Column({ type: 'integer', default: 0 })
  played!: number;

  @Column({ type: 'integer', default: 0 })
  wins!: number;

  @Column({ type: 'integer', default: 0 })
  losses!: number;

  /** Positive: consecutive wins; negative: consecutive losses. */
  @Column({ type: 'integer', default: 0 })
  currentStreak!: number;

  @Column({ type: 'integer', default: 0 })
  bestStreak!: number;

  @Column({ type: 'integer', default: 0 })
  pointsScored!: number;

  @Column({ type: 'integer', default: 0 })
  pointsConceded!: number;

  @Column({ type: 'varchar', length: 128, nullable: true })
  twoFactorSecret!: string | null;

  @Column({ type: 'boolean', default: false })
  twoFactorEnabled!: boolean;

  /** The TOTP time step of the last accepted code: a code is good once. */
  @Column({ type: 'integer', nullable: true })
  twoFactorLastStep!: number | null;

  @Column()
  createdAt!: Date;

  @Column()
  updatedAt!: Date;

  /** When the account was anonymised at its owner's request. */
  @Column({ nullable: true, type: Date })
  erasedAt!: Date | null;
}
