import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';
import { MeProfileDto } from '../../users/dto/profile.dto';
import {
  DisplayNameField,
  EmailField,
  PasswordField,
  UsernameField,
} from '../../users/dto/user-fields';

export class RegisterDto {
  @EmailField()
  email!: string;

  @UsernameField()
  username!: string;

  @PasswordField()
  password!: string;

  @DisplayNameField({ required: false })
  displayName?: string;
}

export class LoginDto {
  @ApiProperty({ description: 'Username or email', example: 'alice' })
  @IsString()
  @Length(1, 254)
  login!: string;

  @ApiProperty({ example: 'correct horse battery' })
  @IsString()
  @Length(1, 128)
  password!: string;
}

export class RefreshTokenDto {
  @ApiProperty({ description: 'The opaque refresh token from login, register or refresh' })
  @IsString()
  @MaxLength(256)
  refreshToken!: string;
}

export class TokenPairDto {
  @ApiProperty({ description: 'Short-lived HS256 JWT for `Authorization: Bearer`' })
  accessToken!: string;

  @ApiProperty({ description: 'Opaque, single-use refresh token' })
  refreshToken!: string;
}

export class AuthResponseDto extends TokenPairDto {
  @ApiProperty({ type: MeProfileDto })
  user!: MeProfileDto;
}
