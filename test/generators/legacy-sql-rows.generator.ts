import { Sex } from '../../contracts/v1/code-lists/sex.enum.js';
import { encodeLegacyText } from '../../src/mapping/legacy-text/index.js';
import { PersonNameGenerator } from './person-name.generator.js';
import { SeededRandom, type Seed } from './seeded-random.util.js';

/**
 * Rows of the 2017 commune civil-status program of Cái Bè (mappings/tg-caibe-2017-sql), generated
 * with a seed, and its schema as PostgreSQL DDL (the legacy tables held by a real engine where SQL
 * Server cannot run). Place columns hold VNI-Windows bytes one per character, as the program's
 * varchar columns hand them out; some rows carry the defects real books have.
 */
export const LEGACY_2017_SCHEMA_POSTGRES = `
  CREATE SEQUENCE rv_seq;
  CREATE TABLE KhaiSinh (
    id bigint PRIMARY KEY, rv bytea NOT NULL DEFAULT int8send(nextval('rv_seq')), phienban text,
    so text, quyen text, ngaydangky timestamp, maxa text, hotenks text, ngaysinhks text,
    ngaysinhksbangchu text, gioitinhks text, dantocks text, quoctichks text, noisinhks text,
    hotenme text, namsinhme text, dantocme text, hotencha text, namsinhcha text, nguoidikhai text,
    quanhe text, nguoiky text, chucvunguoiky text, nguoithuchien text);
  CREATE TABLE KhaiTu (
    id bigint PRIMARY KEY, ngaycapnhat timestamp, phienban text, so text, quyen text,
    ngaydangky timestamp, maxa text, hotennguoichet text, gioitinh text, ngaysinh text, dantoc text,
    ngaychet text, noichet text, nguyennhan text, nguoidikhai text, quanhe text);
  CREATE TABLE KetHon (
    id bigint PRIMARY KEY, phienban text, so text, quyen text, ngaydangky timestamp, maxa text,
    hotenchong text, ngaysinhchong text, dantocchong text, quoctichchong text, hotenvo text,
    ngaysinhvo text, dantocvo text, quoctichvo text);
`;

/**
 * The same schema on MariaDB: place columns are latin1 varchar (legacy bytes, as SQL Server's
 * varchar), KhaiSinh.rv a binary(8) stamped from a sequence by triggers on insert and update (what
 * SQL Server's rowversion does by itself). Run with a connection allowing multiple statements.
 */
export const LEGACY_2017_SCHEMA_MARIADB = `
  CREATE SEQUENCE rv_seq;
  CREATE TABLE KhaiSinh (
    id bigint PRIMARY KEY, rv binary(8) NOT NULL DEFAULT 0, phienban varchar(10), so varchar(20),
    quyen varchar(20), ngaydangky datetime, maxa varchar(10), hotenks varchar(200),
    ngaysinhks varchar(100), ngaysinhksbangchu varchar(200), gioitinhks varchar(10),
    dantocks varchar(50), quoctichks varchar(50), noisinhks varchar(400) CHARACTER SET latin1,
    hotenme varchar(200), namsinhme varchar(20), dantocme varchar(50), hotencha varchar(200),
    namsinhcha varchar(20), nguoidikhai varchar(200), quanhe varchar(50), nguoiky varchar(200),
    chucvunguoiky varchar(200), nguoithuchien varchar(200), KEY (rv)) CHARACTER SET utf8mb4;
  CREATE TRIGGER khaisinh_rv_insert BEFORE INSERT ON KhaiSinh FOR EACH ROW
    SET NEW.rv = UNHEX(LPAD(HEX(NEXTVAL(rv_seq)), 16, '0'));
  CREATE TRIGGER khaisinh_rv_update BEFORE UPDATE ON KhaiSinh FOR EACH ROW
    SET NEW.rv = UNHEX(LPAD(HEX(NEXTVAL(rv_seq)), 16, '0'));
  CREATE TABLE KhaiTu (
    id bigint PRIMARY KEY, ngaycapnhat datetime(3), phienban varchar(10), so varchar(20),
    quyen varchar(20), ngaydangky datetime, maxa varchar(10), hotennguoichet varchar(200),
    gioitinh varchar(10), ngaysinh varchar(100), dantoc varchar(50), ngaychet varchar(100),
    noichet varchar(400) CHARACTER SET latin1, nguyennhan varchar(200), nguoidikhai varchar(200),
    quanhe varchar(50)) CHARACTER SET utf8mb4;
  CREATE TABLE KetHon (
    id bigint PRIMARY KEY, phienban varchar(10), so varchar(20), quyen varchar(20),
    ngaydangky datetime, maxa varchar(10), hotenchong varchar(200), ngaysinhchong varchar(100),
    dantocchong varchar(50), quoctichchong varchar(50), hotenvo varchar(200), ngaysinhvo varchar(100),
    dantocvo varchar(50), quoctichvo varchar(50)) CHARACTER SET utf8mb4;
`;

/** Communes of Cái Bè district valid in 2017 (statistics-office codes before the 2025 reform). */
const COMMUNES = ['28360', '28363', '28366', '28369', '28372'];
const HAMLETS = ['Ấp Mỹ Hòa', 'Ấp Mỹ Lợi', 'Ấp Hậu Thạnh', 'Ấp Đông Hòa', 'Ấp Thiện Trí'];
const PROVINCE = '82';

/** The defects generated rows may carry, and what the hub must answer for each. */
export type LegacyRowDefect = 'NULL_NAME' | 'ZERO_DATE' | 'FEB_31' | 'NULL_BIRTH_DATE';

export interface LegacyRows {
  KhaiSinh: Array<Record<string, unknown>>;
  KhaiTu: Array<Record<string, unknown>>;
  KetHon: Array<Record<string, unknown>>;
  /** KhaiSinh ids generated with a defect: the mapping refuses these rows. */
  defects: Map<number, LegacyRowDefect>;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

/** A legacy date typed by an officer: d/M/yyyy, dd/MM/yyyy or the Vietnamese words. */
function typedDate(random: SeededRandom, d: Date): string {
  const [day, month, year] = [d.getUTCDate(), d.getUTCMonth() + 1, d.getUTCFullYear()];
  switch (random.int(0, 2)) {
    case 0:
      return `${day}/${month}/${year}`;
    case 1:
      return `${pad(day)}/${pad(month)}/${year}`;
    default:
      return `ngày ${pad(day)} tháng ${pad(month)} năm ${year}`;
  }
}

export interface LegacyRowsOptions {
  readonly seed: Seed;
  readonly births: number;
  readonly deaths: number;
  readonly marriages: number;
  /** Share of births given a defect (default 0.1). */
  readonly defectShare?: number;
  readonly firstId?: number;
}

export function generateLegacyRows(options: LegacyRowsOptions): LegacyRows {
  const random = new SeededRandom(options.seed);
  const names = new PersonNameGenerator(random);
  const vni = (text: string): string => encodeLegacyText(text, 'vni').toString('latin1');
  const first = options.firstId ?? 1;
  const rows: LegacyRows = { KhaiSinh: [], KhaiTu: [], KetHon: [], defects: new Map() };
  const registered = (): Date => new Date(Date.UTC(2017, random.int(0, 11), random.int(1, 28)));
  const person = (sex: Sex, birthYear: number, familyName?: string): string =>
    names.name({
      sex,
      birthYear,
      culture: 'KINH',
      provinceCode: PROVINCE,
      ...(familyName ? { familyName } : {}),
    }).fullName;

  for (let i = 0; i < options.births; i++) {
    const id = first + i;
    const on = registered();
    const born = addDays(on, -random.int(1, 55));
    const sex = random.chance(0.5) ? Sex.MALE : Sex.FEMALE;
    const father = person(Sex.MALE, random.int(1980, 1996));
    const family = father.split(' ')[0];
    const fatherKnown = random.chance(0.9);
    const signer = random.chance(0.6) ? person(Sex.MALE, random.int(1960, 1975)) : null;
    const row: Record<string, unknown> = {
      id,
      phienban: String(random.int(1, 3)),
      so: String(id),
      quyen: '01/2017',
      ngaydangky: on,
      maxa: random.pick(COMMUNES),
      hotenks: person(sex, 2017, family),
      ngaysinhks: typedDate(random, born),
      ngaysinhksbangchu: null,
      gioitinhks: random.pick(sex === Sex.MALE ? ['1', 'Nam'] : ['0', 'Nữ']),
      dantocks: random.pick(['Kinh', 'Kinh', 'Kinh', 'Khơ Me', 'Hoa']),
      quoctichks: random.chance(0.7) ? 'Việt Nam' : null,
      noisinhks: random.chance(0.8) ? vni(`Trạm y tế xã, ${random.pick(HAMLETS)}, huyện Cái Bè`) : null,
      hotenme: person(Sex.FEMALE, random.int(1982, 1998)),
      namsinhme: random.chance(0.8) ? String(random.int(1982, 1998)) : null,
      dantocme: 'Kinh',
      hotencha: fatherKnown ? father : null,
      namsinhcha: fatherKnown && random.chance(0.7) ? String(random.int(1980, 1996)) : null,
      nguoidikhai: father,
      quanhe: 'Cha',
      nguoiky: signer,
      chucvunguoiky: signer ? 'Phó Chủ tịch UBND xã' : null,
      nguoithuchien: null,
    };
    if (random.chance(options.defectShare ?? 0.1)) {
      const defect = random.pick<LegacyRowDefect>(['NULL_NAME', 'ZERO_DATE', 'FEB_31', 'NULL_BIRTH_DATE']);
      rows.defects.set(id, defect);
      if (defect === 'NULL_NAME') row['hotenks'] = null;
      if (defect === 'ZERO_DATE') row['ngaysinhks'] = '00/00/0000';
      if (defect === 'FEB_31') row['ngaysinhks'] = '31/02/2019';
      if (defect === 'NULL_BIRTH_DATE') row['ngaysinhks'] = null;
    }
    rows.KhaiSinh.push(row);
  }
  for (let i = 0; i < options.deaths; i++) {
    const id = first + i;
    const on = registered();
    const died = addDays(on, -random.int(0, 14));
    const sex = random.chance(0.5) ? Sex.MALE : Sex.FEMALE;
    const birthYear = random.int(1925, 1960);
    rows.KhaiTu.push({
      id,
      // Stamped by the program on save; several rows share a second (the id breaks the tie).
      ngaycapnhat: new Date(Date.UTC(2017, 11, 31, 8, 0, Math.floor(i / 3))),
      phienban: '1',
      so: String(id),
      quyen: '01/2017',
      ngaydangky: on,
      maxa: random.pick(COMMUNES),
      hotennguoichet: person(sex, birthYear),
      gioitinh: sex === Sex.MALE ? '1' : '0',
      ngaysinh: random.chance(0.5)
        ? String(birthYear)
        : `${random.int(1, 28)}/${random.int(1, 12)}/${birthYear}`,
      dantoc: 'Kinh',
      ngaychet: `${died.getUTCDate()}/${died.getUTCMonth() + 1}/${died.getUTCFullYear()}`,
      noichet: vni(`${random.pick(HAMLETS)}, xã Mỹ Trung`),
      nguyennhan: random.pick(['Bệnh già', 'Tai biến mạch máu não', null]),
      nguoidikhai: person(Sex.MALE, random.int(1960, 1985)),
      quanhe: 'Con',
    });
  }
  for (let i = 0; i < options.marriages; i++) {
    const id = first + i;
    rows.KetHon.push({
      id,
      phienban: '1',
      so: String(id),
      quyen: '01/2017',
      ngaydangky: registered(),
      maxa: random.pick(COMMUNES),
      hotenchong: person(Sex.MALE, random.int(1985, 1995)),
      ngaysinhchong: String(random.int(1985, 1995)),
      dantocchong: 'Kinh',
      quoctichchong: null,
      hotenvo: person(Sex.FEMALE, random.int(1987, 1997)),
      ngaysinhvo: `${random.int(1, 28)}/${random.int(1, 12)}/${random.int(1987, 1997)}`,
      dantocvo: 'Kinh',
      quoctichvo: 'Việt Nam',
    });
  }
  return rows;
}

/** Multi-row INSERT statements (column order of the first row): $n for PostgreSQL, ? for MariaDB. */
export function insertStatements(
  table: string,
  rows: ReadonlyArray<Record<string, unknown>>,
  chunk = 500,
  placeholders: 'postgres' | 'mysql' = 'postgres',
): Array<{ text: string; values: unknown[] }> {
  const out: Array<{ text: string; values: unknown[] }> = [];
  if (rows.length === 0) return out;
  const columns = Object.keys(rows[0]);
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    const values: unknown[] = [];
    const tuples = part.map((row) => {
      const marks = columns.map((c) => {
        values.push(row[c]);
        return placeholders === 'mysql' ? '?' : `$${values.length}`;
      });
      return `(${marks.join(', ')})`;
    });
    out.push({ text: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, values });
  }
  return out;
}
