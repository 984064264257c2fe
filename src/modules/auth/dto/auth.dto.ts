import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
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

export class ChangePasswordDto {
  @ApiProperty({
    required: false,
    description: 'The password in use; required when the account has one',
  })
  @IsOptional()
  @IsString()
  @Length(1, 128)
  currentPassword?: string;

  @ApiProperty({ example: 'a new horse battery', minLength: 8, maxLength: 128 })
  @IsString()
  @Length(8, 128, { message: 'newPassword must be 8 to 128 characters' })
  newPassword!: string;
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

export class TwoFactorCodeDto {
  @ApiProperty({ example: '123456', description: 'The 6-digit code of the authenticator app' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be 6 digits' })
  code!: string;
}

export class TwoFactorLoginDto extends TwoFactorCodeDto {
  @ApiProperty({ description: 'The challengeToken of the login answer' })
  @IsString()
  @MaxLength(256)
  challengeToken!: string;
}

export class TwoFactorSetupDto {
  @ApiProperty({ example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', description: 'Base32 TOTP secret' })
  secret!: string;

  @ApiProperty({ example: 'otpauth://totp/Arena:alice?secret=…&issuer=Arena' })
  otpauthUrl!: string;
}

export class TwoFactorRequiredDto {
  @ApiProperty({
    type: Boolean,
    enum: [true],
    description: 'Always true: sign in with the challenge token and a code',
  })
  twoFactorRequired!: true;

  @ApiProperty({ description: 'Send it with a code to POST /api/auth/2fa/login within 5 minutes' })
  challengeToken!: string;
}
