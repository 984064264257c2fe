import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A total kept by triggers (see row-count.triggers.ts); read, never written, by the app. */
@Entity('row_counts')
export class RowCount {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'integer', default: 0 })
  count!: number;
}
