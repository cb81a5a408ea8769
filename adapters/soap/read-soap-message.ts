import type { Request } from 'express';
import { SafeXmlReader, type XmlElement, type XmlLimits } from './safe-xml.reader.js';
import { SoapFault } from './soap-fault.js';

/**
 * Reads a request body into the parsed message, chunk by chunk through the safe reader: a message
 * over the size limit, too deep, or with a DTD is refused while it arrives, never held whole.
 */
export async function readSoapMessage(req: Request, limits: XmlLimits): Promise<XmlElement> {
  const type = req.header('content-type') ?? '';
  if (!/^\s*(text\/xml|application\/soap\+xml)\b/i.test(type)) {
    throw new SoapFault(
      'Client.malformed',
      'SOAP.CONTENT_TYPE',
      `Kiểu nội dung "${type.slice(0, 100)}" không đúng; thông điệp SOAP 1.1 gửi với Content-Type: text/xml; charset=utf-8.`,
    );
  }
  const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(type)?.[1];
  if (charset && !/^utf-?8$/i.test(charset)) {
    throw new SoapFault(
      'Client.malformed',
      'SOAP.CHARSET',
      `Bảng mã "${charset.slice(0, 40)}" không được hỗ trợ; hãy gửi UTF-8.`,
    );
  }
  SafeXmlReader.checkDeclaredLength(req.header('content-length'), limits.maxBytes);
  const reader = new SafeXmlReader(limits);
  for await (const chunk of req as AsyncIterable<Buffer>) reader.write(chunk);
  return reader.close();
}
