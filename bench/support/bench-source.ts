import { execFileSync } from 'node:child_process';

/**
 * Creates (and so migrates the database for) a source through the hub's own CLI, as an operator
 * would, and returns its API key.
 */
export function createBenchSource(
  url: string,
  source: { id: string; name: string; province: string; transport?: string },
): string {
  const out = execFileSync(
    process.execPath,
    [
      'dist/src/cli/hub.cli.js',
      'source',
      'create',
      '--id',
      source.id,
      '--name',
      source.name,
      '--province',
      source.province,
      ...(source.transport ? ['--transport', source.transport] : []),
    ],
    { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8' },
  );
  const key = out.trim().split('\n').pop() ?? '';
  if (!key.startsWith('hub_')) throw new Error(`could not read the API key from: ${out}`);
  return key;
}
