import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

const NS = 'urn:hanoi:hotich:khaisinh:v2';

/**
 * A legacy-style SOAP 1.1 service as Hà Nội's system exposes it (mappings/hn-hotich-soap): operation
 * LayHoSoKhaiSinh returns the records changed after the change counter TuMaThayDoi, oldest first, at
 * most SoLuongToiDa, with the counter to ask from next time. WS-Security UsernameToken required.
 */
export class LegacySoapService {
  private server?: Server;
  /** Change counter → record element (without the namespace prefix, added when served). */
  private readonly changes: Array<{ counter: number; id: string; xml: string }> = [];
  private counter = 0;
  /** How many times each record id was served. */
  readonly served = new Map<string, number>();
  readonly requests: Array<{ action: string; body: string }> = [];
  /** What the next request gets instead of a page. */
  next: Array<'server-fault' | 'doctype' | 'http-503' | 'drop'> = [];
  username = 'hub';
  password = 'mat-khau-dung';

  add(id: string, xml: string): void {
    this.counter++;
    this.changes.push({ counter: this.counter, id, xml });
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return `http://127.0.0.1:${address.port}/HoTichService.asmx`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const action = String(req.headers['soapaction'] ?? '');
    this.requests.push({ action, body });
    const mode = this.next.shift();
    if (mode === 'drop') {
      req.socket.destroy();
      return;
    }
    if (mode === 'http-503') return this.reply(res, 503, 'Service Unavailable');
    if (mode === 'doctype') {
      return this.reply(
        res,
        200,
        `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><x>&xxe;</x></soap:Body></soap:Envelope>`,
      );
    }
    if (mode === 'server-fault') return this.reply(res, 500, fault('soap:Server', 'Database timeout'));
    if (action !== `"${NS}#LayHoSoKhaiSinh"`)
      return this.reply(res, 500, fault('soap:Client', 'Unknown SOAPAction'));
    const user = /<wsse:Username>([^<]*)<\/wsse:Username>/.exec(body)?.[1];
    const pass = /<wsse:Password[^>]*>([^<]*)<\/wsse:Password>/.exec(body)?.[1];
    if (user !== this.username || pass !== this.password) {
      return this.reply(res, 500, fault('soap:Client.Authentication', 'Sai tài khoản hoặc mật khẩu'));
    }
    const from = Number(/<ns:TuMaThayDoi>(\d+)<\/ns:TuMaThayDoi>/.exec(body)?.[1] ?? 0);
    const size = Number(/<ns:SoLuongToiDa>(\d+)<\/ns:SoLuongToiDa>/.exec(body)?.[1] ?? 10);
    const page = this.changes.filter((c) => c.counter > from).slice(0, size);
    for (const c of page) this.served.set(c.id, (this.served.get(c.id) ?? 0) + 1);
    const next = page.length > 0 ? page[page.length - 1].counter : from;
    this.reply(
      res,
      200,
      `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ht="${NS}"><soap:Body><ht:LayHoSoKhaiSinhResponse>${page
        .map((c) => c.xml)
        .join(
          '',
        )}<ht:MaThayDoiTiepTheo>${next}</ht:MaThayDoiTiepTheo></ht:LayHoSoKhaiSinhResponse></soap:Body></soap:Envelope>`,
    );
  }

  private reply(res: ServerResponse, status: number, body: string): void {
    res.writeHead(status, { 'content-type': 'text/xml; charset=utf-8' });
    res.end(body);
  }
}

function fault(code: string, reason: string): string {
  return `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>${code}</faultcode><faultstring>${reason}</faultstring></soap:Fault></soap:Body></soap:Envelope>`;
}

/** One birth record element in the service's format (prefix ht:), as in the mapping's fixtures. */
export function hoSo(input: {
  id: string;
  version: number;
  entry: number;
  family: string;
  middle?: string;
  given: string;
  sex: 'Nam' | 'Nữ';
  born: string;
  mother: string;
}): string {
  const e = (name: string, value: string | number): string => `<ht:${name}>${value}</ht:${name}>`;
  return (
    `<ht:HoSo>${e('MaHoSo', input.id)}${e('PhienBan', input.version)}` +
    `<ht:SoDangKy>${e('So', input.entry)}${e('QuyenSo', '01/2025')}${e('NgayDangKy', '2025-09-15')}${e('MaXaDangKy', '00004')}</ht:SoDangKy>` +
    `<ht:NguoiDuocKhaiSinh>${e('Ho', input.family)}${input.middle ? e('ChuDem', input.middle) : ''}${e('Ten', input.given)}${e('GioiTinh', input.sex)}${e('NgaySinh', input.born)}${e('DanToc', 'Kinh')}</ht:NguoiDuocKhaiSinh>` +
    `<ht:Me>${e('HoTen', input.mother)}${e('DanToc', '01')}${e('QuocTich', 'VN')}</ht:Me>` +
    `</ht:HoSo>`
  );
}
