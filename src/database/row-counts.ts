import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PreparedRead, selectByIdSql } from '../common/persistence/prepared-read';
import { RowCount } from './row-count.entity';

/** Totals kept by the database (see row-count.triggers.ts): one primary-key read each. */
@Injectable()
export class RowCounts {
  private readonly read: PreparedRead<{ count: number }, [string]>;

  constructor(dataSource: DataSource) {
    this.read = new PreparedRead(
      dataSource,
      selectByIdSql(dataSource.getRepository(RowCount), ['count']),
    );
  }

  async of(name: string): Promise<number> {
    return Number((await this.read.first(name))?.count ?? 0);
  }
}
