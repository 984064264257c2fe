import { ApiProperty } from '@nestjs/swagger';

export class LedgerAnchorDto {
  @ApiProperty({ example: 'eip155:43113', description: 'CAIP-2 id of the EVM chain' })
  chain!: string;

  @ApiProperty({ example: '0x5c50…' })
  txHash!: string;

  @ApiProperty({ example: 38123456 })
  blockNumber!: number;
}

export class LedgerEntryDto {
  @ApiProperty({ example: 0, description: 'Position in the chain, from 0' })
  index!: number;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the canonical entry' })
  hash!: string;

  @ApiProperty({
    pattern: '^[0-9a-f]{64}$',
    description: 'The previous entry’s hash; 64 zeros first',
  })
  prevHash!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'The tournament (id, name, kind, size, times), its final standings (place, seed, alias, userId) and every match played (round, position, matchId, both sides, winner, score, end reason)',
  })
  payload!: Record<string, unknown>;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({
    type: LedgerAnchorDto,
    nullable: true,
    description: 'Where the hash was recorded on chain; null without an anchor or until recorded',
  })
  anchor!: LedgerAnchorDto | null;
}

export class LedgerVerdictDto {
  @ApiProperty()
  valid!: boolean;

  @ApiProperty({ example: 12, description: 'Entries checked' })
  length!: number;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The first index whose entry does not hold, or null',
  })
  brokenAt!: number | null;
}
