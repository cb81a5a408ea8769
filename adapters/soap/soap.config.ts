import { plainToInstance } from 'class-transformer';
import { IsOptional, Matches, validateSync } from 'class-validator';

export const SOAP_CONFIG = Symbol('SOAP_CONFIG');

/** The SOAP adapter's settings, read from the environment and validated when the module starts. */
export class SoapEnvironment {
  /**
   * The hub's address as source systems reach it (e.g. https://hotich.example.gov.vn behind a
   * TLS-terminating proxy), written into the WSDL's soap:address. Absent: taken from each request.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~/-]*)?$/, {
    message: 'SOAP_PUBLIC_URL must be an http(s) URL without query, e.g. https://hotich.example.gov.vn',
  })
  SOAP_PUBLIC_URL?: string;
}

export interface SoapConfig {
  /** Base URL without a trailing slash, or undefined. */
  publicUrl?: string;
}

export function loadSoapConfig(env: NodeJS.ProcessEnv = process.env): SoapConfig {
  const given = env.SOAP_PUBLIC_URL === '' ? undefined : env.SOAP_PUBLIC_URL;
  const config = plainToInstance(SoapEnvironment, { SOAP_PUBLIC_URL: given });
  const errors = validateSync(config);
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { publicUrl: config.SOAP_PUBLIC_URL?.replace(/\/+$/, '') };
}
