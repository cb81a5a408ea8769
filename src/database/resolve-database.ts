import type { HubConfig } from '../../config/hub.config.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

export interface ResolvedDatabase {
  url: string;
  description: string;
  stop(): Promise<void>;
}

/** DATABASE_URL when given (never starts a server then); otherwise the embedded default. */
export async function resolveDatabase(config: HubConfig): Promise<ResolvedDatabase> {
  if (config.DATABASE_URL) {
    const safe = config.DATABASE_URL.replace(/\/\/[^@/]*@/, '//***@');
    return { url: config.DATABASE_URL, description: safe, stop: () => Promise.resolve() };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, port: config.EMBEDDED_PG_PORT });
  return {
    url: embedded.url,
    description: `embedded PostgreSQL in ${config.DATA_DIR}/postgres, port ${config.EMBEDDED_PG_PORT}`,
    stop: () => embedded.stop(),
  };
}
