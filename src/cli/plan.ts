/**
 * What to generate for a ClusterConfig (or for one `irsa create` command): roles, their policies,
 * ServiceAccounts, Pod Identity associations and, when adopting what eksctl created, the import blocks and
 * the values the user must still supply. Pure: the writers (writers/) render this plan as HCL, Terraform
 * JSON, CDKTF TypeScript and MIGRATION.md.
 */
import type { PolicyDocument, PolicyStatement } from '../policy/document';
import { MANAGED_BY, MANAGED_BY_LABEL } from '../kubernetes/metadata';
import { buildTrustPolicy } from '../policy/trust-policy';
import { hasWildcard } from '../policy/subjects';
import { wellKnownGrant } from '../policy/well-known';
import type {
  ClusterConfig,
  EksctlAddon,
  EksctlServiceAccount,
  EksctlPodIdentityAssociation,
} from './cluster-config';
import {
  ADDONS_WITHOUT_IAM,
  ADDON_RECOMMENDED,
  ADDON_SERVICE_ACCOUNTS,
  EKSCTL_ATTACH_POLICY_NAME,
  addonStackName,
  EKSCTL_WELL_KNOWN_INLINE,
  EKSCTL_WELL_KNOWN_MANAGED,
  type EksctlWellKnownKey,
  eksctlIrsaTrustPolicy,
  eksctlPodIdentityTrustPolicy,
  eksctlWellKnownDocument,
  inlinePolicyName,
  irsaStackName,
  partitionOf,
  podIdentityStackName,
} from './eksctl';
import { createWellKnownDocument } from './create-policies';
import { POD_IDENTITY_MODULE, POD_IDENTITY_TRUST } from './integration';
import { compareTrustPolicies, type TrustDiff } from './trust-diff';

/** A role's name: known now, or a value the user supplies (variable `eksctl_role_names[key]`). */
export type RoleNameRef = { readonly known: string } | { readonly variable: string };

export interface InlinePolicyPlan {
  /** Identifier for the resource (extra policies) or undefined for the module's own inline policy. */
  readonly id: string;
  readonly name: string;
  /** The document, or undefined when it must be read from AWS (variable `eksctl_inline_policies[name]`). */
  readonly document?: PolicyDocument | Record<string, unknown>;
  readonly addOn?: EksctlWellKnownKey;
  /** The document eksctl wrote for this well-known policy, when known (MIGRATION.md compares the two). */
  readonly eksctlDocument?: PolicyDocument;
  /** This project's catalog statements for the same policy, when it has them (what `--policies catalog` writes). */
  readonly catalogDocument?: PolicyDocument;
  /** Whose statements `document` holds: eksctl's exact ones (`--policies eksctl`) or this project's catalog. */
  readonly statements?: PolicyStatements;
}

/** `--policies`: keep eksctl's exact well-known statements, or replace them with this project's catalog. */
export const POLICY_STATEMENTS = ['eksctl', 'catalog'] as const;
export type PolicyStatements = (typeof POLICY_STATEMENTS)[number];

export interface RolePlan {
  readonly id: string;
  readonly kind: 'irsa' | 'pod-identity';
  /** The EKS add-on eksctl created this role for (`addons[]`), if any. */
  readonly addon?: string;
  /** eksctl's trust admits every service account of the cluster (add-on roles without a known one). */
  readonly eksctlTrustsAnyServiceAccount?: boolean;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly stackName: string;
  readonly roleName: RoleNameRef;
  /** Where the name comes from: the ClusterConfig, --role-arns, --role-name, or nobody yet. */
  readonly roleNameSource: 'roleName' | 'role-arns' | 'unresolved' | 'generated';
  readonly rolePath: string;
  /** `namespace:name` (IRSA), the name part may be a pattern. */
  readonly subject: string;
  readonly wildcard: boolean;
  readonly policyArns: { readonly key: string; readonly arn: string }[];
  /** `attachPolicy`/`permissionPolicy`: the module's inline policy. */
  readonly inlinePolicy?: InlinePolicyPlan;
  /** One per eksctl well-known inline policy: separate `aws_iam_role_policy` resources. */
  readonly extraInlinePolicies: InlinePolicyPlan[];
  readonly permissionsBoundary?: string;
  readonly tags: Record<string, string>;
  readonly trust: {
    readonly eksctl: PolicyDocument;
    readonly ours: PolicyDocument;
    readonly diff: TrustDiff;
  };
}

/** What a ServiceAccount or association points at: a planned role or an ARN managed elsewhere. */
export type RoleRef = { readonly role: string } | { readonly arn: string } | { readonly none: true };

export interface ServiceAccountPlan {
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
  readonly role: RoleRef;
  /** `create` a ServiceAccount, or only `annotate` one that exists (--override-existing-serviceaccounts). */
  readonly mode: 'create' | 'annotate';
}

export interface AssociationPlan {
  readonly id: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly role: RoleRef;
  readonly targetRoleArn?: string;
  readonly disableSessionTags?: boolean;
  readonly policy?: string;
  readonly tags?: Record<string, string>;
}

/** One segment of an import ID: literal text, a role's name, or an association ID the user supplies. */
export type IdPart = string | { readonly roleName: RoleNameRef } | { readonly associationId: string };

export interface ImportPlan {
  /** The resource address, e.g. `module.x.aws_iam_role.this[0]`. */
  readonly to: string;
  readonly id: readonly IdPart[];
  readonly side: 'aws' | 'kubernetes';
  readonly what: string;
}

export interface Unresolved {
  readonly kind: 'role-name' | 'inline-policy' | 'association-id';
  readonly key: string;
  readonly why: string;
  readonly stackName?: string;
  readonly roleName?: RoleNameRef;
  readonly policyName?: string;
  readonly namespace?: string;
  readonly serviceAccount?: string;
}

/** What happens to one `addons[]` entry: its role adopted, nothing to adopt, or left with eksctl (a gap). */
export interface AddonOutcome {
  readonly name: string;
  /** `unlisted`: a role eksctl may have created for an add-on the ClusterConfig does not list (not a gap). */
  readonly outcome: 'adopted' | 'nothing' | 'not-adopted' | 'unlisted';
  readonly why: string;
  readonly stackName?: string;
}

export interface GenerationPlan {
  readonly cluster: string;
  readonly region: string;
  readonly partition: string;
  /** The OIDC provider: a literal ARN, or looked up by cluster name (modules/eks-cluster-oidc). */
  readonly oidc: { readonly arn: string } | { readonly lookup: string };
  readonly roles: RolePlan[];
  readonly serviceAccounts: ServiceAccountPlan[];
  readonly associations: AssociationPlan[];
  readonly imports: ImportPlan[];
  readonly unresolved: Unresolved[];
  /** One per `addons[]` entry (and the default vpc-cni add-on eksctl installs unasked), in file order. */
  readonly addons: AddonOutcome[];
  readonly adopt: boolean;
  /** When adopting: whose statements eksctl's well-known inline policies get. */
  readonly policies?: PolicyStatements;
  /** Namespaces to create (`--create-namespace`): those of the ServiceAccounts created, sorted. */
  readonly namespaces: string[];
}

export interface PlanOptions {
  /** `--oidc-provider-arn`; without it the cluster's provider is looked up by name. */
  readonly oidcProviderArn?: string;
  /** `--role-arns`: `namespace/name` → role ARN of roles eksctl named. */
  readonly roleArns?: ReadonlyMap<string, string>;
  /** Adopt what eksctl created (import blocks) rather than create anew. */
  readonly adopt: boolean;
  /** Annotate existing ServiceAccounts rather than create them. */
  readonly overrideExistingServiceAccounts?: boolean;
  /** When adopting: whose statements eksctl's well-known inline policies get (default `eksctl`: no change). */
  readonly policies?: PolicyStatements;
  /** `--create-namespace`: create the namespace of every ServiceAccount the output creates. */
  readonly createNamespaces?: boolean;
}

/** A Terraform identifier from parts: lowercase letters, digits and `_`. */
export function identifier(...parts: string[]): string {
  const text = parts
    .join('_')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
  return /^[a-z_]/.test(text) ? text : `_${text}`;
}

const ISSUER_PLACEHOLDER_ARN =
  'arn:aws:iam::111122223333:oidc-provider/oidc.eks.region.amazonaws.com/id/CLUSTER';

function roleFromArn(arn: string): { name: string; path: string } {
  const resource = arn.slice(arn.indexOf(':role/') + ':role/'.length);
  const slash = resource.lastIndexOf('/');
  return slash === -1
    ? { name: resource, path: '/' }
    : { name: resource.slice(slash + 1), path: `/${resource.slice(0, slash + 1)}` };
}

/** Statements of our catalog for one eksctl inline policy, or undefined when the catalog has none. */
function wellKnownDocument(
  addOn: EksctlWellKnownKey,
  policyName: string,
  partition: string,
): PolicyDocument | undefined {
  const pick = (statements: PolicyStatement[], indexes: number[]): PolicyDocument => ({
    Version: '2012-10-17',
    Statement: indexes.map((i) => statements[i]),
  });
  switch (addOn) {
    case 'autoScaler': {
      const s = wellKnownGrant({ clusterAutoscaler: true }, partition).statements;
      return pick(
        s,
        s.map((_, i) => i),
      );
    }
    case 'externalDNS': {
      const s = wellKnownGrant({ externalDns: true }, partition).statements;
      return pick(s, policyName === 'PolicyExternalDNSChangeSet' ? [0] : [1]);
    }
    case 'certManager': {
      const s = wellKnownGrant({ certManager: true }, partition).statements;
      const index = {
        PolicyCertManagerChangeSet: 1,
        PolicyCertManagerGetChange: 0,
        PolicyCertManagerHostedZones: 2,
      }[policyName];
      return index === undefined ? undefined : pick(s, [index]);
    }
    default:
      return undefined;
  }
}

function policyKey(arn: string, taken: Set<string>): string {
  const base = identifier(arn.slice(arn.lastIndexOf('/') + 1)) || 'policy';
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  taken.add(key);
  return key;
}

interface RoleSource {
  readonly kind: 'irsa' | 'pod-identity';
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly roleName?: string;
  readonly policyArns: string[];
  readonly document?: Record<string, unknown>;
  readonly documentName?: string;
  readonly wellKnown: EksctlWellKnownKey[];
  readonly permissionsBoundary?: string;
  readonly tags?: Record<string, string>;
  readonly subjectPattern?: string;
  readonly addon?: string;
  readonly stackName?: string;
  readonly eksctlTrustsAnyServiceAccount?: boolean;
}

/** Builds the plan. Never invents a role name: an unknown one is a value the user must supply. */
export function buildPlan(config: ClusterConfig, options: PlanOptions): GenerationPlan {
  const partition = partitionOf(config.region);
  const oidc = options.oidcProviderArn ? { arn: options.oidcProviderArn } : { lookup: config.name };
  const providerArn = options.oidcProviderArn ?? ISSUER_PLACEHOLDER_ARN;
  const issuer = providerArn.slice(providerArn.indexOf('oidc-provider/') + 'oidc-provider/'.length);
  const roles: RolePlan[] = [];
  const serviceAccounts: ServiceAccountPlan[] = [];
  const associations: AssociationPlan[] = [];
  const imports: ImportPlan[] = [];
  const unresolved: Unresolved[] = [];
  const usedIds = new Set<string>();
  const uniqueId = (...parts: string[]) => {
    const base = identifier(...parts);
    let id = base;
    for (let n = 2; usedIds.has(id); n++) id = `${base}_${n}`;
    usedIds.add(id);
    return id;
  };

  const planRole = (src: RoleSource): RolePlan => {
    const id = uniqueId(src.kind === 'irsa' ? 'irsa' : 'pod_identity', src.namespace, src.serviceAccount);
    const key = `${src.namespace}/${src.serviceAccount}`;
    const stackName =
      src.stackName ??
      (src.kind === 'irsa'
        ? irsaStackName(config.name, src.namespace, src.serviceAccount)
        : podIdentityStackName(config.name, src.namespace, src.serviceAccount));
    const fromFile = options.roleArns?.get(key);
    let roleName: RoleNameRef;
    let roleNameSource: RolePlan['roleNameSource'];
    let rolePath = '/';
    if (src.roleName) {
      roleName = { known: src.roleName };
      roleNameSource = 'roleName';
    } else if (fromFile) {
      const parsed = roleFromArn(fromFile);
      roleName = { known: parsed.name };
      rolePath = parsed.path;
      roleNameSource = 'role-arns';
    } else if (options.adopt) {
      roleName = { variable: key };
      roleNameSource = 'unresolved';
      unresolved.push({
        kind: 'role-name',
        key,
        why: `eksctl let CloudFormation name the role of ${src.addon ? `add-on ${src.addon} (${key})` : key}`,
        stackName,
        namespace: src.namespace,
        serviceAccount: src.serviceAccount,
      });
    } else {
      roleName = { known: stackName.slice(0, 64) };
      roleNameSource = 'generated';
    }

    const taken = new Set<string>();
    const policyArns = src.policyArns.map((arn) => ({ key: policyKey(arn, taken), arn }));
    for (const addOn of src.wellKnown) {
      const managed = EKSCTL_WELL_KNOWN_MANAGED[addOn];
      if (managed)
        policyArns.push({
          key: policyKey(managed, taken),
          arn: `arn:${partition}:iam::aws:policy/${managed}`,
        });
    }
    const inlinePolicy: InlinePolicyPlan | undefined = src.document
      ? {
          id: 'inline',
          name: src.documentName ?? inlinePolicyName(stackName, EKSCTL_ATTACH_POLICY_NAME),
          document: src.document,
        }
      : undefined;
    const extraInlinePolicies: InlinePolicyPlan[] = [];
    for (const addOn of src.wellKnown) {
      for (const short of EKSCTL_WELL_KNOWN_INLINE[addOn] ?? []) {
        const name = inlinePolicyName(stackName, short);
        const eksctlDocument = eksctlWellKnownDocument(short, partition);
        const keepEksctl = options.adopt && (options.policies ?? 'eksctl') === 'eksctl';
        const statements: PolicyStatements = keepEksctl && eksctlDocument ? 'eksctl' : 'catalog';
        // A new role gets the catalog's policy; only adopting a role eksctl made may keep its live document.
        const catalogDocument = options.adopt
          ? wellKnownDocument(addOn, short, partition)
          : createWellKnownDocument(addOn, short, partition);
        const document = statements === 'eksctl' ? eksctlDocument : catalogDocument;
        extraInlinePolicies.push({
          id: identifier(id, short),
          name,
          document,
          addOn,
          eksctlDocument,
          catalogDocument,
          statements: document ? statements : undefined,
        });
        if (!document) {
          if (!options.adopt) throw new Error(`no catalog policy for ${addOn} (${short}) to create`);
          unresolved.push({
            kind: 'inline-policy',
            key: name,
            why:
              statements === 'catalog' && !keepEksctl
                ? `the ${addOn} add-on's inline policy ${short} has no counterpart in this project's catalog; keep eksctl's document`
                : `eksctl's ${short} document changes with eksctl releases and is not recorded here; keep the one AWS holds`,
            roleName,
            policyName: name,
            stackName,
          });
        }
      }
    }
    const tags = { ...config.tags, ...src.tags };
    const eksctlTrust =
      src.kind === 'irsa'
        ? eksctlIrsaTrustPolicy({
            providerArn,
            issuer,
            namespace: src.namespace,
            serviceAccount: src.serviceAccount,
            subjectPattern: src.subjectPattern,
            anyServiceAccount: src.eksctlTrustsAnyServiceAccount,
          })
        : eksctlPodIdentityTrustPolicy();
    const subject = `${src.namespace}:${src.subjectPattern ?? src.serviceAccount}`;
    const wildcard = src.subjectPattern !== undefined && hasWildcard(src.subjectPattern);
    const ours =
      src.kind === 'irsa'
        ? buildTrustPolicy({
            trust: [{ providerArn, issuer, serviceAccounts: [subject] }],
            allowWildcardSubjects: wildcard,
          })
        : (JSON.parse(JSON.stringify(POD_IDENTITY_TRUST)) as PolicyDocument);
    const role: RolePlan = {
      id,
      kind: src.kind,
      addon: src.addon,
      eksctlTrustsAnyServiceAccount: src.eksctlTrustsAnyServiceAccount,
      namespace: src.namespace,
      serviceAccount: src.serviceAccount,
      stackName,
      roleName,
      roleNameSource,
      rolePath,
      subject,
      wildcard,
      policyArns,
      inlinePolicy,
      extraInlinePolicies,
      permissionsBoundary: src.permissionsBoundary,
      tags,
      trust: { eksctl: eksctlTrust, ours, diff: compareTrustPolicies(eksctlTrust, ours) },
    };
    roles.push(role);
    if (options.adopt) {
      const module = `module.${id}`;
      const roleAddress = src.kind === 'irsa' ? 'aws_iam_role.this[0]' : POD_IDENTITY_MODULE.roleAddress;
      imports.push({
        to: `${module}.${roleAddress}`,
        id: [{ roleName }],
        side: 'aws',
        what: `role of ${key}`,
      });
      for (const p of policyArns) {
        imports.push({
          to: `${module}.${src.kind === 'irsa' ? `aws_iam_role_policy_attachment.this[${JSON.stringify(p.key)}]` : POD_IDENTITY_MODULE.attachmentAddress(p.key)}`,
          id: [{ roleName }, `/${p.arn}`],
          side: 'aws',
          what: `attachment of ${p.arn}`,
        });
      }
      if (inlinePolicy) {
        imports.push({
          to: `${module}.aws_iam_role_policy.this[${JSON.stringify(inlinePolicy.name)}]`,
          id: [{ roleName }, `:${inlinePolicy.name}`],
          side: 'aws',
          what: `inline policy ${inlinePolicy.name}`,
        });
      }
      for (const p of extraInlinePolicies) {
        imports.push({
          to: `aws_iam_role_policy.${p.id}`,
          id: [{ roleName }, `:${p.name}`],
          side: 'aws',
          what: `inline policy ${p.name}`,
        });
      }
    }
    return role;
  };

  const addons: AddonOutcome[] = [];
  for (const sa of config.serviceAccounts) planServiceAccount(sa);
  for (const pia of config.podIdentityAssociations) planAssociation(pia);
  for (const addon of config.addons ?? []) planAddon(addon);
  if (config.addons !== undefined) planDefaultVpcCni();

  /** The role eksctl created for one add-on, adopted when its service account and policies are known. */
  function planAddon(addon: EksctlAddon): void {
    const canonical = addon.name.toLowerCase();
    const stackName = addonStackName(config.name, addon.name);
    const record = (outcome: AddonOutcome['outcome'], why: string) =>
      addons.push({
        name: addon.name,
        outcome,
        why,
        stackName: outcome === 'nothing' ? undefined : stackName,
      });
    if (addon.serviceAccountRoleARN !== undefined) {
      record(
        'nothing',
        `serviceAccountRoleARN: the role ${addon.serviceAccountRoleARN} already exists and eksctl created none; nothing to adopt (manage that role where it is managed)`,
      );
      return;
    }
    const irsa =
      addon.attachPolicyARNs.length > 0 ||
      addon.wellKnownPolicies.length > 0 ||
      addon.attachPolicy !== undefined;
    const podIdentity =
      addon.podIdentityAssociations ||
      (!irsa &&
        !ADDONS_WITHOUT_IAM.includes(canonical) &&
        (addon.useDefaultPodIdentityAssociations ||
          config.addonsConfig?.autoApplyPodIdentityAssociations === true));
    if (podIdentity) {
      record(
        'not-adopted',
        `eksctl gives it Pod Identity roles (stacks ${stackName}-podidentityrole-<service account>) whose associations belong to the EKS add-on itself (aws_eks_addon pod_identity_association), which this project does not manage; they stay with eksctl`,
      );
      return;
    }
    const recommended = irsa ? undefined : ADDON_RECOMMENDED[canonical];
    if (!irsa) {
      if (ADDONS_WITHOUT_IAM.includes(canonical)) {
        record('nothing', 'needs no AWS permissions: eksctl creates no role for it');
        return;
      }
      if (!recommended) {
        record(
          'nothing',
          'no IAM settings, and eksctl has no recommended policy for it: eksctl creates no role for it',
        );
        return;
      }
    }
    if (config.withOIDC !== true) {
      record(
        'not-adopted',
        `iam.withOIDC is not true: eksctl created the role (stack ${stackName}) only if the cluster had an IAM OIDC provider when the add-on was created; check that stack and adopt its role by hand`,
      );
      return;
    }
    if (canonical === 'vpc-cni' && !irsa && config.ipFamily?.toLowerCase() === 'ipv6') {
      record(
        'not-adopted',
        "IPv6 cluster: eksctl writes vpc-cni's IPv6 policy inline and its statements changed between eksctl releases; adopt it by hand with the live document",
      );
      return;
    }
    const known = ADDON_SERVICE_ACCOUNTS[canonical];
    if (!known) {
      record(
        'not-adopted',
        "eksctl's role for it trusts every service account of the cluster, and this project does not know which service account the add-on runs as: it will not write such a trust",
      );
      return;
    }
    if (addon.namespace !== undefined && addon.namespace !== known.namespace) {
      record(
        'not-adopted',
        `namespaceConfig.namespace ${addon.namespace}: the add-on's service account is not in ${known.namespace}, where this project would trust it; adopt its role by hand`,
      );
      return;
    }
    const role = planRole({
      kind: 'irsa',
      namespace: known.namespace,
      serviceAccount: known.name,
      policyArns: [
        ...addon.attachPolicyARNs,
        ...(recommended?.managed ? [`arn:${partition}:iam::aws:policy/${recommended.managed}`] : []),
      ],
      document: addon.attachPolicy,
      wellKnown: recommended?.wellKnown ? [recommended.wellKnown] : addon.wellKnownPolicies,
      permissionsBoundary: addon.permissionsBoundary,
      addon: addon.name,
      stackName,
      eksctlTrustsAnyServiceAccount: !known.trustsIt,
    });
    record(
      'adopted',
      `IRSA role (module.${role.id}) trusted by ${known.namespace}/${known.name}${irsa ? '' : ", with eksctl's recommended policy (the ClusterConfig sets none)"}`,
    );
  }

  /** eksctl (0.180.0 and later) installs vpc-cni unasked, with an IRSA role when the cluster has OIDC. */
  function planDefaultVpcCni(): void {
    const listed = (config.addons ?? []).some((a) => a.name.toLowerCase() === 'vpc-cni');
    if (listed || config.withOIDC !== true || config.addonsConfig?.disableDefaultAddons === true) return;
    const stackName = addonStackName(config.name, 'vpc-cni');
    addons.push({
      name: 'vpc-cni',
      outcome: 'unlisted',
      stackName,
      why: `the default add-on eksctl installs when the ClusterConfig lists none: eksctl 0.180.0 and later give it an IRSA role in stack ${stackName} (earlier releases in eksctl-${config.name}-addon-iamserviceaccount-kube-system-aws-node); add "- name: vpc-cni" under addons to adopt the former, or keep that stack`,
    });
  }

  function planServiceAccount(sa: EksctlServiceAccount): void {
    let role: RoleRef;
    if (sa.attachRoleARN !== undefined) {
      role = { arn: sa.attachRoleARN };
    } else {
      const planned = planRole({
        kind: 'irsa',
        namespace: sa.namespace,
        serviceAccount: sa.name,
        roleName: sa.roleName,
        policyArns: sa.attachPolicyARNs,
        document: sa.attachPolicy,
        wellKnown: sa.wellKnownPolicies,
        permissionsBoundary: sa.permissionsBoundary,
        tags: sa.tags,
        subjectPattern: sa.subjectPattern,
      });
      role = { role: planned.id };
    }
    if (sa.roleOnly) return;
    const id = uniqueId('sa', sa.namespace, sa.name);
    const mode = options.overrideExistingServiceAccounts ? 'annotate' : 'create';
    serviceAccounts.push({
      id,
      namespace: sa.namespace,
      name: sa.name,
      labels: mode === 'create' ? createdLabels(sa.labels) : sa.labels,
      annotations: sa.annotations,
      role,
      mode,
    });
    if (options.adopt) {
      imports.push({
        to: `kubernetes_service_account_v1.${id}`,
        id: [`${sa.namespace}/${sa.name}`],
        side: 'kubernetes',
        what: `ServiceAccount ${sa.namespace}/${sa.name}`,
      });
    }
  }

  function planAssociation(pia: EksctlPodIdentityAssociation): void {
    let role: RoleRef;
    let roleId: string | undefined;
    if (pia.roleARN !== undefined) {
      role = { arn: pia.roleARN };
    } else {
      const planned = planRole({
        kind: 'pod-identity',
        namespace: pia.namespace,
        serviceAccount: pia.serviceAccountName,
        roleName: pia.roleName,
        policyArns: pia.permissionPolicyARNs,
        document: pia.permissionPolicy,
        documentName: pia.permissionPolicyName,
        wellKnown: pia.wellKnownPolicies,
        permissionsBoundary: pia.permissionsBoundaryARN,
        tags: pia.tags,
      });
      role = { role: planned.id };
      roleId = planned.id;
    }
    const id = roleId ?? uniqueId('pod_identity', pia.namespace, pia.serviceAccountName);
    associations.push({
      id,
      namespace: pia.namespace,
      serviceAccount: pia.serviceAccountName,
      role,
      targetRoleArn: pia.targetRoleARN,
      disableSessionTags: pia.disableSessionTags,
      policy: pia.policy,
      tags: pia.tags,
    });
    const key = `${pia.namespace}/${pia.serviceAccountName}`;
    if (pia.createServiceAccount) {
      const saId = uniqueId('sa', pia.namespace, pia.serviceAccountName);
      serviceAccounts.push({
        id: saId,
        namespace: pia.namespace,
        name: pia.serviceAccountName,
        labels: createdLabels(undefined),
        role: { none: true },
        mode: 'create',
      });
      if (options.adopt) {
        imports.push({
          to: `kubernetes_service_account_v1.${saId}`,
          id: [key],
          side: 'kubernetes',
          what: `ServiceAccount ${key}`,
        });
      }
    }
    if (options.adopt) {
      imports.push({
        to: roleId
          ? `module.${id}.${POD_IDENTITY_MODULE.associationAddress(POD_IDENTITY_MODULE.associationKey)}`
          : `aws_eks_pod_identity_association.${id}`,
        id: [`${config.name},`, { associationId: key }],
        side: 'aws',
        what: `Pod Identity association of ${key}`,
      });
      unresolved.push({
        kind: 'association-id',
        key,
        why: 'EKS gives every association a random ID',
        namespace: pia.namespace,
        serviceAccount: pia.serviceAccountName,
      });
    }
  }

  return {
    cluster: config.name,
    region: config.region,
    partition,
    oidc,
    roles,
    serviceAccounts,
    associations,
    imports,
    unresolved,
    addons,
    adopt: options.adopt,
    policies: options.adopt ? (options.policies ?? 'eksctl') : undefined,
    namespaces: options.createNamespaces
      ? [...new Set(serviceAccounts.filter((sa) => sa.mode === 'create').map((sa) => sa.namespace))].sort()
      : [],
  };
}

/**
 * The labels of a ServiceAccount the output creates: ours for app.kubernetes.io/managed-by, where eksctl
 * writes its own (docs/kubernetes.md: on adoption eksctl's is replaced, so that eksctl no longer deletes the
 * object); the config's value wins.
 */
function createdLabels(labels: Record<string, string> | undefined): Record<string, string> {
  return { [MANAGED_BY_LABEL]: MANAGED_BY, ...labels };
}
