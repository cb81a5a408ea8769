import { SOAP_NAMESPACE } from '../../contracts/v1/soap/build-wsdl.js';
import type { BatchResult } from '../../src/intake/intake.service.js';
import type { BatchOutcomeView, IntakeItemView } from '../../src/intake/intake-item.view.js';
import type { RecordError } from '../../src/validation/record-error.js';
import { SOAP11_ENVELOPE } from './soap-envelope.js';
import type { SoapFault } from './soap-fault.js';

/** Characters XML 1.0 cannot carry (control characters, lone surrogates) become U+FFFD. */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- these control characters are exactly what is matched
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(value: string): string {
  return value.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const el = (name: string, value: string | number | undefined | null): string =>
  value === undefined || value === null ? '' : `<${name}>${xmlText(String(value))}</${name}>`;

function envelope(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${SOAP11_ENVELOPE}"><soap:Body>${body}</soap:Body></soap:Envelope>`;
}

function errors(list: readonly RecordError[] | undefined): string {
  return (list ?? [])
    .map(
      (e) =>
        `<error>${el('path', e.path)}${el('code', e.code)}${el('message', e.message)}${el('existingEventId', e.existingEventId)}</error>`,
    )
    .join('');
}

function outcome(o: BatchOutcomeView): string {
  return `<outcome>${el('index', o.index)}${el('itemId', o.itemId)}${el('sourceRecordId', o.sourceRecordId)}${el('outcome', o.outcome)}${el('registerId', o.registerId)}${el('version', o.version)}${errors(o.errors)}</outcome>`;
}

export function submitRecordsResponse(result: BatchResult): string {
  const s = result.summary;
  const summary = `<summary>${el('received', s.received)}${el('accepted', s.accepted)}${el('duplicate', s.duplicate)}${el('updated', s.updated)}${el('rejected', s.rejected)}${el('held', s.held)}</summary>`;
  return envelope(
    `<SubmitRecordsResponse xmlns="${SOAP_NAMESPACE}">${el('batchId', result.batchId)}${el('received', result.received)}${el('receivedAt', result.receivedAt)}${summary}${result.outcomes.map(outcome).join('')}</SubmitRecordsResponse>`,
  );
}

function item(i: IntakeItemView): string {
  return `<item>${el('itemId', i.itemId)}${el('batchId', i.batchId)}${el('index', i.index)}${el('sourceRecordId', i.sourceRecordId)}${el('outcome', i.outcome)}${el('registerId', i.registerId)}${el('version', i.version)}${errors(i.errors)}${el('receivedAt', i.receivedAt)}${el('processedAt', i.processedAt)}</item>`;
}

export function getOutcomesResponse(items: readonly IntakeItemView[], notFound: readonly string[]): string {
  return envelope(
    `<GetOutcomesResponse xmlns="${SOAP_NAMESPACE}">${items.map(item).join('')}${notFound.map((id) => el('notFound', id)).join('')}</GetOutcomesResponse>`,
  );
}

/** SOAP 1.1 fault (§4.4): standard code with its refinement, Vietnamese text, hub code in detail. */
export function faultResponse(fault: SoapFault, correlationId: string | undefined): string {
  return envelope(
    `<soap:Fault><faultcode>soap:${fault.faultCode}</faultcode>${el('faultstring', fault.message)}<detail><hubFault xmlns="${SOAP_NAMESPACE}">${el('code', fault.code)}${el('correlationId', correlationId)}</hubFault></detail></soap:Fault>`,
  );
}
