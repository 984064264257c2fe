import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class ProviderDto {
  @ApiProperty({ example: '42', description: 'The id in the routes (`/api/auth/oauth/42`)' })
  id!: string;

  @ApiProperty({ example: '42' })
  name!: string;

  @ApiProperty({ enum: ['oidc', 'oauth2'] })
  kind!: 'oidc' | 'oauth2';
}

export class OAuthRedirectQueryDto {
  @ApiProperty({
    required: false,
    example: 'https://arena.example/',
    description:
      'Where the browser returns, with `#code=`, `#linked=` or `#error=`: one of OAUTH_REDIRECT_ALLOWLIST (the first when omitted)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  redirect?: string;
}

export class OAuthStartQueryDto extends OAuthRedirectQueryDto {
  @ApiProperty({
    required: false,
    description:
      'A link ticket: part of the `url` that `GET /api/auth/oauth/{provider}/link` answers (single use, 60 s). With it the flow links instead of signing in, and returns to the redirect the link request chose (`redirect` must be left out)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  link?: string;
}

export class ExchangeCodeDto {
  @ApiProperty({ description: 'The one-time code from the callback’s `#code=` (60 s, single use)' })
  @IsString()
  @MaxLength(256)
  code!: string;
}

export class LinkUrlDto {
  @ApiProperty({
    example: 'https://arena.example/api/auth/oauth/42?link=…',
    description:
      'Send the browser there within 60 seconds (single use): Arena binds the link to that browser and sends it on to the provider; it comes back to the redirect with `#linked=<provider>`',
  })
  url!: string;
}

export class IdentityDto {
  @ApiProperty({ example: '42' })
  provider!: string;

  @ApiProperty({ example: '424242', description: 'The provider’s id for the person' })
  subject!: string;

  @ApiProperty({ type: String, nullable: true, example: 'jdoe@student.42.fr' })
  email!: string | null;

  @ApiProperty({ format: 'date-time' })
  linkedAt!: string;
}
