import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Redirect,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiExtraModels,
  ApiFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  Authenticated,
  AuthUser,
  CurrentUser,
  Public,
} from '../../../common/decorators/auth.decorators';
import { ClientMeta } from '../../../common/decorators/client-info.decorator';
import { ApiErrors } from '../../../common/swagger/error-envelope.dto';
import { AccountManagement } from '../api-keys/key-access';
import { PER_MINUTE } from '../auth.controller';
import { AuthResponseDto, TwoFactorRequiredDto } from '../dto/auth.dto';
import type { ClientInfo } from '../sessions.service';
import { SignInResult, SignInService } from '../sign-in/sign-in.service';
import { ProviderSignInService } from './provider-sign-in.service';
import { BINDING_COOKIE } from './browser-binding';
import {
  ExchangeCodeDto,
  LinkUrlDto,
  OAuthRedirectQueryDto,
  OAuthStartQueryDto,
  ProviderDto,
} from './providers.dto';

const FRAGMENT_ERRORS =
  '`#error=` reasons: `denied` (refused at the provider), `invalid_state` (unknown, expired or ' +
  'replayed state: sent to PUBLIC_URL), `provider_unreachable` (no answer within OAUTH_TIMEOUT_MS), ' +
  '`provider_error` (the provider’s answer failed its checks), `identity_in_use` and ' +
  '`already_linked` (linking), `server_error`.';

/** Sign-in with OAuth 2.0 / OpenID Connect providers (API.md "Sign-in providers"). */
@ApiTags('auth')
@UseGuards(ThrottlerGuard)
@Controller('auth')
export class OAuthController {
  constructor(
    private readonly providers: ProviderSignInService,
    private readonly signIn: SignInService,
  ) {}

  @Get('providers')
  @Public()
  @PER_MINUTE(60)
  @ApiOperation({ summary: 'The configured sign-in providers' })
  @ApiOkResponse({ type: [ProviderDto] })
  @ApiErrors(429)
  list(): ProviderDto[] {
    return this.providers.list();
  }

  @Get('oauth/:provider')
  @Public()
  @PER_MINUTE(30)
  @Redirect()
  @ApiOperation({
    summary:
      'Start signing in (or, with a link ticket, linking) with a provider: 302 to it (state, PKCE S256, and a nonce for OIDC)',
    description: `The answer binds the flow to this browser with a cookie its callback requires. If the provider can't be reached, 302 to the redirect with \`#error=provider_unreachable\`. ${FRAGMENT_ERRORS}`,
  })
  @ApiFoundResponse({
    description: 'To the provider',
    headers: {
      'Set-Cookie': {
        description: `\`${BINDING_COOKIE}\`: binds the flow to this browser (against login CSRF). The SHA-256 of the flow's state; HttpOnly, SameSite=Lax, Secure when PUBLIC_URL is https, sent only to this provider's callback path, for the state's 10 minutes. The callback refuses the state without it (\`#error=invalid_state\`) and clears it. Not set when no flow started (\`#error=\` answers)`,
        schema: {
          type: 'string',
          example: `${BINDING_COOKIE}=Qm9vdHN0cmFw…; Max-Age=600; Path=/api/auth/oauth/42/callback; HttpOnly; Secure; SameSite=Lax`,
        },
      },
    },
  })
  @ApiErrors(400, 404, 429)
  async start(
    @Param('provider') provider: string,
    @Query() query: OAuthStartQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ url: string; statusCode: number }> {
    const { location, binding } = await this.providers.start(provider, query);
    if (binding) void reply.setCookie(binding.name, binding.value, binding.options);
    return { url: location, statusCode: 302 };
  }

  @Get('oauth/:provider/callback')
  @Public()
  @PER_MINUTE(30)
  @Redirect()
  @ApiOperation({
    summary: 'Where the provider sends the browser back',
    description: `Counts only in the browser that started the flow: it must send the \`${BINDING_COOKIE}\` cookie the start route set (the answer clears it). 302 to the redirect with \`#code=<one-time code>\` (single use, 60 s), \`#linked=<provider>\` or \`#error=<reason>\`. ${FRAGMENT_ERRORS}`,
  })
  @ApiFoundResponse({
    description: 'To the client',
    headers: {
      'Set-Cookie': {
        description: `Clears \`${BINDING_COOKIE}\` (the flow is spent, whatever its outcome)`,
        schema: { type: 'string' },
      },
    },
  })
  @ApiErrors(429)
  async callback(
    @Param('provider') provider: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ url: string; statusCode: number }> {
    const query = request.url.split('?')[1] ?? '';
    const spent = this.providers.spentBinding(provider);
    void reply.clearCookie(spent.name, spent.options);
    const cookie = request.cookies[BINDING_COOKIE];
    return { url: await this.providers.callback(provider, query, cookie), statusCode: 302 };
  }

  @Post('oauth/exchange')
  @Public()
  @PER_MINUTE(20)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Trade the one-time code for tokens, or for the 2FA challenge',
    description: 'Like a login: an account with 2FA answers a challenge for /api/auth/2fa/login.',
  })
  @ApiExtraModels(AuthResponseDto, TwoFactorRequiredDto)
  @ApiOkResponse({
    schema: {
      oneOf: [
        { $ref: getSchemaPath(AuthResponseDto) },
        { $ref: getSchemaPath(TwoFactorRequiredDto) },
      ],
    },
  })
  @ApiErrors(400, 401, 429)
  async exchange(
    @Body() body: ExchangeCodeDto,
    @ClientMeta() client: ClientInfo,
  ): Promise<SignInResult> {
    return this.signIn.complete(await this.providers.verifyCode(body.code), client);
  }

  @Get('oauth/:provider/link')
  @Authenticated()
  @AccountManagement()
  @PER_MINUTE(30)
  @ApiOperation({
    summary: 'An address that links a provider identity to the caller',
    description: `Arena's start route with a one-time link ticket (60 s): the browser that opens it is bound to the link as to a sign-in, and goes on to the provider. The browser comes back to the redirect with \`#linked=<provider>\` or \`#error=<reason>\`. ${FRAGMENT_ERRORS}`,
  })
  @ApiOkResponse({ type: LinkUrlDto })
  @ApiErrors(400, 404, 429)
  async link(
    @CurrentUser() me: AuthUser,
    @Param('provider') provider: string,
    @Query() query: OAuthRedirectQueryDto,
  ): Promise<LinkUrlDto> {
    return { url: await this.providers.startLink(me.userId, provider, query.redirect) };
  }
}
