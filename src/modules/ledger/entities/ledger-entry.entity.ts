import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Where an entry's hash was recorded on an EVM chain. */
export interface LedgerAnchorRecord {
  /** CAIP-2 chain id, e.g. `eip155:43113` (Avalanche Fuji). */
  chain: string;
  txHash: string;
  blockNumber: number;
}

/**
 * One link of the tamper-evident chain of tournament results. `payload` is the canonical JSON
 * text that was hashed, so anyone can recompute `hash` from the stored row alone.
 */
@Entity('ledger_entries')
export class LedgerEntry {
  /** Position in the chain, from 0. */
  @PrimaryColumn({ type: 'integer' })
  index!: number;

  /** The previous entry's hash; 64 zeros for the first. */
  @Column({ type: 'varchar', length: 64 })
  prevHash!: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  hash!: string;

  @Column({ type: 'varchar', length: 36, unique: true })
  tournamentId!: string;

  @Column({ type: 'text' })
  payload!: string;

  @Column()
  createdAt!: Date;

  /** Set once the hash is recorded on chain; null without an anchor or until it succeeds. */
  @Column({ type: 'simple-json', nullable: true })
  anchor!: LedgerAnchorRecord | null;
}
