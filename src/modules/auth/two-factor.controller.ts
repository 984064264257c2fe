import { Body, Controller, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import {
  Authenticated,
  AuthUser,
  CurrentUser,
  Public,
} from '../../common/decorators/auth.decorators';
import { ClientMeta } from '../../common/decorators/client-info.decorator';
import { ApiErrors } from '../../common/swagger/error-envelope.dto';
import { AccountManagement } from './api-keys/key-access';
import { AuthService } from './auth.service';
import {
  AuthResponseDto,
  TwoFactorCodeDto,
  TwoFactorLoginDto,
  TwoFactorSetupDto,
} from './dto/auth.dto';
import type { ClientInfo } from './sessions.service';
import { TwoFactorService } from './two-factor.service';

/** TOTP 2FA; every route shares the auth routes' per-address limit of 10 a minute. */
@ApiTags('auth')
@UseGuards(ThrottlerGuard)
@AccountManagement()
@Controller('auth/2fa')
export class TwoFactorController {
  constructor(
    private readonly twoFactor: TwoFactorService,
    private readonly auth: AuthService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Finish a 2FA login with a code (10 attempts a minute per address)',
    description:
      'A wrong code does not spend the challenge (5 tries within its 5 minutes); a right one does.',
  })
  @ApiOkResponse({ type: AuthResponseDto })
  @ApiErrors(400, 401, 429)
  login(
    @Body() body: TwoFactorLoginDto,
    @ClientMeta() client: ClientInfo,
  ): Promise<AuthResponseDto> {
    return this.auth.loginWithCode(body, client);
  }

  @Post('setup')
  @Authenticated()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Start enabling 2FA: a new TOTP secret for the authenticator app',
    description: 'The secret is shown here only; 2FA is on once /enable gets a valid code.',
  })
  @ApiOkResponse({ type: TwoFactorSetupDto })
  @ApiErrors(409, 429)
  setup(@CurrentUser() me: AuthUser): Promise<TwoFactorSetupDto> {
    return this.twoFactor.setup(me.userId);
  }

  @Post('enable')
  @Authenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Turn 2FA on with a code from the new secret' })
  @ApiNoContentResponse({ description: 'Enabled' })
  @ApiErrors(400, 409, 429)
  enable(@CurrentUser() me: AuthUser, @Body() body: TwoFactorCodeDto): Promise<void> {
    return this.twoFactor.enable(me.userId, body.code);
  }

  @Post('disable')
  @Authenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Turn 2FA off with a current code' })
  @ApiNoContentResponse({ description: 'Disabled' })
  @ApiErrors(400, 409, 429)
  disable(@CurrentUser() me: AuthUser, @Body() body: TwoFactorCodeDto): Promise<void> {
    return this.twoFactor.disable(me.userId, body.code);
  }
}
