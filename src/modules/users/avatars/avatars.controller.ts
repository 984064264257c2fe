import { Controller, Get, Param, Put, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  Authenticated,
  AuthUser,
  CurrentUser,
  Public,
} from '../../../common/decorators/auth.decorators';
import { PayloadTooLargeError, ValidationError } from '../../../common/errors';
import { ApiErrors } from '../../../common/swagger/error-envelope.dto';
import { AvatarUrlDto } from '../dto/profile.dto';
import { AvatarsService, MAX_AVATAR_BYTES } from './avatars.service';

const MULTIPART_EXPECTED = 'Send multipart/form-data with the image in the field "file"';
const tooLarge = () => new PayloadTooLargeError('The avatar must be at most 2 MiB');

/**
 * A malformed multipart request (no boundary, a truncated body, a broken part header) is the
 * client's error: busboy throws plain Errors for those, which would otherwise answer 500.
 * @fastify/multipart's own errors (limits) already carry their 4xx status and pass unchanged.
 */
function malformedMultipart(error: unknown): never {
  if (typeof (error as { statusCode?: unknown } | null)?.statusCode === 'number') throw error;
  throw new ValidationError(`Malformed multipart request. ${MULTIPART_EXPECTED}`);
}

@ApiTags('users')
@Controller()
export class AvatarsController {
  constructor(private readonly avatars: AvatarsService) {}

  @Put('users/me/avatar')
  @Authenticated()
  @ApiOperation({ summary: 'Upload the caller’s avatar (PNG, JPEG or WebP, at most 2 MiB)' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiOkResponse({ type: AvatarUrlDto })
  @ApiErrors(400, 413)
  async upload(@CurrentUser() me: AuthUser, @Req() request: FastifyRequest): Promise<AvatarUrlDto> {
    if (!request.isMultipart()) throw new ValidationError(MULTIPART_EXPECTED);
    const part = await request
      .file({ limits: { fileSize: MAX_AVATAR_BYTES, files: 1 } })
      .catch(malformedMultipart);
    if (!part || part.fieldname !== 'file') throw new ValidationError(MULTIPART_EXPECTED);
    let data: Buffer;
    try {
      // The size limit is enforced while streaming: an oversized upload is cut off, never buffered whole.
      data = await part.toBuffer();
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
      malformedMultipart(error);
    }
    // toBuffer() only notices the cut while chunks still come. When the limit falls exactly on
    // a chunk's end (a browser sends a file in 64 KiB slices, and 2 MiB is 32 of them), the last
    // chunk it reads is whole and the cut is only flagged afterwards, on a chunk never handed
    // over: it would return the first 2 MiB as if they were the file. The flag is final once
    // the stream has ended, so it is read here.
    if (part.file.truncated) throw tooLarge();
    return this.avatars.replace(me.userId, data);
  }

  @Get('avatars/:file')
  @Public()
  @ApiTags('avatars')
  @ApiOperation({ summary: 'An avatar image (content-addressed, cached for a year)' })
  @ApiOkResponse({
    description: 'The image',
    content: Object.fromEntries(
      ['image/png', 'image/jpeg', 'image/webp'].map((type) => [
        type,
        { schema: { type: 'string', format: 'binary' } },
      ]),
    ),
  })
  @ApiErrors(404)
  async serve(@Param('file') file: string, @Res() reply: FastifyReply): Promise<void> {
    const avatar = await this.avatars.open(file);
    await reply
      .type(avatar.contentType)
      .header('content-length', avatar.size)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('x-content-type-options', 'nosniff')
      .send(avatar.stream);
  }
}
