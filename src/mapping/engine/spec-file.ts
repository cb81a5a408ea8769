import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { MappingException } from './mapping.exception.js';

/**
 * A source's YAML file under mappings/<source-id>/ (mapping.yaml, poll.yaml, pull.yaml). An optional
 * one that does not exist is undefined; any other problem is MAPPING.SPEC_INVALID naming the file.
 */
export async function readSpecFile(file: string, optional: true): Promise<string | undefined>;
export async function readSpecFile(file: string, optional?: false): Promise<string>;
export async function readSpecFile(file: string, optional = false): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (cause) {
    if (optional && (cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new MappingException('MAPPING.SPEC_INVALID', `${file}: cannot be read`, { cause });
  }
}

/** The YAML's value; alias expansion is bounded (maxAliasCount) so a "billion laughs" file cannot blow up. */
export function parseSpecYaml(text: string, file: string): unknown {
  try {
    return parseYaml(text, { uniqueKeys: true, maxAliasCount: 100, prettyErrors: true });
  } catch (cause) {
    const message = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    throw new MappingException('MAPPING.SPEC_INVALID', `${file}: not valid YAML: ${message}`, { cause });
  }
}
