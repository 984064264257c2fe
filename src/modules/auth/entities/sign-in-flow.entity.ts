import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The pending part of a provider sign-in, stored so any node can finish what another began:
 * - `state`: an authorization request sent to a provider, found again by the callback's
 *   `state` (10 minutes), holding the PKCE verifier and nonce sealed (see SecretCipher);
 * - `code`: the one-time code the callback hands the client (60 seconds), exchanged for tokens;
 * - `link`: a signed-in client's request to link a provider (60 seconds), which its browser
 *   takes to the start route.
 * Either is found by the SHA-256 of its token and deleted by whoever takes it first.
 */
@Entity('sign_in_flows')
@Index('IDX_sign_in_flows_expiry', ['expiresAt'])
export class SignInFlow {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  tokenHash!: string;

  @Column({ type: 'varchar', length: 8 })
  kind!: 'state' | 'code' | 'link';

  @Column({ type: 'varchar', length: 32 })
  provider!: string;

  /** The account it signs in (a code) or links to (a link's state or ticket); null for a sign-in's state. */
  @Index()
  @Column({ type: 'varchar', length: 36, nullable: true })
  userId!: string | null;

  /** The rest, as JSON: where to return, and the sealed PKCE verifier and nonce. */
  @Column({ type: 'text' })
  payload!: string;

  @Column()
  expiresAt!: Date;

  @Column()
  createdAt!: Date;
}
