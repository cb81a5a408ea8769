import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { loadHubConfig } from '../../config/hub.config.js';
import { SourceRegistryService } from '../auth/source-registry.service.js';
import { UserAccountsService } from '../auth/user-accounts.service.js';
import { HubException } from '../common/errors/hub.exception.js';
import { resolveDatabase } from '../database/resolve-database.js';
import { auditAnchor, auditSeal, auditVerify } from './audit.commands.js';
import { MatchingService } from '../matching/matching.service.js';
import { CliUsageError, parseArgs, requireOption, type ParsedArgs } from './cli-args.js';
import { CliModule } from './cli.module.js';
import { runMapCommand } from '../mapping/map.command.js';

const USAGE = `Usage: npm run hub -- <command>

  source create --id <id> --name <name> --province <2-digit code> [--transport REST|SOAP|CSV|SQL]
                                   create a source system and print its API key (shown once)
  source list                      list sources and their active keys
  source issue-key --id <id>       issue another API key for a source (key rotation)
  source revoke --id <id> [--prefix <key prefix>]
                                   revoke a source's keys (all, or the one with that prefix)
  admin bootstrap --username <u> --full-name <name>
                                   create the first Ministry administrator; the password is read
                                   from HUB_ADMIN_PASSWORD (never from the command line)
  migrate                          apply database migrations and exit
  map --mapping <dir> --input <file> [--province <code>]
                                   dry run of a source's mapping: one JSON line per row (standard
                                   record or errors); with --province also the hub's validation.
                                   Needs no database.
  audit verify                     check the audit log's hash chain and signed anchors; exit 1 at
                                   the first broken link
  audit anchor                     sign and store an anchor of the audit chain's head now
  audit seal                       chain the audit entries not yet chained (a running hub does it
                                   by itself within a second)
  matching index-register          add registered events not yet in the matching index (from their
                                   civil_event and party rows)

Uses DATABASE_URL when set, otherwise the embedded PostgreSQL under DATA_DIR (default data/).`;

interface CommandContext {
  app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>;
  args: ParsedArgs;
  env: NodeJS.ProcessEnv;
  print: (value: unknown) => void;
}

type Command = (ctx: CommandContext) => Promise<void>;

/** Where the tool writes: the process's streams, or a test's buffers. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

const STD_OUTPUT: CliOutput = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

const COMMANDS: Record<string, Command> = {
  'source create': async ({ app, args, print }) => {
    const created = await app.get(SourceRegistryService).createSource({
      id: requireOption(args, 'id'),
      name: requireOption(args, 'name'),
      provinceCode: requireOption(args, 'province'),
      transport:
        typeof args.options.get('transport') === 'string'
          ? (args.options.get('transport') as string)
          : 'REST',
    });
    print(created.source);
    print(`API key (shown once; store it in the source system's configuration):\n${created.apiKey}`);
  },
  'source list': async ({ app, print }) => print(await app.get(SourceRegistryService).listSources()),
  'source issue-key': async ({ app, args, print }) => {
    const key = await app.get(SourceRegistryService).issueKey(requireOption(args, 'id'));
    print(`API key (shown once):\n${key}`);
  },
  'source revoke': async ({ app, args, print }) => {
    const prefix = args.options.get('prefix');
    const n = await app
      .get(SourceRegistryService)
      .revokeKeys(requireOption(args, 'id'), typeof prefix === 'string' ? prefix : undefined);
    print(`revoked ${n} key(s)`);
  },
  'admin bootstrap': async ({ app, args, env, print }) => {
    const password = env.HUB_ADMIN_PASSWORD;
    if (!password) throw new CliUsageError('set HUB_ADMIN_PASSWORD to the new administrator password');
    const created = await app.get(UserAccountsService).bootstrapAdministrator({
      username: requireOption(args, 'username'),
      fullName: requireOption(args, 'full-name'),
      password,
    });
    print(`administrator created: ${created.id}`);
    if (created.totp)
      print(`second factor (shown once; add it to an authenticator app):\n${created.totp.uri}`);
  },
  migrate: ({ print }) => Promise.resolve(print('database migrated')),
  'audit verify': auditVerify,
  'audit anchor': auditAnchor,
  'audit seal': auditSeal,
  'matching index-register': async ({ app, print }) =>
    print(`indexed ${await app.get(MatchingService).indexRegister(app.get(DataSource))} event(s)`),
};

/** The dry run of a mapping needs no database, so it runs before one is started. */
async function runMap(args: ParsedArgs, output: CliOutput): Promise<number> {
  try {
    const province = args.options.get('province');
    return await runMapCommand(
      {
        mapping: requireOption(args, 'mapping'),
        input: requireOption(args, 'input'),
        ...(typeof province === 'string' ? { province } : {}),
      },
      (t) => output.out(t),
      (t) => output.err(t),
    );
  } catch (err) {
    if (!(err instanceof CliUsageError)) throw err;
    output.err(`${err.message}\n\n${USAGE}\n`);
    return 2;
  }
}

/** Runs one command; returns the exit code (0 done, 1 refused, 2 usage). */
export async function runHubCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  output: CliOutput = STD_OUTPUT,
): Promise<number> {
  const print = (value: unknown): void => {
    output.out(typeof value === 'string' ? `${value}\n` : `${JSON.stringify(value, null, 2)}\n`);
  };
  const args = parseArgs(argv);
  const name = args.command.join(' ');
  if (name === 'map' && !args.options.has('help')) return runMap(args, output);
  const command = COMMANDS[name];
  if (!command || args.options.has('help')) {
    print(USAGE);
    return name === '' || args.options.has('help') ? 0 : 2;
  }
  // The tool never chains audit entries in the background: `audit verify` must see the log as the
  // hubs left it (an entry left unchained is what it reports); `audit seal` chains on demand.
  const config = { ...loadHubConfig(env), AUDIT_SEAL_INTERVAL_MS: 0 };
  const database = await resolveDatabase(config);
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(config, database.url), {
    logger: ['error'],
  });
  try {
    await command({ app, args, env, print });
    return 0;
  } catch (err) {
    if (err instanceof CliUsageError) {
      output.err(`${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (err instanceof HubException) {
      output.err(`${err.code}: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await app.close();
    await database.stop();
  }
}
