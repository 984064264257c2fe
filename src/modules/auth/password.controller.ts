import { Body, Controller, HttpCode, HttpStatus, Put, UseGuards } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, AuthUser, CurrentUser } from '../../common/decorators/auth.decorators';
import { AccountThrottlerGuard } from '../../common/guards/account-throttler.guard';
import { ApiErrors } from '../../common/swagger/error-envelope.dto';
import { AccountManagement } from './api-keys/key-access';
import { PER_MINUTE } from './auth.controller';
import { AuthService } from './auth.service';
import { ChangePasswordDto } from './dto/auth.dto';

/** `PUT /api/users/me/password`: under the user's routes, but passwords and sessions are auth's. */
@ApiTags('users')
@Authenticated()
@AccountManagement()
@Controller('users/me')
export class PasswordController {
  constructor(private readonly auth: AuthService) {}

  @Put('password')
  @UseGuards(AccountThrottlerGuard)
  @PER_MINUTE(5)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Change the caller’s password (5 attempts a minute per account)',
    description:
      '`currentPassword` is required when the account has a password (403 when missing or wrong). ' +
      'Every other session of the account is revoked; the caller’s stays open.',
  })
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiErrors(400, 403, 429, 503)
  change(@CurrentUser() me: AuthUser, @Body() body: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(me, body);
  }
}
