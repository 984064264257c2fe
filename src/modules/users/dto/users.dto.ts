import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PaginationQueryDto } from '../../../common/pagination/pagination';
import { BioField, DisplayNameField } from './user-fields';

export class UpdateMeDto {
  @DisplayNameField({ required: false })
  displayName?: string;

  @BioField({ required: false })
  bio?: string;
}

export class SearchUsersQueryDto extends PaginationQueryDto {
  @ApiProperty({
    required: false,
    description: 'Matches username or display name, case-insensitively',
    maxLength: 64,
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(64)
  search?: string;
}
