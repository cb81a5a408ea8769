import { execFileSync } from 'node:child_process';
import { recordToXml } from '../adapters/soap/record-xml.writer.js';
import { PASSWORD_TEXT, SOAP11_ENVELOPE, WSSE } from '../adapters/soap/soap-envelope.js';
import { SOAP_ACTIONS, SOAP_NAMESPACE, SOAP_SERVICE_PATH } from '../contracts/v1/soap/build-wsdl.js';
import { createRecordGenerator, loadGeneratorReferenceData } from '../test/generators/index.js';
import { recreateDatabase, withClient } from './support/bench-database.js';
import { benchLine, percentile, round } from './support/figures.js';
import { createBenchSource } from './support/bench-source.js';
import { HubProcess } from './support/hub-process.js';

/**
 * `npm run bench -- soap` (issue: legacy adapters, SOAP push): generated births, deaths and
 * marriages sent as SubmitRecords calls of 100 records by 8 concurrent SOAP clients through the
 * hub's /soap/v1/civil-status into the machine's PostgreSQL. Records per second (accepted) and the
 * p95 of a call, as a client sees it (including its wait for a free intake slot).
 */
const RECORDS = Number(process.env.BENCH_RECORDS ?? 20_000);
const BATCH = 100;
const CLIENTS = Number(process.env.BENCH_CONCURRENCY ?? 8);
const PORT = 3378;
const SOURCE_ID = 'bench-soap-hn';

export async function run(): Promise<void> {
  const url = await recreateDatabase('hub_bench_soap');
  execFileSync(process.execPath, ['dist/src/cli/hub.cli.js', 'migrate'], {
    env: { ...process.env, DATABASE_URL: url },
  });
  const apiKey = createBenchSource(url, { id: SOURCE_ID, name: 'Nguồn SOAP đo hiệu năng', province: '01' });
  log(`generating ${RECORDS.toLocaleString()} records as SOAP messages of ${BATCH}…`);
  const messages = await generateMessages(apiKey);
  const mb = messages.reduce((n, m) => n + Buffer.byteLength(m), 0) / 1e6;
  log(`${messages.length} messages ready (${round(mb, 1)} MB of XML)`);
  // The hub starts only now: a keep-alive connection left idle (from its health check) during a
  // long generation would be closed by the server and fail the first call.
  const hub = await HubProcess.start({ DATABASE_URL: url, DB_POOL_SIZE: '10' }, PORT);
  try {
    const pass = await callAll(hub.baseUrl, messages);
    const recordsPerS = pass.counts.accepted / pass.seconds;
    log(`${JSON.stringify(pass.counts)} in ${round(pass.seconds, 1)} s → ${round(recordsPerS)} records/s`);
    log(`call latency p50 ${round(pass.p50)} ms, p95 ${round(pass.p95)} ms, max ${round(pass.max)} ms`);
    const events = await withClient(url, async (c) =>
      Number((await c.query('SELECT count(*) AS n FROM civil_event')).rows[0].n),
    );
    log(`register holds ${events} events; hub peak RSS ${round(hub.peakRssMb())} MB`);
    if (pass.counts.accepted !== RECORDS || events !== RECORDS) {
      throw new Error(
        `expected ${RECORDS} accepted records and events, got ${pass.counts.accepted} and ${events}`,
      );
    }
    console.log(benchLine('soap', { records_per_s: round(recordsPerS), p95_ms: round(pass.p95) }));
  } finally {
    await hub.stop();
  }
}

function log(line: string): void {
  console.log(`[soap] ${line}`);
}

function envelope(apiKey: string, records: readonly unknown[]): string {
  const security = `<wsse:Security xmlns:wsse="${WSSE}"><wsse:UsernameToken><wsse:Username>${SOURCE_ID}</wsse:Username><wsse:Password Type="${PASSWORD_TEXT}">${apiKey}</wsse:Password></wsse:UsernameToken></wsse:Security>`;
  const body = `<SubmitRecords xmlns="${SOAP_NAMESPACE}">${records.map((r) => recordToXml('record', r, false)).join('')}</SubmitRecords>`;
  return `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${SOAP11_ENVELOPE}"><soap:Header>${security}</soap:Header><soap:Body>${body}</soap:Body></soap:Envelope>`;
}

async function generateMessages(apiKey: string): Promise<string[]> {
  const generator = createRecordGenerator({
    referenceData: await loadGeneratorReferenceData(),
    seed: 20261122,
    sourceId: SOURCE_ID,
    provinceCode: '01',
    eventTypes: ['BIRTH', 'DEATH', 'MARRIAGE'],
  });
  const messages: string[] = [];
  for (const batch of generator.batches(RECORDS, BATCH)) {
    messages.push(
      envelope(
        apiKey,
        batch.map((g) => g.record),
      ),
    );
  }
  return messages;
}

interface PassResult {
  seconds: number;
  counts: Record<string, number>;
  p50: number;
  p95: number;
  max: number;
}

const COUNTED = ['accepted', 'duplicate', 'updated', 'rejected', 'held'] as const;

async function callAll(baseUrl: string, messages: readonly string[]): Promise<PassResult> {
  const counts: Record<string, number> = { accepted: 0, duplicate: 0, updated: 0, rejected: 0, held: 0 };
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const client = async (): Promise<void> => {
    for (let i = next++; i < messages.length; i = next++) {
      const t = performance.now();
      const res = await fetch(`${baseUrl}${SOAP_SERVICE_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${SOAP_ACTIONS.SubmitRecords}"` },
        body: messages[i],
      }).catch((error: unknown) => {
        const cause = (error as { cause?: { message?: string; code?: string } }).cause;
        throw new Error(
          `call ${i} failed after ${round(performance.now() - t)} ms (${round((performance.now() - started) / 1000, 1)} s into the run): ${cause?.code ?? ''} ${cause?.message ?? String(error)}`,
        );
      });
      const text = await res.text();
      latencies.push(performance.now() - t);
      if (res.status !== 200) throw new Error(`call ${i}: HTTP ${res.status} ${text.slice(0, 500)}`);
      // The summary is the response's first <summary>…</summary>; counted with a pattern, since
      // parsing every answer would measure the client's XML parser too.
      const summary = /<summary>(.*?)<\/summary>/.exec(text)?.[1] ?? '';
      for (const k of COUNTED) counts[k] += Number(new RegExp(`<${k}>(\\d+)</${k}>`).exec(summary)?.[1] ?? 0);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return {
    seconds: (performance.now() - started) / 1000,
    counts,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    max: Math.max(...latencies),
  };
}
