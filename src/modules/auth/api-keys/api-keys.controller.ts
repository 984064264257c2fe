import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, AuthUser, CurrentUser } from '../../../common/decorators/auth.decorators';
import { IdParam } from '../../../common/decorators/id-param.decorator';
import { ApiErrors } from '../../../common/swagger/error-envelope.dto';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto } from './api-keys.dto';
import { ApiKeysService, MAX_API_KEYS } from './api-keys.service';
import { AccountManagement } from './key-access';

/** The caller's API keys; managed with an access token only, never with a key. */
@ApiTags('api-keys')
@Authenticated()
@AccountManagement()
@Controller('users/me/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @ApiOperation({
    summary: `Create an API key (at most ${MAX_API_KEYS} per account)`,
    description:
      'The key is sent as `Authorization: Bearer <key>` (REST) or `auth: { token: key }` (socket). ' +
      '`read` allows the GET routes, `play` the /game socket; 600 requests a minute per key.',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  @ApiErrors(400, 409)
  create(@CurrentUser() me: AuthUser, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    return this.keys.create(me.userId, body);
  }

  @Get()
  @ApiOperation({ summary: 'The caller’s API keys, without the keys themselves' })
  @ApiOkResponse({ type: [ApiKeyDto] })
  list(@CurrentUser() me: AuthUser): Promise<ApiKeyDto[]> {
    return this.keys.list(me.userId);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke an API key: it stops working at once, its sockets close' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiErrors(404)
  revoke(@CurrentUser() me: AuthUser, @IdParam() id: string): Promise<void> {
    return this.keys.revoke(me.userId, id);
  }
}
