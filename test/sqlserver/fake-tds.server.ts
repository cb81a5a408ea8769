import { createServer, type Server, type Socket } from 'node:net';

/**
 * Just enough of a SQL Server (TDS 7.4, MS-TDS) to drive mssql/tedious over a real socket: PRELOGIN
 * (no encryption), LOGIN7 → LOGINACK (or a login error), SQL_BATCH and RPC (sp_executesql, as mssql
 * sends every parameterised query) → COLMETADATA / ROW / DONE. Column types: INTN, NVARCHAR,
 * VARCHAR (code page 1252), DATETIMN, BINARY(8) (rowversion). No TLS, no MARS, no transactions.
 */
export type FakeColumnType = 'int' | 'bigint' | 'nvarchar' | 'varchar' | 'datetime' | 'rowversion';

export interface FakeColumn {
  readonly name: string;
  readonly type: FakeColumnType;
}

/** Values: number (int), string (bigint, nvarchar), Buffer (varchar bytes, rowversion), Date, null. */
export interface FakeResult {
  readonly columns: readonly FakeColumn[];
  readonly rows: ReadonlyArray<readonly unknown[]>;
  /** Send only this many rows, then drop the connection (a link failing in the middle of a result). */
  readonly dropAfterRows?: number;
}

export interface FakeError {
  readonly error: { number: number; message: string; severity?: number };
}

export interface FakeQuery {
  readonly sql: string;
  /** sp_executesql's parameter declaration (`@p1 varbinary(8)`), '' for a plain batch. */
  readonly declaration: string;
}

export interface FakeLogin {
  readonly user: string;
  readonly password: string;
  readonly database: string;
  readonly readOnlyIntent: boolean;
}

type Handler = (query: FakeQuery) => FakeResult | FakeError;

const PACKET = { SQL_BATCH: 0x01, RPC: 0x03, REPLY: 0x04, LOGIN7: 0x10, PRELOGIN: 0x12 } as const;
/** SQL_Latin1_General_CP1_CI_AS: LCID 0x0409, sort id 52 (code page 1252). */
const COLLATION = Buffer.from([0x09, 0x04, 0xd0, 0x00, 0x34]);

export class FakeTdsServer {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  readonly queries: FakeQuery[] = [];
  readonly logins: FakeLogin[] = [];
  /** Logins with this password are refused (error 18456). */
  password = 'dung-mat-khau';

  constructor(private readonly handler: Handler) {}

  async start(): Promise<number> {
    this.server = createServer((socket) => this.serve(socket));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return address.port;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffered = Buffer.alloc(0);
    let message: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 8) {
        const length = buffered.readUInt16BE(2);
        if (buffered.length < length) break;
        const type = buffered[0];
        const eom = (buffered[1] & 0x01) === 1;
        message.push(buffered.subarray(8, length));
        buffered = buffered.subarray(length);
        if (eom) {
          const body = Buffer.concat(message);
          message = [];
          this.answer(socket, type, body);
        }
      }
    });
  }

  private answer(socket: Socket, type: number, body: Buffer): void {
    switch (type) {
      case PACKET.PRELOGIN:
        send(socket, prelogin());
        return;
      case PACKET.LOGIN7: {
        const login = parseLogin7(body);
        this.logins.push(login);
        if (login.password !== this.password) {
          send(
            socket,
            Buffer.concat([errorToken(18456, `Login failed for user '${login.user}'.`, 14), done(0x02, 0)]),
          );
          return;
        }
        send(socket, Buffer.concat([loginAck(), done(0, 0)]));
        return;
      }
      case PACKET.SQL_BATCH: {
        const sql = body.subarray(body.readUInt32LE(0)).toString('utf16le');
        this.run(socket, { sql, declaration: '' }, false);
        return;
      }
      case PACKET.RPC:
        this.run(socket, parseExecuteSql(body), true);
        return;
      default:
        socket.destroy();
    }
  }

  private run(socket: Socket, query: FakeQuery, rpc: boolean): void {
    // tedious' own session settings after login, and the pool's validation query.
    if (/^set /i.test(query.sql)) {
      send(socket, done(0, 0));
      return;
    }
    this.queries.push(query);
    const outcome = /^SELECT 1;?$/i.test(query.sql.trim())
      ? { columns: [{ name: '', type: 'int' as const }], rows: [[1]] }
      : this.handler(query);
    if ('error' in outcome) {
      const e = outcome.error;
      const tokens = [errorToken(e.number, e.message, e.severity ?? 16), done(0x02, 0)];
      send(socket, Buffer.concat(rpc ? [...tokens.slice(0, 1), doneProc(0x02)] : tokens));
      return;
    }
    const rows =
      outcome.dropAfterRows === undefined ? outcome.rows : outcome.rows.slice(0, outcome.dropAfterRows);
    const tokens = [colMetadata(outcome.columns), ...rows.map((r) => row(outcome.columns, r))];
    if (outcome.dropAfterRows !== undefined) {
      // Part of the answer without its end-of-message, then the connection is gone.
      const partial = Buffer.concat(tokens);
      socket.write(packet(PACKET.REPLY, partial, false), () => socket.destroy());
      return;
    }
    const end = rpc
      ? [done(0x10, rows.length, 0xff), returnStatus(0), doneProc(0)]
      : [done(0x10, rows.length)];
    send(socket, Buffer.concat([...tokens, ...end]));
  }
}

function packet(type: number, payload: Buffer, eom: boolean, id = 1): Buffer {
  const header = Buffer.alloc(8);
  header[0] = type;
  header[1] = eom ? 0x01 : 0x00;
  header.writeUInt16BE(payload.length + 8, 2);
  header[6] = id & 0xff;
  return Buffer.concat([header, payload]);
}

/** A reply split into packets of the default negotiated size (4096). */
function send(socket: Socket, payload: Buffer): void {
  const size = 4096 - 8;
  for (let offset = 0, id = 1; offset < payload.length || offset === 0; offset += size, id++) {
    const part = payload.subarray(offset, offset + size);
    socket.write(packet(PACKET.REPLY, part, offset + size >= payload.length, id));
    if (payload.length === 0) break;
  }
}

function prelogin(): Buffer {
  // VERSION (6), ENCRYPTION (1: NOT_SUP), INSTOPT (1), THREADID (4), MARS (1), terminator.
  const data = [
    Buffer.from([15, 0, 0x07, 0xd0, 0, 0]),
    Buffer.from([0x02]),
    Buffer.from([0x00]),
    Buffer.alloc(4),
    Buffer.from([0x00]),
  ];
  const header = Buffer.alloc(data.length * 5 + 1);
  let offset = header.length;
  data.forEach((d, i) => {
    header[i * 5] = i;
    header.writeUInt16BE(offset, i * 5 + 1);
    header.writeUInt16BE(d.length, i * 5 + 3);
    offset += d.length;
  });
  header[header.length - 1] = 0xff;
  return Buffer.concat([header, ...data]);
}

function ucs2(text: string): Buffer {
  return Buffer.from(text, 'utf16le');
}

function bVarchar(text: string): Buffer {
  return Buffer.concat([Buffer.from([text.length]), ucs2(text)]);
}

function usVarchar(text: string): Buffer {
  const len = Buffer.alloc(2);
  len.writeUInt16LE(text.length);
  return Buffer.concat([len, ucs2(text)]);
}

function withLength(token: number, body: Buffer): Buffer {
  const head = Buffer.alloc(3);
  head[0] = token;
  head.writeUInt16LE(body.length, 1);
  return Buffer.concat([head, body]);
}

function loginAck(): Buffer {
  const body = Buffer.concat([
    Buffer.from([0x01, 0x74, 0x00, 0x00, 0x04]), // SQL interface, TDS 7.4
    bVarchar('Fake SQL Server'),
    Buffer.from([15, 0, 0x07, 0xd0]),
  ]);
  return withLength(0xad, body);
}

function errorToken(number: number, message: string, severity: number): Buffer {
  const head = Buffer.alloc(6);
  head.writeInt32LE(number, 0);
  head[4] = 1; // state
  head[5] = severity;
  const line = Buffer.alloc(4);
  return withLength(0xaa, Buffer.concat([head, usVarchar(message), bVarchar('fake'), bVarchar(''), line]));
}

function done(status: number, count: number, token = 0xfd): Buffer {
  const b = Buffer.alloc(13);
  b[0] = token;
  b.writeUInt16LE(status, 1);
  b.writeUInt16LE(0xc1, 3); // SELECT
  b.writeBigUInt64LE(BigInt(count), 5);
  return b;
}

function doneProc(status: number): Buffer {
  return done(status, 0, 0xfe);
}

function returnStatus(value: number): Buffer {
  const b = Buffer.alloc(5);
  b[0] = 0x79;
  b.writeInt32LE(value, 1);
  return b;
}

function typeInfo(type: FakeColumnType): Buffer {
  switch (type) {
    case 'int':
      return Buffer.from([0x26, 4]);
    case 'bigint':
      return Buffer.from([0x26, 8]);
    case 'nvarchar':
      return Buffer.concat([Buffer.from([0xe7, 0x40, 0x1f]), COLLATION]); // nvarchar(4000)
    case 'varchar':
      return Buffer.concat([Buffer.from([0xa7, 0x40, 0x1f]), COLLATION]); // varchar(8000)
    case 'datetime':
      return Buffer.from([0x6f, 8]);
    case 'rowversion':
      return Buffer.from([0xad, 8, 0]); // binary(8)
  }
}

function colMetadata(columns: readonly FakeColumn[]): Buffer {
  const head = Buffer.alloc(3);
  head[0] = 0x81;
  head.writeUInt16LE(columns.length, 1);
  const parts = columns.map((c) => {
    const meta = Buffer.alloc(6);
    meta.writeUInt32LE(c.type === 'rowversion' ? 80 : 0, 0); // user type 80: timestamp
    meta.writeUInt16LE(c.type === 'rowversion' ? 0x0000 : 0x0001, 4); // nullable
    return Buffer.concat([meta, typeInfo(c.type), bVarchar(c.name)]);
  });
  return Buffer.concat([head, ...parts]);
}

/** SQL Server datetime: days since 1900-01-01 and 1/300 s since midnight. */
function datetime(value: Date): Buffer {
  const b = Buffer.alloc(8);
  const ms = value.getTime() - Date.UTC(1900, 0, 1);
  const days = Math.floor(ms / 86_400_000);
  b.writeInt32LE(days, 0);
  b.writeUInt32LE(Math.round(((ms - days * 86_400_000) * 300) / 1000), 4);
  return b;
}

function value(type: FakeColumnType, v: unknown): Buffer {
  const nullable2 = Buffer.from([0xff, 0xff]);
  const len2 = (n: number): Buffer => {
    const b = Buffer.alloc(2);
    b.writeUInt16LE(n);
    return b;
  };
  switch (type) {
    case 'int': {
      if (v === null) return Buffer.from([0]);
      const b = Buffer.alloc(5);
      b[0] = 4;
      b.writeInt32LE(Number(v), 1);
      return b;
    }
    case 'bigint': {
      if (v === null) return Buffer.from([0]);
      const b = Buffer.alloc(9);
      b[0] = 8;
      b.writeBigInt64LE(BigInt(v as string | number), 1);
      return b;
    }
    case 'nvarchar': {
      if (v === null) return nullable2;
      const data = ucs2(v as string);
      return Buffer.concat([len2(data.length), data]);
    }
    case 'varchar': {
      if (v === null) return nullable2;
      const data = Buffer.isBuffer(v) ? v : Buffer.from(v as string, 'latin1');
      return Buffer.concat([len2(data.length), data]);
    }
    case 'datetime':
      return v === null ? Buffer.from([0]) : Buffer.concat([Buffer.from([8]), datetime(v as Date)]);
    case 'rowversion':
      return Buffer.concat([len2(8), v as Buffer]);
  }
}

function row(columns: readonly FakeColumn[], values: readonly unknown[]): Buffer {
  return Buffer.concat([Buffer.from([0xd1]), ...columns.map((c, i) => value(c.type, values[i] ?? null))]);
}

function parseLogin7(body: Buffer): FakeLogin {
  const text = (at: number): string => {
    const offset = body.readUInt16LE(at);
    const chars = body.readUInt16LE(at + 2);
    return body.subarray(offset, offset + chars * 2).toString('utf16le');
  };
  const passwordAt = body.readUInt16LE(44);
  const passwordChars = body.readUInt16LE(46);
  // LOGIN7 obfuscates the password: each byte's nibbles swapped, then XOR 0xA5.
  const password = Buffer.from(
    [...body.subarray(passwordAt, passwordAt + passwordChars * 2)].map((b) => {
      const x = b ^ 0xa5;
      return ((x & 0x0f) << 4) | (x >> 4);
    }),
  ).toString('utf16le');
  return {
    user: text(40),
    password,
    database: text(68),
    readOnlyIntent: (body[26] & 0x20) !== 0,
  };
}

/** sp_executesql's first two parameters: the statement and its parameter declaration. */
function parseExecuteSql(body: Buffer): FakeQuery {
  let at = body.readUInt32LE(0); // ALL_HEADERS
  if (body.readUInt16LE(at) === 0xffff)
    at += 4; // ProcIDSwitch + ProcID (10: sp_executesql)
  else at += 2 + body.readUInt16LE(at) * 2;
  at += 2; // option flags
  const params: string[] = [];
  while (params.length < 2 && at < body.length) {
    const nameChars = body[at];
    at += 1 + nameChars * 2 + 1; // name, status flags
    const type = body[at];
    if (type !== 0xe7 && type !== 0x63)
      throw new Error(`fake TDS: unexpected parameter type 0x${type.toString(16)}`);
    if (type === 0x63) {
      // NTEXT: length(4), collation(5), table name parts (none), then length(4) + data.
      at += 1 + 4 + 5 + 1;
      const len = body.readUInt32LE(at);
      params.push(body.subarray(at + 4, at + 4 + len).toString('utf16le'));
      at += 4 + len;
      continue;
    }
    const max = body.readUInt16LE(at + 1);
    at += 3 + 5;
    if (max === 0xffff) {
      // PLP: total length (8), then chunks (4-byte length + data) up to a zero-length chunk.
      at += 8;
      const chunks: Buffer[] = [];
      for (let len = body.readUInt32LE(at); len !== 0; len = body.readUInt32LE(at)) {
        chunks.push(body.subarray(at + 4, at + 4 + len));
        at += 4 + len;
      }
      at += 4;
      params.push(Buffer.concat(chunks).toString('utf16le'));
    } else {
      const len = body.readUInt16LE(at);
      params.push(len === 0xffff ? '' : body.subarray(at + 2, at + 2 + len).toString('utf16le'));
      at += 2 + (len === 0xffff ? 0 : len);
    }
  }
  return { sql: params[0] ?? '', declaration: params[1] ?? '' };
}
