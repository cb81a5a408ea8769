import { buildJsonSchema } from '../../contracts/v1/schema/build-json-schema.js';
import type { Json, JsonObject } from '../../contracts/v1/schema/json-value.js';
import { SOAP_NAMESPACE } from '../../contracts/v1/soap/build-wsdl.js';
import { attributeKey, type XmlElement } from './safe-xml.reader.js';

const XSI = 'http://www.w3.org/2001/XMLSchema-instance';

/**
 * Turns a `<record>` element into the JSON form of the standard record, guided by the contract's
 * JSON Schema (the same one the WSDL's XSD is generated from): repeated elements of an array
 * property become an array, xsd:int and xsd:boolean become numbers and booleans. It does not
 * judge the record: whatever does not fit (an unknown element, text where an object belongs, a
 * value that is not a number) is carried over as it is, so intake refuses it with the same field
 * path and Vietnamese message a REST source would get.
 */
export class RecordXmlMapper {
  private readonly definitions: JsonObject;

  constructor(private readonly schema: JsonObject = buildJsonSchema()) {
    this.definitions = asObject(schema.definitions);
  }

  toRecord(element: XmlElement): Json {
    return this.object(element, this.schema);
  }

  private object(element: XmlElement, schema: JsonObject): Json {
    if (element.children.length === 0 && element.text.trim() !== '') return element.text;
    const properties = asObject(schema.properties);
    const result: JsonObject = {};
    for (const child of element.children) {
      const property = child.uri === SOAP_NAMESPACE ? properties[child.local] : undefined;
      // An element from another namespace keeps its prefix-free name and is refused as unknown.
      const name = child.uri === SOAP_NAMESPACE ? child.local : `{${child.uri}}${child.local}`;
      if (
        property === undefined ||
        property === null ||
        typeof property !== 'object' ||
        Array.isArray(property)
      ) {
        result[name] = loose(child);
        continue;
      }
      if (property.type === 'array') {
        const items = asObject(property.items);
        const list = result[name];
        const value = this.value(child, items);
        if (Array.isArray(list)) list.push(value);
        else result[name] = [value];
        continue;
      }
      const value = this.value(child, property);
      // A single-valued element given twice becomes a list, which intake refuses for that field.
      const previous = result[name];
      if (previous === undefined) result[name] = value;
      else result[name] = Array.isArray(previous) ? [...previous, value] : [previous, value];
    }
    if (element.children.length > 0 && element.text.trim() !== '') result['#text'] = element.text.trim();
    return result;
  }

  private value(element: XmlElement, schema: JsonObject): Json {
    if (isNil(element)) return null;
    if (typeof schema.$ref === 'string') {
      const name = schema.$ref.replace('#/definitions/', '');
      return this.object(element, asObject(this.definitions[name]));
    }
    if (element.children.length > 0) return loose(element);
    const text = element.text;
    const type = typeof schema.type === 'string' ? schema.type : '';
    switch (type) {
      case 'integer':
        return /^\s*[+-]?\d{1,15}\s*$/.test(text) ? Number(text) : text;
      case 'number': {
        const n = Number(text);
        return text.trim() !== '' && Number.isFinite(n) ? n : text;
      }
      case 'boolean': {
        // xsd:boolean's lexical forms (XSD 1.0 §3.2.2), surrounding whitespace collapsed.
        const t = text.trim();
        if (t === 'true' || t === '1') return true;
        if (t === 'false' || t === '0') return false;
        return text;
      }
      default:
        return text;
    }
  }
}

function isNil(element: XmlElement): boolean {
  const nil = element.attributes.get(attributeKey(XSI, 'nil'));
  return nil === 'true' || nil === '1';
}

/** An element the schema does not know, kept in a plain shape for intake to refuse by name. */
function loose(element: XmlElement): Json {
  if (element.children.length === 0) return element.text;
  const result: JsonObject = {};
  for (const child of element.children) result[child.local] = loose(child);
  return result;
}

function asObject(value: Json | undefined): JsonObject {
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('record-xml.mapper: the contract schema is not shaped as expected');
  }
  return value;
}
