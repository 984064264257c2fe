import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Res,
  StreamableFile,
  UseGuards,
} from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import { Authenticated, AuthUser, CurrentUser } from '../../../common/decorators/auth.decorators';
import { AccountThrottlerGuard } from '../../../common/guards/account-throttler.guard';
import { ApiErrors } from '../../../common/swagger/error-envelope.dto';
import { AccountManagement } from '../../auth/api-keys/key-access';
import { PER_MINUTE } from '../../auth/auth.controller';
import { EraseAccountDto, UserExportDto } from './privacy.dto';
import { PrivacyService } from './privacy.service';

@ApiTags('users')
@Authenticated()
@AccountManagement()
@Controller('users/me')
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  @Get('export')
  @ApiOperation({
    summary: 'Everything Arena holds about the caller, as a JSON download (GDPR access)',
  })
  @ApiOkResponse({ type: UserExportDto, description: 'Streamed: the matches arrive in chunks' })
  export(
    @CurrentUser() me: AuthUser,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): StreamableFile {
    void reply.header('cache-control', 'no-store');
    return new StreamableFile(Readable.from(this.privacy.export(me.userId)), {
      type: 'application/json; charset=utf-8',
      disposition: `attachment; filename="arena-export-${me.userId}.json"`,
    });
  }

  @Delete()
  @UseGuards(AccountThrottlerGuard)
  @PER_MINUTE(5)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Erase the caller’s account (GDPR erasure; 5 attempts a minute per account)',
    description:
      'Confirmed with `{ password }`, or for an account without a password with `{ confirm: <username> }` ' +
      'from a session signed in within the last 10 minutes (403 otherwise). ' +
      'The account is anonymised (username `deleted-<short id>`; email, avatar, bio, secrets, linked identities ' +
      'and API keys erased), every session revoked, friendships, requests and blocks removed. Its matches stay in history.',
  })
  @ApiNoContentResponse({ description: 'Erased' })
  @ApiErrors(400, 403, 429, 503)
  erase(@CurrentUser() me: AuthUser, @Body() body: EraseAccountDto): Promise<void> {
    return this.privacy.erase(me, body);
  }
}
