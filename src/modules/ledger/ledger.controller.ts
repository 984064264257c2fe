import { Controller, Get, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/decorators/auth.decorators';
import { IdParam } from '../../common/decorators/id-param.decorator';
import { ApiErrors } from '../../common/swagger/error-envelope.dto';
import { PER_MINUTE } from '../auth/auth.controller';
import { LedgerEntryDto, LedgerVerdictDto } from './dto/ledger.dto';
import { LedgerService } from './ledger.service';

/**
 * The ledger is public: anyone may audit tournament results without an account. Verification
 * reads the whole chain, so both routes are rate-limited per address.
 */
@ApiTags('ledger')
@Public()
@UseGuards(ThrottlerGuard)
@PER_MINUTE(60)
@Controller()
export class LedgerController {
  constructor(private readonly ledger: LedgerService) {}

  @Get('tournaments/:id/ledger')
  @ApiOperation({ summary: 'The ledger entry of a finished tournament' })
  @ApiOkResponse({ type: LedgerEntryDto })
  @ApiErrors(404, 429)
  entry(@IdParam() id: string): Promise<LedgerEntryDto> {
    return this.ledger.forTournament(id);
  }

  @Get('ledger/verify')
  @ApiOperation({
    summary: 'Recompute the whole chain from the stored entries; names the first broken index',
  })
  @ApiOkResponse({ type: LedgerVerdictDto })
  @ApiErrors(429)
  verify(): Promise<LedgerVerdictDto> {
    return this.ledger.verify();
  }
}
