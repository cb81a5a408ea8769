import { Injectable, Logger } from '@nestjs/common';
import {
  MAX_OUTCOME_QUERY_IDS,
  MAX_SUBMIT_RECORDS,
  SOAP_NAMESPACE,
} from '../../contracts/v1/soap/build-wsdl.js';
import type { SourcePrincipal } from '../../src/auth/source-principal.js';
import { SourceRegistryService } from '../../src/auth/source-registry.service.js';
import { HubException } from '../../src/common/errors/hub.exception.js';
import { IntakeService } from '../../src/intake/intake.service.js';
import type { IntakeItemView } from '../../src/intake/intake-item.view.js';
import { RecordXmlMapper } from './record-xml.mapper.js';
import type { XmlElement } from './safe-xml.reader.js';
import { readEnvelope, type UsernameToken } from './soap-envelope.js';
import { SoapFault } from './soap-fault.js';
import { getOutcomesResponse, submitRecordsResponse } from './soap-response.writer.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const validation = (code: string, message: string): SoapFault =>
  new SoapFault('Client.validation', code, message);

/**
 * The SOAP operations over intake: SubmitRecords hands the records, as JSON of the standard format,
 * to the same IntakeService.submitBatch a REST source reaches (raw kept, validated, registered,
 * one outcome per record); GetOutcomes reads the same intake item views.
 */
@Injectable()
export class CivilStatusSoapService {
  private readonly logger = new Logger('SoapAdapter');
  private readonly mapper = new RecordXmlMapper();

  constructor(
    private readonly sources: SourceRegistryService,
    private readonly intake: IntakeService,
  ) {}

  /** Answers one parsed message with the response envelope; failures are thrown as SoapFault. */
  async handle(root: XmlElement, correlationId: string | null): Promise<string> {
    const request = readEnvelope(root);
    const source = await this.authenticate(request.token);
    const operation = request.operation;
    if (operation.uri === SOAP_NAMESPACE && operation.local === 'SubmitRecords') {
      return this.submitRecords(source, operation, correlationId);
    }
    if (operation.uri === SOAP_NAMESPACE && operation.local === 'GetOutcomes') {
      return this.getOutcomes(source, operation);
    }
    throw new SoapFault(
      'Client.unknownOperation',
      'SOAP.UNKNOWN_OPERATION',
      `Thao tác {${operation.uri}}${operation.local} không tồn tại; dùng SubmitRecords hoặc GetOutcomes trong không gian tên ${SOAP_NAMESPACE}.`,
    );
  }

  private async authenticate(token: UsernameToken | undefined): Promise<SourcePrincipal> {
    if (!token) {
      throw new SoapFault(
        'Client.auth',
        'SOAP.AUTH_MISSING',
        'Thiếu tiêu đề WS-Security: gửi wsse:UsernameToken với Username là mã hệ thống nguồn và Password (PasswordText) là khóa API.',
      );
    }
    let principal: SourcePrincipal;
    try {
      principal = await this.sources.authenticate(token.password);
    } catch (error) {
      if (error instanceof HubException && error.code.startsWith('AUTH.')) {
        throw new SoapFault('Client.auth', error.code, authMessage(error.code), { cause: error });
      }
      throw error;
    }
    // The key alone identifies the source; a Username naming another source is refused the same
    // way as a wrong key, so neither tells which part was wrong.
    if (principal.sourceId !== token.username) {
      throw new SoapFault('Client.auth', 'AUTH.INVALID_API_KEY', authMessage('AUTH.INVALID_API_KEY'));
    }
    return principal;
  }

  private async submitRecords(
    source: SourcePrincipal,
    operation: XmlElement,
    correlationId: string | null,
  ): Promise<string> {
    for (const child of operation.children) {
      if (child.uri !== SOAP_NAMESPACE || child.local !== 'record') {
        throw validation(
          'SOAP.UNEXPECTED_ELEMENT',
          `SubmitRecords chỉ chứa các phần tử record; gặp {${child.uri}}${child.local} ở dòng ${child.line}.`,
        );
      }
    }
    const count = operation.children.length;
    if (count === 0 || count > MAX_SUBMIT_RECORDS) {
      throw new SoapFault(
        count === 0 ? 'Client.validation' : 'Client.tooLarge',
        'INTAKE.BATCH_SIZE',
        `Một lô phải có từ 1 đến ${MAX_SUBMIT_RECORDS.toLocaleString('vi-VN')} hồ sơ; lô này có ${count.toLocaleString('vi-VN')}. Hãy chia nhỏ lô.`,
      );
    }
    const records = operation.children.map((child) => this.mapper.toRecord(child));
    try {
      const result = await this.intake.submitBatch(source, { records }, correlationId, 'SOAP');
      this.logger.log({ correlationId, sourceId: source.sourceId, ...result.summary }, 'SOAP batch');
      return submitRecordsResponse(result);
    } catch (error) {
      if (error instanceof HubException && error.code.startsWith('INTAKE.')) {
        throw validation(error.code, error.message);
      }
      throw error;
    }
  }

  private async getOutcomes(source: SourcePrincipal, operation: XmlElement): Promise<string> {
    const itemIds: string[] = [];
    const sourceRecordIds: string[] = [];
    for (const child of operation.children) {
      if (child.uri === SOAP_NAMESPACE && child.local === 'itemId') itemIds.push(child.text.trim());
      else if (child.uri === SOAP_NAMESPACE && child.local === 'sourceRecordId')
        sourceRecordIds.push(child.text);
      else {
        throw validation(
          'SOAP.UNEXPECTED_ELEMENT',
          `GetOutcomes chỉ chứa itemId hoặc sourceRecordId; gặp {${child.uri}}${child.local} ở dòng ${child.line}.`,
        );
      }
    }
    const asked = itemIds.length + sourceRecordIds.length;
    if (itemIds.length > 0 === sourceRecordIds.length > 0 || asked > MAX_OUTCOME_QUERY_IDS) {
      throw validation(
        'SOAP.BAD_OUTCOME_QUERY',
        `GetOutcomes cần từ 1 đến ${MAX_OUTCOME_QUERY_IDS} mã, hoặc toàn itemId hoặc toàn sourceRecordId (không trộn); ở đây có ${itemIds.length} itemId và ${sourceRecordIds.length} sourceRecordId.`,
      );
    }
    const items: IntakeItemView[] = [];
    const notFound: string[] = [];
    for (const id of itemIds) {
      const found = UUID.test(id) ? await this.itemOrNull(source, id.toLowerCase()) : null;
      if (found) items.push(found);
      else notFound.push(id);
    }
    for (const id of sourceRecordIds) {
      const found =
        id.length > 0 && id.length <= 200 ? await this.intake.findBySourceRecordId(source, id) : [];
      if (found.length > 0) items.push(...found);
      else notFound.push(id);
    }
    return getOutcomesResponse(items, notFound);
  }

  private async itemOrNull(source: SourcePrincipal, itemId: string): Promise<IntakeItemView | null> {
    try {
      return await this.intake.getItem(source, itemId);
    } catch (error) {
      if (error instanceof HubException && error.code === 'INTAKE.ITEM_NOT_FOUND') return null;
      throw error;
    }
  }
}

function authMessage(code: string): string {
  switch (code) {
    case 'AUTH.API_KEY_REVOKED':
      return 'Khóa API đã bị thu hồi; liên hệ quản trị viên để được cấp khóa mới.';
    case 'AUTH.SOURCE_DISABLED':
      return 'Hệ thống nguồn đang bị tạm dừng; liên hệ quản trị viên.';
    default:
      return 'Xác thực WS-Security thất bại: Username (mã hệ thống nguồn) hoặc Password (khóa API) không đúng.';
  }
}
