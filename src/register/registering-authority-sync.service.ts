import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RegisteringAuthorityService } from '../admin-units/registering-authority.service.js';
import { canonicalJson, sha256Hex } from '../common/util/canonical-json.js';
import { rows } from '../database/sql.js';

const CHUNK = 5000;

/**
 * Copies the registering authorities (reference data from config/) into the register, where events
 * reference the authority *version* they were registered by. Runs at start-up only when the data's
 * fingerprint changed; rows are upserted, never deleted, because registered events point at them.
 */
@Injectable()
export class RegisteringAuthoritySyncService implements OnModuleInit {
  private readonly logger = new Logger(RegisteringAuthoritySyncService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly authorities: RegisteringAuthorityService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.sync();
  }

  async sync(): Promise<boolean> {
    const all = this.authorities.allVersions();
    const fingerprint = sha256Hex(canonicalJson(all));
    return this.dataSource.transaction(async (tx) => {
      // Several hub processes may start together: one syncs, the others wait and find it done.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('registering_authority_sync'))`);
      const [current] = await rows<{ fingerprint: string }>(
        tx,
        `SELECT fingerprint FROM reference_data_version WHERE name = 'registering_authority'`,
      );
      if (current?.fingerprint === fingerprint) return false;
      for (let i = 0; i < all.length; i += CHUNK) {
        const chunk = all.slice(i, i + CHUNK);
        await tx.query(
          `INSERT INTO registering_authority (id, code, kind, name, unit_code, province_code, country_code, valid_from, valid_to)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::date[], $9::date[])
           ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, kind = EXCLUDED.kind, name = EXCLUDED.name,
             unit_code = EXCLUDED.unit_code, province_code = EXCLUDED.province_code,
             country_code = EXCLUDED.country_code, valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to`,
          [
            chunk.map((a) => a.id),
            chunk.map((a) => a.code),
            chunk.map((a) => a.kind),
            chunk.map((a) => a.name),
            chunk.map((a) => a.unitCode ?? null),
            chunk.map((a) => a.provinceCode ?? null),
            chunk.map((a) => a.countryCode ?? null),
            chunk.map((a) => a.validFrom),
            chunk.map((a) => a.validTo),
          ],
        );
      }
      await tx.query(
        `INSERT INTO reference_data_version (name, fingerprint) VALUES ('registering_authority', $1)
         ON CONFLICT (name) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, loaded_at = now()`,
        [fingerprint],
      );
      this.logger.log({ authorities: all.length }, 'registering authorities synchronised');
      return true;
    });
  }
}
