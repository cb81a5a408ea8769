/** The authenticated source system behind a request: bound to exactly one (today's) province. */
export interface SourcePrincipal {
  sourceId: string;
  provinceCode: string;
  credentialId: string;
}
