/**
 * The constructs' rules (src/validation/rules.ts) applied to what `irsa create` and `irsa import` read,
 * before anything is written: names, namespaces, ARNs, permissions boundaries, role names and tags that
 * `terraform plan` (or AWS) would reject are one ConfigError (exit 2) naming the flag or the ClusterConfig
 * field, the value and what is allowed. Pure.
 */
import { OIDC_PROVIDER_ARN_MISTAKES, QUOTAS, RULES, type StringRule, matchesRule } from '../validation/rules';
import { oidcProviderArnVerdict, sentence } from '../validation/issuer';
import { ConfigError, type ClusterConfig } from './cluster-config';

/** Where a value came from, as the message names it: a flag (`--name`) or a field (`file:line: iam…name`). */
export interface FieldNames {
  readonly cluster: string;
  readonly oidcProviderArn: string;
  serviceAccount(index: number, field: ServiceAccountField): string;
  association(index: number, field: AssociationField): string;
  addon(index: number, field: AddonField): string;
}

export type AddonField = 'serviceAccountRoleARN' | 'attachPolicyARNs' | 'permissionsBoundary';

export type ServiceAccountField =
  | 'name'
  | 'namespace'
  | 'roleName'
  | 'attachRoleARN'
  | 'attachPolicyARNs'
  | 'permissionsBoundary'
  | 'tags'
  | 'subjectPattern';
export type AssociationField =
  | 'namespace'
  | 'serviceAccountName'
  | 'roleName'
  | 'roleARN'
  | 'permissionPolicyARNs'
  | 'permissionsBoundaryARN'
  | 'targetRoleARN'
  | 'tags';

function check(label: string, value: string | undefined, rule: StringRule): void {
  if (value === undefined) return;
  if (!matchesRule(rule, value))
    throw new ConfigError(`${label} ${JSON.stringify(value)} is invalid: it must be ${rule.allowed}.`);
}

function checkTags(label: string, tags: Record<string, string> | undefined): void {
  const entries = Object.entries(tags ?? {});
  if (entries.length > QUOTAS.tagsMax) {
    throw new ConfigError(
      `${label} (${entries.length} tags) is invalid: it must be at most ${QUOTAS.tagsMax} tags per IAM role.`,
    );
  }
  for (const [key, value] of entries) {
    if (!matchesRule(RULES.tagKey, key) || key.toLowerCase().startsWith('aws:')) {
      throw new ConfigError(
        `${label} key ${JSON.stringify(key)} is invalid: it must be ${RULES.tagKey.allowed}.`,
      );
    }
    check(`${label}[${JSON.stringify(key)}]`, value, RULES.tagValue);
  }
}

/** `--subject-pattern`: the service-account name part of the trusted subject, wildcards allowed. */
function checkSubjectPattern(label: string, pattern: string | undefined): void {
  if (pattern === undefined) return;
  check(label, pattern, /[*?]/.test(pattern) ? RULES.wildcardServiceAccountName : RULES.serviceAccountName);
}

/**
 * The ARN rule, then the constructs' issuer rule (eksIssuerVerdict): a malformed EKS-looking issuer is an
 * error; an issuer that is not EKS's is trusted as given, and its warning is returned.
 */
function checkOidcProviderArn(label: string, arn: string | undefined): string | undefined {
  if (arn === undefined) return undefined;
  for (const mistake of OIDC_PROVIDER_ARN_MISTAKES) {
    if (mistake.prefixes.some((prefix) => arn.startsWith(prefix))) {
      throw new ConfigError(
        `${label} ${JSON.stringify(arn)} is invalid: it must be ${RULES.oidcProviderArn.allowed}; ${mistake.why}.`,
      );
    }
  }
  check(label, arn, RULES.oidcProviderArn);
  const verdict = oidcProviderArnVerdict(arn);
  if (verdict.error !== undefined) {
    throw new ConfigError(sentence(`${label} ${JSON.stringify(arn)} is invalid: ${verdict.error}`));
  }
  return (
    verdict.warning &&
    `${label} ${JSON.stringify(arn)}: the issuer ${verdict.warning}; the role trusts it as given.`
  );
}

/**
 * Throws one ConfigError for the first value the rules reject; `oidcProviderArn` is the flag's value.
 * Returns the warnings: an OIDC provider whose issuer is not an EKS cluster's.
 */
export function checkClusterConfig(
  config: ClusterConfig,
  names: FieldNames,
  oidcProviderArn?: string,
): string[] {
  check(names.cluster, config.name, RULES.eksClusterName);
  const arnWarning = checkOidcProviderArn(names.oidcProviderArn, oidcProviderArn);
  config.serviceAccounts.forEach((sa, i) => {
    const label = (field: ServiceAccountField) => names.serviceAccount(i, field);
    check(label('name'), sa.name, RULES.serviceAccountName);
    check(label('namespace'), sa.namespace, RULES.namespace);
    check(label('roleName'), sa.roleName, RULES.roleName);
    check(label('attachRoleARN'), sa.attachRoleARN, RULES.roleArn);
    sa.attachPolicyARNs.forEach((arn, j) =>
      check(`${label('attachPolicyARNs')}[${j}]`, arn, RULES.policyArn),
    );
    check(label('permissionsBoundary'), sa.permissionsBoundary, RULES.policyArn);
    checkTags(label('tags'), sa.tags);
    checkSubjectPattern(label('subjectPattern'), sa.subjectPattern);
  });
  config.podIdentityAssociations.forEach((pia, i) => {
    const label = (field: AssociationField) => names.association(i, field);
    check(label('namespace'), pia.namespace, RULES.namespace);
    check(label('serviceAccountName'), pia.serviceAccountName, RULES.serviceAccountName);
    check(label('roleName'), pia.roleName, RULES.roleName);
    check(label('roleARN'), pia.roleARN, RULES.roleArn);
    pia.permissionPolicyARNs.forEach((arn, j) =>
      check(`${label('permissionPolicyARNs')}[${j}]`, arn, RULES.policyArn),
    );
    check(label('permissionsBoundaryARN'), pia.permissionsBoundaryARN, RULES.policyArn);
    check(label('targetRoleARN'), pia.targetRoleARN, RULES.roleArn);
    checkTags(label('tags'), pia.tags);
  });
  (config.addons ?? []).forEach((addon, i) => {
    const label = (field: AddonField) => names.addon(i, field);
    check(label('serviceAccountRoleARN'), addon.serviceAccountRoleARN, RULES.roleArn);
    addon.attachPolicyARNs.forEach((arn, j) =>
      check(`${label('attachPolicyARNs')}[${j}]`, arn, RULES.policyArn),
    );
    check(label('permissionsBoundary'), addon.permissionsBoundary, RULES.policyArn);
  });
  return arnWarning === undefined ? [] : [arnWarning];
}

const IAMSA_FLAGS: Record<ServiceAccountField, string> = {
  name: '--name',
  namespace: '--namespace',
  roleName: '--role-name',
  attachRoleARN: '--attach-role-arn',
  attachPolicyARNs: '--attach-policy-arn',
  permissionsBoundary: '--permissions-boundary',
  tags: '--tags',
  subjectPattern: '--subject-pattern',
};
const PIA_FLAGS: Record<AssociationField, string> = {
  namespace: '--namespace',
  serviceAccountName: '--service-account-name',
  roleName: '--role-name',
  roleARN: '--role-arn',
  permissionPolicyARNs: '--permission-policy-arns',
  permissionsBoundaryARN: '--permission-boundary-arn',
  targetRoleARN: '--target-role-arn',
  tags: '--tags',
};

/** The names of `irsa create`'s flags. */
export const FLAG_NAMES: FieldNames = {
  cluster: '--cluster',
  oidcProviderArn: '--oidc-provider-arn',
  serviceAccount: (_i, field) => IAMSA_FLAGS[field],
  association: (_i, field) => PIA_FLAGS[field],
  addon: (i, field) => `addons[${i}].${field}`,
};

/** The names of a ClusterConfig's fields, with the file and the entry's line. */
export function configFieldNames(file: string, config: ClusterConfig): FieldNames {
  const saPath: Partial<Record<ServiceAccountField, string>> = {
    name: 'metadata.name',
    namespace: 'metadata.namespace',
  };
  return {
    cluster: `${file}: metadata.name`,
    oidcProviderArn: '--oidc-provider-arn',
    serviceAccount: (i, field) =>
      `${file}:${config.serviceAccounts[i].line}: iam.serviceAccounts[${i}].${saPath[field] ?? field}`,
    association: (i, field) =>
      `${file}:${config.podIdentityAssociations[i].line}: iam.podIdentityAssociations[${i}].${field}`,
    addon: (i, field) => `${file}:${config.addons?.[i]?.line ?? 0}: addons[${i}].${field}`,
  };
}
