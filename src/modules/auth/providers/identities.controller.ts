import { Controller, Delete, Get, HttpCode, HttpStatus, Param } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, AuthUser, CurrentUser } from '../../../common/decorators/auth.decorators';
import { ApiErrors } from '../../../common/swagger/error-envelope.dto';
import { AccountManagement } from '../api-keys/key-access';
import { IdentitiesService } from './identities.service';
import { IdentityDto } from './providers.dto';

/** The caller's linked sign-in identities (access token only). */
@ApiTags('users')
@Authenticated()
@AccountManagement()
@Controller('users/me/identities')
export class IdentitiesController {
  constructor(private readonly identities: IdentitiesService) {}

  @Get()
  @ApiOperation({ summary: 'The sign-in identities linked to the caller' })
  @ApiOkResponse({ type: [IdentityDto] })
  list(@CurrentUser() me: AuthUser): Promise<IdentityDto[]> {
    return this.identities.list(me.userId);
  }

  @Delete(':provider')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Unlink the caller’s identity of a provider' })
  @ApiNoContentResponse({ description: 'Unlinked' })
  @ApiErrors(404, 409)
  unlink(@CurrentUser() me: AuthUser, @Param('provider') provider: string): Promise<void> {
    return this.identities.unlink(me.userId, provider.toLowerCase());
  }
}
