/** Findings, severities and the rule catalogue (IDs are stable: docs/rules/<ID>.md documents each). */

export type Severity = 'high' | 'medium' | 'low';

export const SEVERITY_RANK: Record<Severity, number> = { high: 3, medium: 2, low: 1 };

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** The plan the finding comes from (display name). */
  source: string;
  /** Terraform address of the resource at fault. */
  address: string;
  message: string;
}

export interface RuleInfo {
  id: string;
  title: string;
  /** Highest severity the rule can report. */
  severity: Severity;
}

export const RULES: readonly RuleInfo[] = [
  { id: 'IRSA001', title: 'Web-identity trust without a :sub condition', severity: 'high' },
  { id: 'IRSA002', title: 'Web-identity trust without an :aud condition', severity: 'medium' },
  { id: 'IRSA003', title: 'Wildcard service-account subject', severity: 'high' },
  { id: 'IRSA004', title: 'Wildcard inside a StringEquals value', severity: 'high' },
  { id: 'IRSA005', title: 'Trust policy trusts every principal', severity: 'high' },
  { id: 'IRSA006', title: 'Role access widened', severity: 'high' },
  { id: 'IRSA007', title: 'Service account annotation does not match the role trust', severity: 'high' },
  { id: 'IRSA008', title: 'Role used by a service account is deleted or replaced', severity: 'medium' },
  { id: 'IRSA009', title: 'Administrator-level permissions', severity: 'high' },
  { id: 'IRSA010', title: 'iam:PassRole on every resource', severity: 'high' },
  { id: 'IRSA011', title: 'NotAction in an Allow statement', severity: 'medium' },
  {
    id: 'IRSA012',
    title: 'Trust policy near its size quota, or permissions boundary removed',
    severity: 'medium',
  },
  { id: 'IRSA013', title: 'OIDC provider deleted or replaced while roles trust it', severity: 'medium' },
  { id: 'IRSA014', title: 'Action not in the IAM action catalog', severity: 'medium' },
  { id: 'IRSA015', title: 'Trust newly admits an AWS principal of another account', severity: 'high' },
  { id: 'IRSA016', title: 'Privilege-escalation IAM actions', severity: 'high' },
  { id: 'IRSA017', title: 'Pod Identity association with a role that does not trust it', severity: 'medium' },
  { id: 'IRSA018', title: 'Pod Identity trust without session-tag conditions', severity: 'medium' },
  {
    id: 'IRSA019',
    title: "Pod Identity association outside the role's scoping conditions",
    severity: 'medium',
  },
  { id: 'IRSA020', title: 'Pod Identity trust widened from scoped to unscoped', severity: 'high' },
  { id: 'IRSA030', title: 'Trust names the OIDC provider of another account', severity: 'medium' },
  { id: 'IRSA031', title: 'Workload newly points at a role of another account', severity: 'medium' },
  { id: 'IRSA032', title: 'Pods newly gain an existing broad or openly trusted role', severity: 'high' },
  { id: 'IRSA033', title: 'Trust no service account can use', severity: 'medium' },
  { id: 'IRSA040', title: 'Sensitive action on every resource of its kind', severity: 'high' },
  {
    id: 'IRSA041',
    title: 'Trust known only after apply whose known parts admit a wildcard subject',
    severity: 'high',
  },
  {
    id: 'IRSA050',
    title: 'First Pod Identity association for a cluster without the Pod Identity Agent add-on',
    severity: 'low',
  },
];

export function ruleInfo(id: string): RuleInfo {
  const found = RULES.find((r) => r.id === id);
  if (!found) throw new Error(`unknown rule ${id}`);
  return found;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Stable report order: severity (high first), rule, plan, address, message. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.source, b.source) ||
    cmp(a.address, b.address) ||
    cmp(a.message, b.message)
  );
}
