import { Body, Controller, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { Public } from '../../common/decorators/auth.decorators';
import { ClientMeta } from '../../common/decorators/client-info.decorator';
import { ApiErrors } from '../../common/swagger/error-envelope.dto';
import { AuthService } from './auth.service';
import {
  AuthResponseDto,
  LoginDto,
  RefreshTokenDto,
  RegisterDto,
  TokenPairDto,
  TwoFactorRequiredDto,
} from './dto/auth.dto';
import type { ClientInfo } from './sessions.service';

/** Per address and per route; the default throttler's limit (10 a minute) is the login limit. */
export const PER_MINUTE = (limit: number) => Throttle({ default: { limit, ttl: 60_000 } });

@ApiTags('auth')
@Public()
@UseGuards(ThrottlerGuard)
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  @PER_MINUTE(20)
  @ApiOperation({ summary: 'Create an account and log in' })
  @ApiCreatedResponse({ type: AuthResponseDto })
  @ApiErrors(400, 409, 429, 503)
  register(@Body() body: RegisterDto, @ClientMeta() client: ClientInfo): Promise<AuthResponseDto> {
    return this.auth.register(body, client);
  }

  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Log in with a username or email (10 attempts a minute per address)' })
  @ApiExtraModels(AuthResponseDto, TwoFactorRequiredDto)
  @ApiOkResponse({
    description: 'Tokens, or for an account with 2FA a challenge to finish at /api/auth/2fa/login',
    schema: {
      oneOf: [
        { $ref: getSchemaPath(AuthResponseDto) },
        { $ref: getSchemaPath(TwoFactorRequiredDto) },
      ],
    },
  })
  @ApiErrors(400, 401, 429, 503)
  login(
    @Body() body: LoginDto,
    @ClientMeta() client: ClientInfo,
  ): Promise<AuthResponseDto | TwoFactorRequiredDto> {
    return this.auth.login(body, client);
  }

  @Post('refresh')
  @PER_MINUTE(60)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Rotate a refresh token',
    description:
      'The token is spent and a new pair is returned. Presenting a spent token again is treated as theft: 401, and the whole login is revoked.',
  })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiErrors(400, 401, 429)
  refresh(@Body() body: RefreshTokenDto): Promise<TokenPairDto> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @PER_MINUTE(60)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'End the login of this refresh token, and its access tokens' })
  @ApiNoContentResponse({ description: 'Logged out' })
  @ApiErrors(400, 401, 429)
  logout(@Body() body: RefreshTokenDto): Promise<void> {
    return this.auth.logout(body.refreshToken);
  }
}
