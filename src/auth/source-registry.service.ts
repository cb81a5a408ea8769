import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AdminUnitService } from '../admin-units/admin-unit.service.js';
import { Clock } from '../common/clock.js';
import { HubException } from '../common/errors/hub.exception.js';
import { changedRows, rows } from '../database/sql.js';
import { AuthErrors } from './auth.exception.js';
import type { SourcePrincipal } from './source-principal.js';

export interface SourceSummary {
  id: string;
  name: string;
  provinceCode: string;
  transport: string;
  status: string;
  activeKeys: number;
  createdAt: string;
}

const SOURCE_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;
const KEY_PREFIX = 'hub_';

/** Keys are 256 random bits, so a fast hash is enough to store them (no dictionary to attack). */
function hashKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/**
 * Source systems (the legacy software of a province, or a province's exporter) and their API keys.
 * A key is shown once when issued and stored only as its hash.
 */
@Injectable()
export class SourceRegistryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: AdminUnitService,
    private readonly clock: Clock,
  ) {}

  async createSource(input: { id: string; name: string; provinceCode: string; transport?: string }): Promise<{
    source: SourceSummary;
    apiKey: string;
  }> {
    if (!SOURCE_ID.test(input.id)) {
      throw new HubException(
        'SOURCE.INVALID_ID',
        `Mã nguồn "${input.id}" không hợp lệ (chữ thường, số và dấu gạch ngang).`,
      );
    }
    // A source is bound to one of today's provinces; its pre-2025 records are checked through the crosswalk.
    const province = this.units.resolveAt(input.provinceCode, 'PROVINCE', this.clock.today());
    if (!province) {
      throw new HubException(
        'SOURCE.INVALID_PROVINCE',
        `Mã tỉnh "${input.provinceCode}" không phải một tỉnh, thành phố hiện hành (34 đơn vị từ 01/7/2025).`,
      );
    }
    const existing = await rows(this.dataSource, 'SELECT 1 FROM source WHERE id = $1', [input.id]);
    if (existing.length > 0)
      throw new HubException('SOURCE.ALREADY_EXISTS', `Nguồn "${input.id}" đã tồn tại.`, 409);
    await this.dataSource.query(
      'INSERT INTO source (id, name, province_code, transport) VALUES ($1, $2, $3, $4)',
      [input.id, input.name.normalize('NFC'), input.provinceCode, input.transport ?? 'REST'],
    );
    const apiKey = await this.issueKey(input.id);
    const source = (await this.listSources()).find((s) => s.id === input.id);
    if (!source) throw new Error(`source ${input.id} vanished after creation`);
    return { source, apiKey };
  }

  async issueKey(sourceId: string): Promise<string> {
    const apiKey = KEY_PREFIX + randomBytes(32).toString('base64url');
    await this.dataSource.query(
      'INSERT INTO source_credential (id, source_id, key_prefix, key_hash) VALUES ($1, $2, $3, $4)',
      [randomUUID(), sourceId, apiKey.slice(0, 12), hashKey(apiKey)],
    );
    return apiKey;
  }

  /** Revokes every key of a source whose prefix matches (or all of them when no prefix is given). */
  async revokeKeys(sourceId: string, keyPrefix?: string): Promise<number> {
    const revoked = await changedRows<{ id: string }>(
      this.dataSource,
      `UPDATE source_credential SET revoked_at = now()
        WHERE source_id = $1 AND revoked_at IS NULL AND ($2::text IS NULL OR key_prefix = $2) RETURNING id`,
      [sourceId, keyPrefix ?? null],
    );
    return revoked.length;
  }

  async listSources(): Promise<SourceSummary[]> {
    const found = await rows<{
      id: string;
      name: string;
      province_code: string;
      transport: string;
      status: string;
      active_keys: string;
      created_at: Date;
    }>(
      this.dataSource,
      `SELECT s.id, s.name, s.province_code, s.transport, s.status, s.created_at,
              count(c.id) FILTER (WHERE c.revoked_at IS NULL) AS active_keys
         FROM source s LEFT JOIN source_credential c ON c.source_id = s.id
        GROUP BY s.id ORDER BY s.id`,
    );
    return found.map((r) => ({
      id: r.id,
      name: r.name,
      provinceCode: r.province_code,
      transport: r.transport,
      status: r.status,
      activeKeys: Number(r.active_keys),
      createdAt: r.created_at.toISOString(),
    }));
  }

  /**
   * The principal a hub-initiated transport (SQL polling, SOAP pull) acts as for one source, or
   * undefined when the source is not registered or not active.
   */
  async activeSource(sourceId: string, credentialId: string): Promise<SourcePrincipal | undefined> {
    const [found] = await rows<{ province_code: string }>(
      this.dataSource,
      `SELECT province_code FROM source WHERE id = $1 AND status = 'ACTIVE'`,
      [sourceId],
    );
    return found ? { sourceId, provinceCode: found.province_code, credentialId } : undefined;
  }

  /** Looks a key up on every request: revocation takes effect at once, in every hub process. */
  async authenticate(apiKey: string): Promise<SourcePrincipal> {
    if (!apiKey.startsWith(KEY_PREFIX) || apiKey.length > 200) throw AuthErrors.invalidKey();
    const [found] = await rows<{
      id: string;
      source_id: string;
      revoked_at: Date | null;
      status: string;
      province_code: string;
    }>(
      this.dataSource,
      `SELECT c.id, c.source_id, c.revoked_at, s.status, s.province_code
         FROM source_credential c JOIN source s ON s.id = c.source_id WHERE c.key_hash = $1`,
      [hashKey(apiKey)],
    );
    if (!found) throw AuthErrors.invalidKey();
    if (found.revoked_at) throw AuthErrors.revokedKey();
    if (found.status !== 'ACTIVE') throw AuthErrors.sourceDisabled(found.source_id);
    return { sourceId: found.source_id, provinceCode: found.province_code, credentialId: found.id };
  }
}
