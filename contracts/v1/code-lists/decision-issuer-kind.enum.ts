export enum DecisionIssuerKind {
  COURT_JUDGMENT = 'COURT_JUDGMENT',
  AUTHORITY_DECISION = 'AUTHORITY_DECISION',
}

export const DECISION_ISSUER_KIND_LABELS_VI: Readonly<Record<DecisionIssuerKind, string>> = {
  [DecisionIssuerKind.COURT_JUDGMENT]: 'Bản án, quyết định của Tòa án',
  [DecisionIssuerKind.AUTHORITY_DECISION]: 'Quyết định của cơ quan nhà nước có thẩm quyền',
};
