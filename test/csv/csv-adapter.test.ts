import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import pg from 'pg';
import request from 'supertest';
import { CSV_ADAPTER_OPTIONS } from '../../adapters/csv/csv-adapter.options.js';
import { CsvDropFolderService } from '../../adapters/csv/csv-drop-folder.service.js';
import { CsvJobRecoveryService } from '../../adapters/csv/csv-job-recovery.service.js';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import { encodeLegacyText } from '../../src/mapping/legacy-text/index.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SOURCE = 'na-quynhluu-csv';
const FIXTURE = 'mappings/na-quynhluu-csv/fixtures/births.input.csv';
const HEADER =
  'STT,SoDK,QuyenSo,NgayDK,HoTen,GioiTinh,NgaySinh,NoiSinh,DanToc,HoTenMe,NamSinhMe,HoTenCha,NamSinhCha,NguoiKhai,QuanHe\r\n';

function csvQuoted(value: string): string {
  return /[",]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function row(n: number, name: string, extra: Partial<Record<'sex' | 'born', string>> = {}): string {
  return `${n},${n},02/2017,20/03/2017,${name},${csvQuoted(extra.sex ?? 'Nữ')},${extra.born ?? '5-3-17'},QT,K,Hồ Thị Hoà,1990,,,Hồ Thị Hoà,ME\r\n`;
}

// Jest's testTimeout is a global option (5 s): this file streams a 10 MB row and waits for jobs.
jest.setTimeout(60_000);

describe('CSV adapter (upload, drop folder, jobs, rejected-rows report)', () => {
  let t: TestApp;
  let key: string;
  let db: pg.Client;
  let dropDir: string;
  let spoolDir: string;
  const http = () => request(t.app.getHttpServer());

  async function upload(body: Buffer, name = 'so-khai-sinh.csv'): Promise<string> {
    const res = await http()
      .post('/api/v1/csv/uploads')
      .set('Authorization', `Bearer ${key}`)
      .attach('file', body, name)
      .expect(202);
    expect(res.body).toMatchObject({
      status: 'QUEUED',
      fileName: name,
      statusUrl: `/api/v1/csv/jobs/${res.body.jobId}`,
    });
    return res.body.jobId as string;
  }

  async function finished(jobId: string): Promise<Record<string, any>> {
    for (let i = 0; i < 1200; i++) {
      const res = await http()
        .get(`/api/v1/csv/jobs/${jobId}`)
        .set('Authorization', `Bearer ${key}`)
        .expect(200);
      if (res.body.status === 'DONE' || res.body.status === 'FAILED') return res.body;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`job ${jobId} did not finish`);
  }

  async function report(jobId: string): Promise<{ text: string; rows: Array<Record<string, string>> }> {
    const res = await http()
      .get(`/api/v1/csv/jobs/${jobId}/rejected.csv`)
      .set('Authorization', `Bearer ${key}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const text = res.body as string;
    return { text, rows: parse<Record<string, string>>(text.slice(1), { columns: true }) };
  }

  beforeAll(async () => {
    dropDir = await mkdtemp(join(tmpdir(), 'csv-drop-'));
    spoolDir = await mkdtemp(join(tmpdir(), 'csv-spool-'));
    t = await startTestApp({
      override: (builder) =>
        builder
          .overrideProvider(CSV_ADAPTER_OPTIONS)
          .useValue({ dropDir, spoolDir, pollMs: 3_600_000, batchSize: 2, staleAfterMs: 60_000 }),
    });
    key = (
      await t.app
        .get(SourceRegistryService)
        .createSource({ id: SOURCE, name: 'Quỳnh Lưu — CSV', provinceCode: '40', transport: 'CSV' })
    ).apiKey;
    db = new pg.Client(t.databaseUrl);
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await t?.close();
    await rm(dropDir, { recursive: true, force: true });
    await rm(spoolDir, { recursive: true, force: true });
  });

  it('imports an uploaded TCVN3 file: job progress, records registered, the bad row in the report', async () => {
    const jobId = await upload(await readFile(FIXTURE));
    const job = await finished(jobId);
    expect(job).toMatchObject({
      status: 'DONE',
      channel: 'UPLOAD',
      encoding: 'tcvn3',
      delimiter: ',',
      rowsRead: 4,
      accepted: 3,
      rejected: 1,
      held: 0,
      error: null,
    });
    const names = await db.query(
      `SELECT p.full_name FROM party p JOIN civil_event e ON e.id = p.event_id WHERE p.role = 'CHILD' ORDER BY 1`,
    );
    expect(names.rows.map((r) => r.full_name).sort()).toEqual(
      ['Đặng Quốc Trường', 'Hồ Thị Ánh', 'LÊ THỊ HƯƠNG'].sort(),
    );
    const { rows } = await report(jobId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      so_dong: '4',
      HoTen: 'Phan Văn Khánh',
      GioiTinh: 'Khác',
      NgaySinh: '00-00-00',
      HoTenMe: 'Phan Thị Yến, Việt Nam',
    });
    expect(rows[0].ma_loi.split(' | ')).toEqual([
      'MAPPING.CODE_UNKNOWN',
      'MAPPING.DATE_IMPOSSIBLE',
      'MAPPING.DATE_IMPOSSIBLE',
      'MAPPING.CODE_UNKNOWN',
      'MAPPING.DATE_UNREADABLE',
    ]);
    expect(rows[0].ly_do).toContain("Giá trị 'Khác' không có trong bảng mã giới tính.");
    expect(await readdir(spoolDir)).toEqual([]);
  });

  it('takes the corrected report back (UTF-8 with BOM) and registers the fixed row', async () => {
    const first = await upload(await readFile(FIXTURE), 'first.csv');
    await finished(first);
    const { text } = await report(
      (await db.query(`SELECT id FROM csv_import_job WHERE file_name = 'so-khai-sinh.csv'`)).rows[0].id,
    );
    const fixed = text.replace('Khác,00-00-00,QX,Z', 'Nam,1-3-17,QT,K').replace(',199x,', ',1990,');
    const job = await finished(await upload(Buffer.from(fixed, 'utf8'), 'sua-loi.csv'));
    expect(job).toMatchObject({ status: 'DONE', encoding: 'utf8', rowsRead: 1, accepted: 1, rejected: 0 });
    const fixedRow = await db.query(
      `SELECT count(*)::int n FROM party WHERE full_name = 'Phan Văn Khánh' AND role = 'CHILD'`,
    );
    expect(fixedRow.rows[0].n).toBe(1);
  });

  it('hostile rows get a clear error each and do not stop the file: NUL, 10 MB field, invalid bytes, formula injection', async () => {
    const bytes = Buffer.concat([
      encodeLegacyText(HEADER, 'tcvn3'),
      encodeLegacyText(row(101, 'Lê Thị Lan'), 'tcvn3'),
      encodeLegacyText(row(102, 'Lê\u0000Văn'), 'tcvn3'),
      encodeLegacyText(row(103, 'A'.repeat(10 * 1024 * 1024)), 'tcvn3'),
      Buffer.concat([
        Buffer.from('104,104,02/2017,20/03/2017,L'),
        Buffer.from([0xaf, 0xb0]),
        Buffer.from(',Nam,5-3-17,QT,K,,,,,,\r\n'),
      ]),
      encodeLegacyText(row(105, 'Trần Văn Bình', { sex: '=HYPERLINK("http://evil","x")' }), 'tcvn3'),
      encodeLegacyText(row(106, '@SUM(1+1)', { born: '+5-3-17' }), 'tcvn3'),
      encodeLegacyText(row(107, 'Võ Thị Yến'), 'tcvn3'),
    ]);
    const job = await finished(await upload(bytes, 'hostile.csv'));
    const { text, rows } = await report(job.id);
    expect(job).toMatchObject({ status: 'DONE', rowsRead: 7, accepted: 2, rejected: 5 });
    const byRow = new Map(rows.map((r) => [r.so_dong, r]));
    expect(byRow.get('2')?.ma_loi).toBe('MAPPING.CONTROL_CHARACTER');
    expect(byRow.get('2')?.HoTen).toBe('Lê\u2400Văn');
    expect(byRow.get('3')?.ma_loi).toBe('MAPPING.VALUE_TOO_LONG');
    expect(byRow.get('3')?.HoTen).toMatch(/^A{2000}… \(10485760 ký tự\)$/);
    expect(byRow.get('4')?.ma_loi).toBe('MAPPING.INVALID_BYTES');
    expect(byRow.get('5')?.ma_loi).toBe('MAPPING.CODE_UNKNOWN');
    expect(byRow.get('5')?.GioiTinh).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(byRow.get('6')?.NgaySinh).toBe("'+5-3-17");
    // No cell of the raw report starts a formula, quoted or not.
    for (const line of text.split('\r\n')) {
      for (const cell of line.split(',')) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+@]/);
    }
  });

  it('watches the drop folder: a half-written file waits, a settled one is moved, imported and filed', async () => {
    const drop = t.app.get(CsvDropFolderService);
    await drop.pollOnce(); // creates the folders
    const inbox = join(dropDir, SOURCE, 'inbox');
    const source = await readFile(FIXTURE);
    await writeFile(join(inbox, 'dang-ghi.csv.part'), source);
    await writeFile(join(inbox, 'so-2017.csv'), source.subarray(0, 200));
    await drop.pollOnce(); // first sighting: never taken at once
    await appendFile(join(inbox, 'so-2017.csv'), source.subarray(200));
    await drop.pollOnce(); // still growing
    expect((await readdir(inbox)).sort()).toEqual(['dang-ghi.csv.part', 'so-2017.csv']);
    await drop.pollOnce(); // unchanged since the last poll: taken
    expect(await readdir(inbox)).toEqual(['dang-ghi.csv.part']);
    const done = await readdir(join(dropDir, SOURCE, 'done'));
    expect(done).toHaveLength(1);
    expect(done[0]).toMatch(/^[0-9a-f-]{36}__so-2017\.csv$/);
    expect(await readdir(join(dropDir, SOURCE, 'processing'))).toEqual([]);
    const job = await finished(done[0].slice(0, 36));
    expect(job).toMatchObject({ channel: 'DROP_FOLDER', fileName: 'so-2017.csv', rowsRead: 4, rejected: 1 });
    // Already registered by the uploads above: the same records again are duplicates, not new events.
    expect(job.accepted).toBe(3);
  });

  it('reports a never-closed quote as a broken row, and files an empty file in failed/ with the reason', async () => {
    const drop = t.app.get(CsvDropFolderService);
    const inbox = join(dropDir, SOURCE, 'inbox');
    await writeFile(
      join(inbox, 'ngoac.csv'),
      Buffer.concat([
        // Another child of row 101's mother, born two years earlier: the same name and day would be a duplicate.
        encodeLegacyText(HEADER + row(201, 'Phan Thị Mai', { born: '5-3-15' }), 'tcvn3'),
        Buffer.from('202,"never closed\r\n203,x\r\n'),
      ]),
    );
    await writeFile(join(inbox, 'rong.csv'), '');
    await drop.pollOnce();
    await drop.pollOnce();
    const done = (await readdir(join(dropDir, SOURCE, 'done'))).filter((f) => f.endsWith('__ngoac.csv'));
    expect(done).toHaveLength(1);
    const job = await finished(done[0].slice(0, 36));
    expect(job).toMatchObject({ status: 'DONE', rowsRead: 2, accepted: 1, rejected: 1 });
    const { rows } = await report(job.id);
    expect(rows).toEqual([expect.objectContaining({ so_dong: '2', ma_loi: 'CSV.MALFORMED_ROW' })]);
    expect(rows[0].ly_do).toMatch(/^Dòng CSV hỏng \(dòng \d+ của tệp\)/);
    const failed = (await readdir(join(dropDir, SOURCE, 'failed'))).sort();
    expect(failed).toHaveLength(2);
    expect(failed[1]).toMatch(/__rong\.csv\.error\.txt$/);
    expect(await readFile(join(dropDir, SOURCE, 'failed', failed[1]), 'utf8')).toBe(
      'CSV.UNREADABLE: Tệp CSV rỗng.\n',
    );
  });

  it('holds rows whose encoding cannot be told for review (a file mixing VNI and TCVN3 rows)', async () => {
    const mixedKey = (
      await t.app.get(SourceRegistryService).createSource({
        id: 'na-quynhvan-excel',
        name: 'Quỳnh Văn — Excel',
        provinceCode: '40',
        transport: 'CSV',
      })
    ).apiKey;
    const res = await http()
      .post('/api/v1/csv/uploads')
      .set('Authorization', `Bearer ${mixedKey}`)
      .attach(
        'file',
        await readFile('mappings/na-quynhvan-excel/fixtures/marriages.input.csv'),
        'ket-hon.csv',
      )
      .expect(202);
    let job: Record<string, any> = {};
    for (let i = 0; i < 1200 && !['DONE', 'FAILED'].includes(job.status); i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (
        await http()
          .get(`/api/v1/csv/jobs/${res.body.jobId}`)
          .set('Authorization', `Bearer ${mixedKey}`)
          .expect(200)
      ).body;
    }
    expect(job).toMatchObject({
      status: 'DONE',
      delimiter: ';',
      rowsRead: 6,
      accepted: 5,
      rejected: 0,
      held: 1,
    });
    expect(job.encodingConfidence).toBeLessThan(0.6);
    const held = await db.query('SELECT row_number, code, review FROM csv_rejected_row WHERE job_id = $1', [
      job.id,
    ]);
    expect(held.rows).toEqual([{ row_number: 6, code: 'MAPPING.ENCODING_REVIEW', review: true }]);
    const wives = await db.query(`SELECT full_name FROM party WHERE role = 'WIFE' ORDER BY full_name`);
    expect(wives.rows.map((r) => r.full_name)).toEqual(
      expect.arrayContaining(['Hồ Thị Phương Thảo', 'Nguyễn Thị Thuỳ Dương', 'Võ Thị Ngọc Ánh']),
    );
  });

  it('runs again a job whose process died, and leaves a live one alone', async () => {
    const recovery = t.app.get(CsvJobRecoveryService);
    const dead = '11111111-1111-4111-8111-111111111111';
    const live = '22222222-2222-4222-8222-222222222222';
    const lost = '33333333-3333-4333-8333-333333333333';
    await writeFile(join(dropDir, SOURCE, 'processing', `${dead}__bo-do.csv`), await readFile(FIXTURE));
    await db.query(
      `INSERT INTO csv_import_job (id, source_id, file_name, channel, status, owner, rows_read, heartbeat_at) VALUES
         ($1, $4, 'bo-do.csv', 'DROP_FOLDER', 'RUNNING', 'dead-process', 2, now() - interval '1 hour'),
         ($2, $4, 'dang-chay.csv', 'DROP_FOLDER', 'RUNNING', 'live-process', 2, now()),
         ($3, $4, 'mat.csv', 'UPLOAD', 'QUEUED', 'dead-process', 0, now() - interval '1 hour')`,
      [dead, live, lost, SOURCE],
    );
    await db.query(`INSERT INTO csv_rejected_row VALUES ($1, 1, 0, '', 'X', 'stale', false, '{}')`, [dead]);
    expect(await recovery.recoverOnce()).toEqual([dead]);
    const job = await finished(dead);
    expect(job).toMatchObject({ status: 'DONE', rowsRead: 4, accepted: 3, rejected: 1 });
    const problems = await db.query('SELECT code FROM csv_rejected_row WHERE job_id = $1', [dead]);
    expect(problems.rows.map((r) => r.code)).not.toContain('X');
    expect(await readdir(join(dropDir, SOURCE, 'done'))).toContain(`${dead}__bo-do.csv`);
    const others = await db.query(
      'SELECT id, status, error_code FROM csv_import_job WHERE id = ANY($1) ORDER BY id',
      [[live, lost]],
    );
    expect(others.rows).toEqual([
      { id: live, status: 'RUNNING', error_code: null },
      { id: lost, status: 'FAILED', error_code: 'CSV.FILE_LOST' },
    ]);
    expect(await recovery.recoverOnce()).toEqual([]);
  });

  it('answers only the source its own jobs, and refuses a request without a key or without a file', async () => {
    await http()
      .get('/api/v1/csv/jobs/00000000-0000-4000-8000-000000000000')
      .set('Authorization', `Bearer ${key}`)
      .expect(404);
    await http().post('/api/v1/csv/uploads').attach('file', Buffer.from('x'), 'a.csv').expect(401);
    const res = await http()
      .post('/api/v1/csv/uploads')
      .set('Authorization', `Bearer ${key}`)
      .field('note', 'x')
      .expect(400);
    expect(res.body.code ?? res.body.error?.code).toBe('CSV.NO_FILE');
    await http().post('/api/v1/csv/uploads').set('Authorization', `Bearer ${key}`).send({ a: 1 }).expect(415);
  });
});
