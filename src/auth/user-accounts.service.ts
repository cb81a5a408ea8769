import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { HubException } from '../common/errors/hub.exception.js';
import { rows } from '../database/sql.js';
import { hashPassword } from './password-hasher.js';

/**
 * Officials' accounts. This foundation only bootstraps the first Ministry administrator from the
 * command line; login, second factor and roles are the accounts issue's work.
 */
@Injectable()
export class UserAccountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async bootstrapAdministrator(input: {
    username: string;
    fullName: string;
    password: string;
  }): Promise<string> {
    if (input.password.length < 12) {
      throw new HubException('AUTH.WEAK_PASSWORD', 'Mật khẩu quản trị phải có ít nhất 12 ký tự.');
    }
    const id = randomUUID();
    const passwordHash = await hashPassword(input.password);
    await this.dataSource.transaction(async (tx) => {
      // Only the very first account can be made this way; the lock keeps two bootstraps from racing.
      await tx.query('LOCK TABLE app_user IN EXCLUSIVE MODE');
      const existing = await rows(tx, 'SELECT 1 FROM app_user LIMIT 1');
      if (existing.length > 0) {
        throw new HubException(
          'AUTH.ALREADY_BOOTSTRAPPED',
          'Đã có tài khoản quản trị; hãy dùng tài khoản đó để tạo người dùng mới.',
          409,
        );
      }
      await tx.query(
        `INSERT INTO app_user (id, username, full_name, password_hash, authority_code, roles)
         VALUES ($1, $2, $3, $4, 'BTP', ARRAY['MINISTRY_ADMIN'])`,
        [id, input.username, input.fullName.normalize('NFC'), passwordHash],
      );
      await this.audit.append(
        [
          {
            actorType: 'SYSTEM',
            actorId: 'cli',
            action: 'USER.BOOTSTRAPPED',
            entityType: 'user',
            entityId: id,
          },
        ],
        tx,
      );
    });
    return id;
  }
}
