import { buildJsonSchema } from '../schema/build-json-schema.js';
import type { Json, JsonObject } from '../schema/json-value.js';

/**
 * The SOAP face of the v1 standard format: an XSD generated from the JSON Schema (itself generated
 * from the class-validator classes, the one source of truth) and a document/literal WSDL around it.
 * Each JSON property becomes an element of the same name; an array property becomes a repeated
 * element (`<parties>…</parties><parties>…</parties>`). The cross-field rules of the JSON Schema
 * (`allOf` if/then: details matching the event type, required roles) cannot be said in XSD 1.0;
 * the hub checks them on every record, exactly as for REST intake.
 */

export const SOAP_NAMESPACE = 'urn:civil-status-hub:v1';
export const SOAP_SERVICE_PATH = '/soap/v1/civil-status';
export const WSDL_FILE_NAME = 'civil-status.wsdl';
export const XSD_FILE_NAME = 'civil-status-record.xsd';
/** The address written in the committed WSDL; the hub serves the WSDL with its own address. */
export const WSDL_PLACEHOLDER_ADDRESS = `http://localhost:3000${SOAP_SERVICE_PATH}`;
export const RECORD_TYPE_NAME = 'CivilStatusRecord';
export const MAX_SUBMIT_RECORDS = 1000;
export const MAX_OUTCOME_QUERY_IDS = 100;
export const SOAP_ACTIONS = {
  SubmitRecords: `${SOAP_NAMESPACE}#SubmitRecords`,
  GetOutcomes: `${SOAP_NAMESPACE}#GetOutcomes`,
} as const;

const XSD = 'http://www.w3.org/2001/XMLSchema';

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function asObject(value: Json | undefined, where: string): JsonObject {
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`build-wsdl: ${where} is not a JSON object`);
  }
  return value;
}

/**
 * JSON Schema patterns are ECMAScript regexes anchored with ^…$; XSD patterns are implicitly
 * anchored and know no non-capturing groups: `^(\d{4})(?:-(\d{2}))?$` → `(\d{4})(-(\d{2}))?`.
 */
export function toXsdPattern(pattern: string): string {
  const unanchored = pattern.replace(/^\^/, '').replace(/\$$/, '');
  const xsd = unanchored.replace(/\(\?:/g, '(');
  if (/\(\?|\\[bBsSwW]|[^\\]\$/.test(xsd)) {
    throw new Error(`build-wsdl: pattern ${pattern} has no XSD equivalent; extend toXsdPattern`);
  }
  return xsd;
}

const TYPE_NAME = /^#\/definitions\/([A-Za-z]+)$/;

function refName(ref: Json | undefined, where: string): string {
  const match = typeof ref === 'string' ? TYPE_NAME.exec(ref) : null;
  if (!match?.[1]) throw new Error(`build-wsdl: ${where} has an unexpected $ref ${JSON.stringify(ref)}`);
  return match[1];
}

function documentation(property: JsonObject, indent: string): string {
  return typeof property.description === 'string'
    ? `\n${indent}  <xsd:annotation><xsd:documentation>${escapeText(property.description)}</xsd:documentation></xsd:annotation>`
    : '';
}

/** A scalar property's simple type: a built-in name, or an anonymous restriction with its facets. */
function simpleType(property: JsonObject, where: string, indent: string): { type?: string; inline?: string } {
  const facets: string[] = [];
  let base: string;
  const type = typeof property.type === 'string' ? property.type : JSON.stringify(property.type);
  switch (type) {
    case 'string':
      base = property.format === 'date' ? 'xsd:date' : 'xsd:string';
      if (property.format !== undefined && property.format !== 'date') {
        throw new Error(`build-wsdl: ${where} has format ${JSON.stringify(property.format)}`);
      }
      if (Array.isArray(property.enum)) {
        for (const value of property.enum)
          facets.push(
            `<xsd:enumeration value="${escapeAttr(typeof value === 'string' ? value : JSON.stringify(value))}"/>`,
          );
      }
      if (typeof property.pattern === 'string') {
        facets.push(`<xsd:pattern value="${escapeAttr(toXsdPattern(property.pattern))}"/>`);
      }
      if (typeof property.minLength === 'number')
        facets.push(`<xsd:minLength value="${property.minLength}"/>`);
      if (typeof property.maxLength === 'number')
        facets.push(`<xsd:maxLength value="${property.maxLength}"/>`);
      break;
    case 'integer':
      base = 'xsd:int';
      if (typeof property.minimum === 'number')
        facets.push(`<xsd:minInclusive value="${property.minimum}"/>`);
      if (typeof property.maximum === 'number')
        facets.push(`<xsd:maxInclusive value="${property.maximum}"/>`);
      break;
    case 'number':
      base = 'xsd:decimal';
      break;
    case 'boolean':
      base = 'xsd:boolean';
      break;
    default:
      throw new Error(`build-wsdl: ${where} has type ${JSON.stringify(property.type)} with no XSD mapping`);
  }
  if (facets.length === 0) return { type: base };
  const inner = facets.map((f) => `${indent}    ${f}`).join('\n');
  return {
    inline: `\n${indent}  <xsd:simpleType>\n${indent}   <xsd:restriction base="${base}">\n${inner}\n${indent}   </xsd:restriction>\n${indent}  </xsd:simpleType>`,
  };
}

function elementFor(name: string, property: JsonObject, required: boolean, where: string): string {
  const indent = '        ';
  let item = property;
  let occurs = required ? '' : ' minOccurs="0"';
  if (property.type === 'array') {
    item = asObject(property.items, `${where}.items`);
    const min = typeof property.minItems === 'number' ? property.minItems : 0;
    const max = typeof property.maxItems === 'number' ? String(property.maxItems) : 'unbounded';
    occurs = `${min === 1 ? '' : ` minOccurs="${min}"`} maxOccurs="${max}"`;
  }
  const doc = documentation(property, indent);
  if (item.$ref !== undefined) {
    const type = `tns:${refName(item.$ref, where)}`;
    return doc
      ? `${indent}<xsd:element name="${name}" type="${type}"${occurs}>${doc}\n${indent}</xsd:element>`
      : `${indent}<xsd:element name="${name}" type="${type}"${occurs}/>`;
  }
  const simple = simpleType(item, where, indent);
  if (simple.type) {
    return doc
      ? `${indent}<xsd:element name="${name}" type="${simple.type}"${occurs}>${doc}\n${indent}</xsd:element>`
      : `${indent}<xsd:element name="${name}" type="${simple.type}"${occurs}/>`;
  }
  return `${indent}<xsd:element name="${name}"${occurs}>${doc}${simple.inline}\n${indent}</xsd:element>`;
}

function complexType(name: string, schema: JsonObject): string {
  const properties = asObject(schema.properties, `${name}.properties`);
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const elements = Object.keys(properties)
    .sort()
    .map((property) =>
      elementFor(
        property,
        asObject(properties[property], `${name}.${property}`),
        required.has(property),
        `${name}.${property}`,
      ),
    );
  return `    <xsd:complexType name="${name}">\n      <xsd:sequence>\n${elements.join('\n')}\n      </xsd:sequence>\n    </xsd:complexType>`;
}

/** The complex types of the standard format, in name order: CivilStatusRecord and its parts. */
function recordTypes(): string[] {
  const schema = buildJsonSchema();
  const definitions = asObject(schema.definitions, 'definitions');
  const types = [complexType(RECORD_TYPE_NAME, schema)];
  for (const name of Object.keys(definitions).sort()) {
    types.push(complexType(name, asObject(definitions[name], name)));
  }
  return types;
}

/** The standalone XSD of the standard record (for outsiders who exchange records as XML files). */
export function renderRecordXsd(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated from contracts/v1 by \`npm run wsdl:generate\`; do not edit by hand. -->
<xsd:schema xmlns:xsd="${XSD}" xmlns:tns="${SOAP_NAMESPACE}" targetNamespace="${SOAP_NAMESPACE}" elementFormDefault="qualified">
    <xsd:element name="civilStatusRecord" type="tns:${RECORD_TYPE_NAME}"/>
${recordTypes().join('\n')}
</xsd:schema>
`;
}

const OUTCOMES = ['received', 'accepted', 'duplicate', 'updated', 'rejected', 'held'];

const MESSAGE_TYPES = `    <xsd:simpleType name="OutcomeStatus">
      <xsd:restriction base="xsd:string">
${OUTCOMES.map((o) => `        <xsd:enumeration value="${o}"/>`).join('\n')}
      </xsd:restriction>
    </xsd:simpleType>
    <xsd:complexType name="RecordError">
      <xsd:sequence>
        <xsd:element name="path" type="xsd:string"/>
        <xsd:element name="code" type="xsd:string"/>
        <xsd:element name="message" type="xsd:string"/>
        <xsd:element name="existingEventId" type="xsd:string" minOccurs="0"/>
      </xsd:sequence>
    </xsd:complexType>
    <xsd:complexType name="BatchSummary">
      <xsd:sequence>
${OUTCOMES.map((o) => `        <xsd:element name="${o}" type="xsd:int"/>`).join('\n')}
      </xsd:sequence>
    </xsd:complexType>
    <xsd:complexType name="RecordOutcome">
      <xsd:sequence>
        <xsd:element name="index" type="xsd:int"/>
        <xsd:element name="itemId" type="xsd:string"/>
        <xsd:element name="sourceRecordId" type="xsd:string" minOccurs="0"/>
        <xsd:element name="outcome" type="tns:OutcomeStatus"/>
        <xsd:element name="registerId" type="xsd:string" minOccurs="0"/>
        <xsd:element name="version" type="xsd:int" minOccurs="0"/>
        <xsd:element name="error" type="tns:RecordError" minOccurs="0" maxOccurs="unbounded"/>
      </xsd:sequence>
    </xsd:complexType>
    <xsd:complexType name="ItemOutcome">
      <xsd:sequence>
        <xsd:element name="itemId" type="xsd:string"/>
        <xsd:element name="batchId" type="xsd:string"/>
        <xsd:element name="index" type="xsd:int"/>
        <xsd:element name="sourceRecordId" type="xsd:string" minOccurs="0"/>
        <xsd:element name="outcome" type="tns:OutcomeStatus"/>
        <xsd:element name="registerId" type="xsd:string" minOccurs="0"/>
        <xsd:element name="version" type="xsd:int" minOccurs="0"/>
        <xsd:element name="error" type="tns:RecordError" minOccurs="0" maxOccurs="unbounded"/>
        <xsd:element name="receivedAt" type="xsd:dateTime"/>
        <xsd:element name="processedAt" type="xsd:dateTime" minOccurs="0"/>
      </xsd:sequence>
    </xsd:complexType>
    <xsd:element name="SubmitRecords">
      <xsd:annotation><xsd:documentation>Gửi một lô 1–${MAX_SUBMIT_RECORDS.toLocaleString('vi-VN')} hồ sơ theo định dạng chuẩn v1; mỗi hồ sơ có kết quả riêng.</xsd:documentation></xsd:annotation>
      <xsd:complexType>
        <xsd:sequence>
          <xsd:element name="record" type="tns:${RECORD_TYPE_NAME}" maxOccurs="${MAX_SUBMIT_RECORDS}"/>
        </xsd:sequence>
      </xsd:complexType>
    </xsd:element>
    <xsd:element name="SubmitRecordsResponse">
      <xsd:complexType>
        <xsd:sequence>
          <xsd:element name="batchId" type="xsd:string"/>
          <xsd:element name="received" type="xsd:int"/>
          <xsd:element name="receivedAt" type="xsd:dateTime"/>
          <xsd:element name="summary" type="tns:BatchSummary"/>
          <xsd:element name="outcome" type="tns:RecordOutcome" maxOccurs="${MAX_SUBMIT_RECORDS}"/>
        </xsd:sequence>
      </xsd:complexType>
    </xsd:element>
    <xsd:element name="GetOutcomes">
      <xsd:annotation><xsd:documentation>Kết quả xử lý của các hồ sơ đã gửi: theo mã tiếp nhận (itemId) hoặc theo mã hồ sơ của nguồn (sourceRecordId), tối đa ${MAX_OUTCOME_QUERY_IDS} mã.</xsd:documentation></xsd:annotation>
      <xsd:complexType>
        <xsd:choice>
          <xsd:element name="itemId" type="xsd:string" maxOccurs="${MAX_OUTCOME_QUERY_IDS}"/>
          <xsd:element name="sourceRecordId" type="xsd:string" maxOccurs="${MAX_OUTCOME_QUERY_IDS}"/>
        </xsd:choice>
      </xsd:complexType>
    </xsd:element>
    <xsd:element name="GetOutcomesResponse">
      <xsd:complexType>
        <xsd:sequence>
          <xsd:element name="item" type="tns:ItemOutcome" minOccurs="0" maxOccurs="unbounded"/>
          <xsd:element name="notFound" type="xsd:string" minOccurs="0" maxOccurs="${MAX_OUTCOME_QUERY_IDS}"/>
        </xsd:sequence>
      </xsd:complexType>
    </xsd:element>
    <xsd:element name="hubFault">
      <xsd:complexType>
        <xsd:sequence>
          <xsd:element name="code" type="xsd:string"/>
          <xsd:element name="correlationId" type="xsd:string" minOccurs="0"/>
        </xsd:sequence>
      </xsd:complexType>
    </xsd:element>`;

const OPERATIONS = ['SubmitRecords', 'GetOutcomes'] as const;

/** The document/literal WSDL 1.1 (SOAP 1.1 binding) served at `${SOAP_SERVICE_PATH}?wsdl`. */
export function renderWsdl(address: string = WSDL_PLACEHOLDER_ADDRESS): string {
  const messages = OPERATIONS.map(
    (op) => `  <wsdl:message name="${op}Request">
    <wsdl:part name="parameters" element="tns:${op}"/>
  </wsdl:message>
  <wsdl:message name="${op}Response">
    <wsdl:part name="parameters" element="tns:${op}Response"/>
  </wsdl:message>`,
  ).join('\n');
  const portOps = OPERATIONS.map(
    (op) => `    <wsdl:operation name="${op}">
      <wsdl:input message="tns:${op}Request"/>
      <wsdl:output message="tns:${op}Response"/>
      <wsdl:fault name="HubFault" message="tns:HubFault"/>
    </wsdl:operation>`,
  ).join('\n');
  const bindingOps = OPERATIONS.map(
    (op) => `    <wsdl:operation name="${op}">
      <soap:operation soapAction="${SOAP_ACTIONS[op]}" style="document"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
      <wsdl:fault name="HubFault"><soap:fault name="HubFault" use="literal"/></wsdl:fault>
    </wsdl:operation>`,
  ).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated from contracts/v1 by \`npm run wsdl:generate\`; do not edit by hand. -->
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xsd="${XSD}" xmlns:tns="${SOAP_NAMESPACE}" targetNamespace="${SOAP_NAMESPACE}" name="CivilStatusHub">
  <wsdl:documentation>Tiếp nhận hồ sơ hộ tịch theo định dạng chuẩn v1 (SOAP 1.1, document/literal). Xác thực: WS-Security UsernameToken, Username = mã hệ thống nguồn, Password (PasswordText) = khóa API do quản trị viên cấp; chỉ qua HTTPS.</wsdl:documentation>
  <wsdl:types>
<xsd:schema targetNamespace="${SOAP_NAMESPACE}" elementFormDefault="qualified">
${recordTypes().join('\n')}
${MESSAGE_TYPES}
</xsd:schema>
  </wsdl:types>
${messages}
  <wsdl:message name="HubFault">
    <wsdl:part name="fault" element="tns:hubFault"/>
  </wsdl:message>
  <wsdl:portType name="CivilStatusPortType">
${portOps}
  </wsdl:portType>
  <wsdl:binding name="CivilStatusBinding" type="tns:CivilStatusPortType">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
${bindingOps}
  </wsdl:binding>
  <wsdl:service name="CivilStatusService">
    <wsdl:port name="CivilStatusPort" binding="tns:CivilStatusBinding">
      <soap:address location="${escapeAttr(address)}"/>
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
`;
}
