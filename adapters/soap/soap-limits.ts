import type { XmlLimits } from './safe-xml.reader.js';

export const SOAP_LIMITS = Symbol('SOAP_LIMITS');

export interface SoapLimits {
  xml: XmlLimits;
  /** From the moment intake takes the call to its body's last byte. */
  readTimeoutMs: number;
}

/**
 * A batch of 1,000 full records is about 4 MB of XML (about twice its JSON), so 16 MB leaves room;
 * a record nests about 10 elements inside the envelope; 1,000 generated records of the usual mix hold
 * about 78,000 elements (250,000 leaves room for very full records, and bounds the parsed tree);
 * 16 MB arrive in well under a minute even over a slow provincial line (about 3 Mbit/s).
 */
export const DEFAULT_SOAP_LIMITS: SoapLimits = {
  xml: { maxBytes: 16 * 1024 * 1024, maxDepth: 32, maxElements: 250_000 },
  readTimeoutMs: 60_000,
};
