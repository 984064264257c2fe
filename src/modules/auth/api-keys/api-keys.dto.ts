import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
} from 'class-validator';
import { NoControlCharacters } from '../../../common/validation/no-control-characters';
import { API_KEY_SCOPES, type ApiKeyScope } from './key-access';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'ladder bot', minLength: 1, maxLength: 64 })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, 64, { message: 'name must be 1 to 64 characters' })
  @NoControlCharacters()
  name!: string;

  @ApiProperty({
    enum: API_KEY_SCOPES,
    isArray: true,
    example: ['read', 'play'],
    description: '`read`: the GET routes; `play`: the /game socket',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(API_KEY_SCOPES.length)
  @ArrayUnique()
  @IsIn(API_KEY_SCOPES, {
    each: true,
    message: `scopes must be among ${API_KEY_SCOPES.join(', ')}`,
  })
  scopes!: ApiKeyScope[];

  @ApiProperty({
    required: false,
    minimum: 1,
    maximum: 3650,
    description: 'Never expires without it',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  expiresInDays?: number;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'ladder bot' })
  name!: string;

  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true })
  scopes!: ApiKeyScope[];

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt!: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'The last use, to the minute',
  })
  lastUsedAt!: string | null;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({
    example: 'arena_Jx2mQ0p4cTn1Wb8sRk3yLfV6hD9aE5uZ7oGiNqXwYtC',
    description: 'Shown only in this answer: Arena keeps only its hash',
  })
  key!: string;
}
