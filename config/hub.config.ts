import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

/**
 * The hub's settings, read from the environment and validated once at start-up. A missing or
 * malformed setting stops the process with a message naming the variable (CONVENTIONS.md).
 */
export class HubEnvironment {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(({ value }) => (value === undefined ? 3000 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** A real PostgreSQL server. Absent: the hub starts its own embedded one under DATA_DIR. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /** Where the embedded default keeps its PostgreSQL data (kept across restarts). */
  @IsString()
  DATA_DIR = 'data';

  @Transform(({ value }) => (value === undefined ? 5488 : Number(value)))
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT = 5488;

  @IsOptional()
  @Matches(/^amqps?:\/\/\S+$/, { message: 'AMQP_URL must be an amqp:// URL' })
  AMQP_URL?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  @Transform(({ value }) => (value === undefined ? 20 : Number(value)))
  @IsInt()
  @Min(2)
  @Max(200)
  DB_POOL_SIZE = 20;

  /** Intake batches processed at once per hub process; more wait, unread, in their sockets. */
  @Transform(({ value }) => (value === undefined ? 2 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(64)
  INTAKE_MAX_CONCURRENT_BATCHES = 2;

  /** How long an intake item may stay unprocessed before the recovery sweep takes it (ms). */
  @Transform(({ value }) => (value === undefined ? 30000 : Number(value)))
  @IsInt()
  @Min(0)
  INTAKE_RECOVERY_AFTER_MS = 30000;

  /**
   * Secret that signs the audit chain's anchors (HMAC-SHA256), at least 32 characters. Empty: no
   * anchors are made and `audit verify` says truncation of the log's end cannot be detected.
   */
  @ValidateIf((o: HubEnvironment) => o.AUDIT_ANCHOR_KEY !== '')
  @MinLength(32, { message: 'AUDIT_ANCHOR_KEY must be at least 32 characters' })
  AUDIT_ANCHOR_KEY = '';

  /** A file (ideally on other storage than the database) that also receives every anchor, one JSON line each. */
  @IsString()
  AUDIT_ANCHOR_FILE = '';

  /** How often the chain head is anchored (minutes; default daily). 0: only `hub audit anchor`. */
  @Transform(({ value }) => (value === undefined ? 1440 : Number(value)))
  @IsInt()
  @Min(0)
  AUDIT_ANCHOR_INTERVAL_MINUTES = 1440;

  /**
   * How often this process looks for audit entries to chain (ms), besides shortly after its own
   * appends. 0: it never chains in the background (the command-line tool; `hub audit seal` does).
   */
  @Transform(({ value }) => (value === undefined ? 200 : Number(value)))
  @IsInt()
  @Min(0)
  AUDIT_SEAL_INTERVAL_MS = 200;

  /**
   * Seals officials' second-factor secrets at rest (AES-256-GCM), at least 32 characters. Required
   * in production; development and tests fall back to a fixed, public key.
   */
  @ValidateIf((o: HubEnvironment) => o.AUTH_SECRET_KEY !== '')
  @MinLength(32, { message: 'AUTH_SECRET_KEY must be at least 32 characters' })
  AUTH_SECRET_KEY = '';

  /** Lifetime of an official's access token (minutes); a refresh token renews it. */
  @Transform(({ value }) => (value === undefined ? 15 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(60)
  AUTH_ACCESS_TOKEN_MINUTES = 15;

  /** Absolute lifetime of a session (hours): after it, log in again. */
  @Transform(({ value }) => (value === undefined ? 12 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(72)
  AUTH_SESSION_HOURS = 12;

  /** Failed logins in a row before the account is locked (1 minute, doubling with each further failure, up to 1 hour). */
  @Transform(({ value }) => (value === undefined ? 5 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(100)
  AUTH_LOCKOUT_THRESHOLD = 5;

  /** Requests per minute per official (token bucket, per hub process); 429 beyond. */
  @Transform(({ value }) => (value === undefined ? 300 : Number(value)))
  @IsInt()
  @Min(1)
  RATE_LIMIT_USER_PER_MINUTE = 300;

  /** Requests per minute per source system (each request up to 1,000 records). */
  @Transform(({ value }) => (value === undefined ? 600 : Number(value)))
  @IsInt()
  @Min(1)
  RATE_LIMIT_SOURCE_PER_MINUTE = 600;

  /** Login and refresh attempts per minute per client address. */
  @Transform(({ value }) => (value === undefined ? 30 : Number(value)))
  @IsInt()
  @Min(1)
  RATE_LIMIT_LOGIN_PER_MINUTE = 30;

  /** Browser origins allowed to call the API (comma-separated). Empty: CORS closed, no cross-origin calls. */
  @IsString()
  CORS_ORIGINS = '';
}

/** Development and tests only: production must set AUTH_SECRET_KEY (loadHubConfig refuses otherwise). */
export const DEVELOPMENT_AUTH_SECRET_KEY = 'development-only-auth-secret-key-not-for-production';

export type HubConfig = Readonly<HubEnvironment>;

export function loadHubConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const known = Object.keys(new HubEnvironment());
  const picked: Record<string, string> = {};
  for (const key of [...known, 'DATABASE_URL', 'AMQP_URL']) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const config = plainToInstance(HubEnvironment, picked);
  const errors = validateSync(config, { whitelist: true });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (config.AUTH_SECRET_KEY === '') {
    if (config.NODE_ENV === 'production')
      throw new Error(
        'Invalid configuration:\n  AUTH_SECRET_KEY: required in production (at least 32 characters)',
      );
    config.AUTH_SECRET_KEY = DEVELOPMENT_AUTH_SECRET_KEY;
  }
  return Object.freeze(config);
}
