import type { Request } from 'express';
import { SafeXmlReader, type XmlElement } from './safe-xml.reader.js';
import { SoapFault } from './soap-fault.js';
import type { SoapLimits } from './soap-limits.js';

/**
 * Reads a request body into the parsed message, chunk by chunk through the safe reader: a message
 * over the size limit, too deep, or with a DTD is refused while it arrives, never held whole; a
 * body that has not arrived within `readTimeoutMs` is refused too, so a client that trickles bytes
 * cannot hold one of the few intake slots.
 */
export function readSoapMessage(req: Request, limits: SoapLimits): Promise<XmlElement> {
  checkContentType(req.header('content-type') ?? '');
  SafeXmlReader.checkDeclaredLength(req.header('content-length'), limits.xml.maxBytes);
  const reader = new SafeXmlReader(limits.xml);
  return new Promise<XmlElement>((resolve, reject) => {
    const settle = (outcome: () => XmlElement): void => {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onError);
      try {
        resolve(outcome());
      } catch (error) {
        // What is left of a refused body is not parsed; the caller drains it and closes.
        req.pause();
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    const onData = (chunk: Buffer): void => {
      try {
        reader.write(chunk);
      } catch (error) {
        settle(() => {
          throw error;
        });
      }
    };
    const onEnd = (): void => settle(() => reader.close());
    const onError = (): void =>
      settle(() => {
        throw new SoapFault(
          'Client.malformed',
          'SOAP.READ_FAILED',
          'Kết nối bị ngắt khi đang nhận thông điệp SOAP.',
        );
      });
    const timer = setTimeout(
      () =>
        settle(() => {
          throw new SoapFault(
            'Client.timeout',
            'SOAP.READ_TIMEOUT',
            `Thông điệp SOAP không được gửi hết trong ${Math.round(limits.readTimeoutMs / 1000)} giây; hãy gửi lại.`,
          );
        }),
      limits.readTimeoutMs,
    );
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

function checkContentType(type: string): void {
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
}
