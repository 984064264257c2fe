/**
 * Account fields, each one decorator that carries both its validation rules and its Swagger
 * description, so the documented contract and the enforced one cannot drift (API.md "Rules").
 */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { NoControlCharacters } from '../../../common/validation/no-control-characters';

const trim = Transform(({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value,
);

function optionalIf(required: boolean) {
  return required ? [] : [IsOptional()];
}

export const USERNAME_PATTERN = /^[A-Za-z0-9_-]{3,20}$/;

export function UsernameField() {
  return applyDecorators(
    ApiProperty({
      example: 'alice',
      minLength: 3,
      maxLength: 20,
      pattern: USERNAME_PATTERN.source,
    }),
    IsString(),
    Matches(USERNAME_PATTERN, { message: 'username must be 3 to 20 letters, digits, _ or -' }),
  );
}

export function EmailField() {
  return applyDecorators(
    ApiProperty({ example: 'alice@example.com', format: 'email', maxLength: 254 }),
    trim,
    IsString(),
    MaxLength(254),
    IsEmail({}, { message: 'email must be a valid email address' }),
  );
}

export function PasswordField(description = 'Password, 8 to 128 characters') {
  return applyDecorators(
    ApiProperty({ example: 'correct horse battery', minLength: 8, maxLength: 128, description }),
    IsString(),
    Length(8, 128, { message: 'password must be 8 to 128 characters' }),
  );
}

export function DisplayNameField({ required }: { required: boolean }) {
  return applyDecorators(
    ApiProperty({ example: 'Alice', minLength: 1, maxLength: 32, required }),
    ...optionalIf(required),
    trim,
    IsString(),
    Length(1, 32, { message: 'displayName must be 1 to 32 characters' }),
    NoControlCharacters(),
  );
}

export function BioField({ required }: { required: boolean }) {
  return applyDecorators(
    ApiProperty({ example: 'Left paddle enjoyer', maxLength: 280, required }),
    ...optionalIf(required),
    IsString(),
    MaxLength(280, { message: 'bio must be at most 280 characters' }),
    NoControlCharacters({ multiline: true }),
  );
}
