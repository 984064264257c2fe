/**
 * Avatars: recognised by their bytes, stored under AVATAR_DIR by content hash (so a name says
 * nothing about its owner and a file is never overwritten), served with long-lived caching.
 */
import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { createReadStream, ReadStream } from 'node:fs';
import { mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Repository } from 'typeorm';
import { Clock } from '../../../common/clock/clock';
import { NotFoundError, ValidationError } from '../../../common/errors';
import type { ArenaConfig } from '../../../config';
import { AVATAR_ROUTE } from '../dto/profile.dto';
import { User } from '../entities/user.entity';
import { contentTypeOfAvatar, sniffImageType } from './image-type';

export const MAX_AVATAR_BYTES = 2 * 1024 * 1024;

@Injectable()
export class AvatarsService {
  private readonly logger = new Logger(AvatarsService.name);
  private readonly dir: string;

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly clock: Clock,
    config: ConfigService<ArenaConfig, true>,
  ) {
    this.dir = resolve(config.get('storage', { infer: true }).avatarDir);
  }

  /** Stores the image and points the user at it; the previous file goes if nobody else uses it. */
  async replace(userId: string, data: Buffer): Promise<{ avatarUrl: string }> {
    const type = sniffImageType(data);
    if (!type) throw new ValidationError('The file must be a PNG, JPEG or WebP image');
    const file = `${createHash('sha256').update(data).digest('hex')}.${type.extension}`;
    await mkdir(this.dir, { recursive: true });
    const path = join(this.dir, file);
    if (!(await this.exists(path))) {
      // Write then rename, so a reader never sees half a file.
      const partial = `${path}.${process.pid}.${this.clock.now()}.part`;
      await writeFile(partial, data);
      await rename(partial, path);
    }
    const user = await this.users.findOneByOrFail({ id: userId });
    const previous = user.avatarFile;
    await this.users.update({ id: userId }, { avatarFile: file, updatedAt: this.clock.date() });
    if (previous && previous !== file) await this.removeIfUnused(previous);
    return { avatarUrl: `${AVATAR_ROUTE}/${file}` };
  }

  /** Deletes a stored file unless another account still shows it. */
  async removeIfUnused(file: string): Promise<void> {
    if (!contentTypeOfAvatar(file)) return;
    if (await this.users.existsBy({ avatarFile: file })) return;
    await unlink(join(this.dir, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT')
        this.logger.warn(`Could not remove avatar ${file}: ${error.message}`);
    });
  }

  async open(file: string): Promise<{ stream: ReadStream; contentType: string; size: number }> {
    const contentType = contentTypeOfAvatar(file);
    if (!contentType) throw new NotFoundError('Avatar not found');
    const path = join(this.dir, file);
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) throw new NotFoundError('Avatar not found');
    return { stream: createReadStream(path), contentType, size: info.size };
  }

  private async exists(path: string): Promise<boolean> {
    return (await stat(path).catch(() => null)) !== null;
  }
}
