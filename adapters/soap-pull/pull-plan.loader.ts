import { join } from 'node:path';
import type { MappingSpec } from '../../src/mapping/engine/mapping-spec.model.js';
import { parseSpecYaml, readSpecFile } from '../../src/mapping/engine/spec-file.js';
import { SpecNode } from '../../src/mapping/engine/spec-node.util.js';
import type { PullPlan } from './pull-plan.model.js';

export const PULL_FILE = 'pull.yaml';

const ENV_NAME = /^[A-Z][A-Z0-9_]{0,127}$/;
const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;
const DOT_PATH = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/;

/** mappings/<source-id>/pull.yaml, checked like the mapping; undefined when the source has none. */
export async function loadPullPlan(dir: string, mapping: MappingSpec): Promise<PullPlan | undefined> {
  const file = join(dir, PULL_FILE);
  const text = await readSpecFile(file, true);
  if (text === undefined) return undefined;
  return parsePullPlan(text, file, mapping);
}

export function parsePullPlan(text: string, file: string, mapping: MappingSpec): PullPlan {
  const value = parseSpecYaml(text, file);
  const root = SpecNode.root(value, file).onlyKeys([
    'source',
    'endpointEnv',
    'usernameEnv',
    'passwordEnv',
    'intervalSeconds',
    'request',
    'response',
  ]);
  const sourceId = root.get('source').text();
  if (sourceId !== mapping.sourceId) root.get('source').fail(`the mapping's source '${mapping.sourceId}'`);
  if (mapping.input.format !== 'xml') root.fail('a pull plan only for a mapping with input format xml');
  const usernameEnv = root.get('usernameEnv').optionalText(ENV_NAME, 'an environment variable name');
  const passwordEnv = root.get('passwordEnv').optionalText(ENV_NAME, 'an environment variable name');
  if ((usernameEnv === undefined) !== (passwordEnv === undefined))
    root
      .get(usernameEnv === undefined ? 'usernameEnv' : 'passwordEnv')
      .fail('both usernameEnv and passwordEnv, or neither');
  const request = root
    .get('request')
    .onlyKeys(['soapAction', 'namespace', 'operation', 'cursorElement', 'pageSizeElement', 'pageSize']);
  const response = root.get('response').onlyKeys(['recordPath', 'nextCursorPath']);
  return {
    sourceId,
    file,
    endpointEnv: root.get('endpointEnv').text(ENV_NAME, 'an environment variable name (A-Z, 0-9, _)'),
    ...(usernameEnv ? { usernameEnv } : {}),
    ...(passwordEnv ? { passwordEnv } : {}),
    intervalMs: root.get('intervalSeconds').present
      ? root.get('intervalSeconds').integer(1, 86_400) * 1000
      : 300_000,
    request: {
      soapAction: request.get('soapAction').text(/^[^"\r\n]+$/, 'a SOAPAction without quotes or line breaks'),
      namespace: request.get('namespace').text(/^[^"<>&\s]+$/, 'a namespace URI'),
      operation: request.get('operation').text(XML_NAME, 'an XML element name'),
      cursorElement: request.get('cursorElement').text(XML_NAME, 'an XML element name'),
      pageSizeElement: request.get('pageSizeElement').text(XML_NAME, 'an XML element name'),
      pageSize: request.get('pageSize').present ? request.get('pageSize').integer(1, 1000) : 100,
    },
    response: {
      recordPath: response.get('recordPath').text(DOT_PATH, 'a dot path of element names'),
      nextCursorPath: response.get('nextCursorPath').text(DOT_PATH, 'a dot path of element names'),
    },
  };
}
