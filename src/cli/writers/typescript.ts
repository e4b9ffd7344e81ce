/**
 * The plan as one CDKTF TypeScript file: an `IamServiceAccount` per IRSA role and its ServiceAccount (the
 * project's construct, so the trust policy is built by src/policy; `roleOnly` without one; an `IrsaRole` and a
 * `ServiceAccountV1` for a wildcard subject pattern), eksctl's extra inline policies as `IamRolePolicy`,
 * ServiceAccounts of attached roles as `ServiceAccountV1` (or forced `Annotations`), `force_detach_policies`
 * as the modules set it, and, when adopting, `importFrom` on every resource eksctl created. Pure: same plan,
 * same text.
 */
import { UsageError } from '../args';
import { CLUSTER_OIDC_MODULE, POD_IDENTITY_TRUST, TS_OIDC_FROM_CLUSTER } from '../integration';
import type { GenerationPlan, IdPart, RoleNameRef, RolePlan, RoleRef, ServiceAccountPlan } from '../plan';
import {
  ASSOCIATION_IDS_VARIABLE,
  INLINE_POLICIES_VARIABLE,
  ROLE_ARN_ANNOTATION,
  ROLE_NAMES_VARIABLE,
} from './terraform';

/** The package the generated code imports the constructs from. */
export const PACKAGE_NAME = 'cdktf-irsa';

const q = (value: unknown): string => JSON.stringify(value);

function camel(id: string): string {
  return id.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((l) => (l === '' ? l : `${pad}${l}`))
    .join('\n');
}

function literal(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

function roleNameTs(ref: RoleNameRef): string {
  return 'known' in ref ? q(ref.known) : `Token.asString(Fn.lookup(roleNames.value, ${q(ref.variable)}))`;
}

function idTs(parts: readonly IdPart[]): string {
  const segments = parts.map((p) => {
    if (typeof p === 'string') return q(p);
    if ('roleName' in p) return roleNameTs(p.roleName);
    return `Token.asString(Fn.lookup(associationIds.value, ${q(p.associationId)}))`;
  });
  return segments.join(' + ');
}

/** Options of the generated stack. */
export interface TypescriptOptions {
  /** `-p/--profile`: the AWS credentials profile of the generated AwsProvider. */
  readonly profile?: string;
}

export function typescriptSource(plan: GenerationPlan, options: TypescriptOptions = {}): string {
  const body: string[] = [];
  const needs = {
    roleNames: plan.unresolved.some((u) => u.kind === 'role-name'),
    inline: plan.unresolved.some((u) => u.kind === 'inline-policy'),
    associations: plan.adopt && plan.associations.length > 0,
    kubernetes: plan.serviceAccounts.length > 0,
    rolePolicy: plan.roles.some(
      (r) => r.extraInlinePolicies.length > 0 || (r.kind === 'pod-identity' && r.inlinePolicy),
    ),
    podIdentity: plan.associations.length > 0,
    irsa: plan.roles.some((r) => r.kind === 'irsa'),
  };
  body.push(
    `new AwsProvider(this, 'aws', { region: ${q(plan.region)}${options.profile !== undefined ? `, profile: ${q(options.profile)}` : ''} });`,
  );
  if (needs.kubernetes)
    body.push(
      `// Configure access to the cluster (config_path, host, token, ...).\nnew KubernetesProvider(this, 'kubernetes', {});`,
    );
  if (needs.irsa) {
    body.push(
      'arn' in plan.oidc
        ? `const oidcProvider = OidcProvider.fromArn(${q(plan.oidc.arn)});`
        : `// The cluster's IAM OIDC provider, looked up by name (${CLUSTER_OIDC_MODULE.dir}).\nconst oidcProvider = ${TS_OIDC_FROM_CLUSTER(plan.oidc.lookup)};`,
    );
  }
  const variable = (name: string, description: string) =>
    `const ${camel(name.replace('eksctl_', '').replace('pod_identity_', ''))} = new TerraformVariable(this, ${q(name)}, {\n  type: 'map(string)',\n  description: ${q(`${description} (see MIGRATION.md)`)},\n});`;
  if (needs.roleNames)
    body.push(
      variable(
        ROLE_NAMES_VARIABLE,
        'Names CloudFormation gave the roles eksctl created, by "namespace/name"',
      ),
    );
  if (needs.inline)
    body.push(
      variable(
        INLINE_POLICIES_VARIABLE,
        "eksctl's inline policy documents for add-ons without a counterpart here, by policy name",
      ),
    );
  if (needs.associations)
    body.push(
      variable(
        ASSOCIATION_IDS_VARIABLE,
        'IDs of the Pod Identity associations eksctl created, by "namespace/serviceAccount"',
      ),
    );

  const roleVar = new Map<string, string>();
  /** ServiceAccounts an IamServiceAccount creates (or annotates) together with its role. */
  const handled = new Set<string>();
  for (const role of plan.roles) {
    const v = camel(role.id);
    roleVar.set(role.id, v);
    body.push(
      `// ${role.kind === 'irsa' ? 'IRSA' : 'Pod Identity'} role of ${role.namespace}/${role.serviceAccount} (eksctl stack ${role.stackName}).`,
    );
    if (role.kind === 'irsa') {
      const sa = serviceAccountOf(role, plan);
      if (sa) handled.add(sa.id);
      const construct = role.wildcard ? 'IrsaRole' : 'IamServiceAccount';
      const props: string[] = [
        ...(role.wildcard
          ? [
              `trust: [{ oidcProvider, serviceAccounts: [${q(role.subject)}] }],`,
              'allowWildcardSubjects: true,',
            ]
          : [
              'oidcProvider,',
              `namespace: ${q(role.namespace)},`,
              `name: ${q(role.serviceAccount)},`,
              ...(sa === undefined ? ['roleOnly: true,'] : []),
              ...(sa?.mode === 'annotate' ? ['overrideExistingServiceAccount: true,'] : []),
              ...(sa?.mode === 'create' && plan.namespaces.includes(role.namespace)
                ? ['createNamespace: true,']
                : []),
              ...(sa?.labels ? [`labels: ${literal(sortedObject(sa.labels))},`] : []),
              ...(sa?.annotations && Object.keys(sa.annotations).length > 0
                ? [`annotations: ${literal(sortedObject(sa.annotations))},`]
                : []),
            ]),
        `roleName: ${roleNameTs(role.roleName)},`,
        ...(role.rolePath !== '/' ? [`rolePath: ${q(role.rolePath)},`] : []),
        ...(role.policyArns.length > 0
          ? [`attachPolicyArns: ${literal(role.policyArns.map((p) => p.arn))},`]
          : []),
        ...(role.inlinePolicy
          ? [
              `inlinePolicy: ${literal(role.inlinePolicy.document)},`,
              `inlinePolicyName: ${q(role.inlinePolicy.name)},`,
            ]
          : []),
        ...(role.permissionsBoundary ? [`permissionsBoundary: ${q(role.permissionsBoundary)},`] : []),
        ...(Object.keys(role.tags).length > 0 ? [`tags: ${literal(sortedObject(role.tags))},`] : []),
      ];
      body.push(
        `const ${v} = new ${construct}(this, ${q(role.id.replace(/_/g, '-'))}, {\n${indent(props.join('\n'), 2)}\n});`,
      );
      // As the modules (and the HCL output) do: destroy detaches policies attached outside Terraform.
      const iamRole = role.wildcard ? `${v}.role` : `${v}.role!`;
      body.push(`${iamRole}.forceDetachPolicies = true;`);
      if (plan.adopt) {
        body.push(`adoptRole(${v}, ${iamRole}, ${roleNameTs(role.roleName)});`);
        const imp = sa && plan.imports.find((i) => i.to === `kubernetes_service_account_v1.${sa.id}`);
        if (imp && !role.wildcard) body.push(`${v}.serviceAccount!.importFrom(${idTs(imp.id)});`);
      }
    } else {
      body.push(podIdentityRole(role, v, plan));
    }
    for (const p of role.extraInlinePolicies) {
      const policy = p.document
        ? `JSON.stringify(${literal(p.document)})`
        : `Token.asString(Fn.lookup(inlinePolicies.value, ${q(p.name)}))`;
      const roleNameExpr = role.kind === 'irsa' ? `${v}.roleName` : `${v}.name`;
      body.push(
        `new IamRolePolicy(this, ${q(p.id.replace(/_/g, '-'))}, {\n  name: ${q(p.name)},\n  role: ${roleNameExpr},\n  policy: ${indent(policy, 2).trimStart()},\n})${plan.adopt ? `.importFrom(${roleNameTs(role.roleName)} + ${q(`:${p.name}`)})` : ''};`,
      );
    }
  }
  for (const a of plan.associations) {
    const roleArn =
      'role' in a.role ? `${roleVar.get(a.role.role)}.arn` : 'arn' in a.role ? q(a.role.arn) : q('');
    const props = [
      `clusterName: ${q(plan.cluster)},`,
      `namespace: ${q(a.namespace)},`,
      `serviceAccount: ${q(a.serviceAccount)},`,
      `roleArn: ${roleArn},`,
      ...(a.targetRoleArn ? [`targetRoleArn: ${q(a.targetRoleArn)},`] : []),
      ...(a.disableSessionTags !== undefined ? [`disableSessionTags: ${a.disableSessionTags},`] : []),
      ...(a.tags ? [`tags: ${literal(sortedObject(a.tags))},`] : []),
    ];
    const imp = plan.imports.find(
      (i) => i.what === `Pod Identity association of ${a.namespace}/${a.serviceAccount}`,
    );
    body.push(
      `// Pod Identity association of ${a.namespace}/${a.serviceAccount}.\nnew EksPodIdentityAssociation(this, ${q(`${a.id.replace(/_/g, '-')}-association`)}, {\n${indent(props.join('\n'), 2)}\n})${imp ? `.importFrom(${idTs(imp.id)})` : ''};`,
    );
  }
  for (const sa of plan.serviceAccounts) {
    if (handled.has(sa.id)) continue;
    const arn = roleArnTs(sa.role, roleVar, plan);
    const annotations = sortedObject(sa.annotations ?? {});
    const annotationText =
      arn === undefined
        ? Object.keys(annotations).length > 0
          ? literal(annotations)
          : undefined
        : `{\n${indent([...Object.entries(annotations).map(([k, val]) => `${q(k)}: ${q(val)},`), `${q(ROLE_ARN_ANNOTATION)}: ${arn},`].join('\n'), 2)}\n}`;
    const metadata = [
      `name: ${q(sa.name)},`,
      `namespace: ${q(sa.namespace)},`,
      ...(sa.mode === 'create' && sa.labels ? [`labels: ${literal(sortedObject(sa.labels))},`] : []),
      ...(sa.mode === 'create' && annotationText ? [`annotations: ${annotationText},`] : []),
    ];
    const imp = plan.imports.find((i) => i.to === `kubernetes_service_account_v1.${sa.id}`);
    if (sa.mode === 'create' && plan.namespaces.includes(sa.namespace)) {
      // Only IamServiceAccount creates namespaces (one per namespace and stack); a second resource for the
      // same namespace would fail with "already exists".
      throw new UsageError(
        `--create-namespace with --output ts: the ServiceAccount ${sa.namespace}/${sa.name} is not an IamServiceAccount (a wildcard subject pattern or an attached role), so no namespace would be created for it; use --output hcl or json, or create the namespace yourself`,
      );
    }
    if (sa.mode === 'create') {
      body.push(
        `// ServiceAccount ${sa.namespace}/${sa.name}.\nnew ServiceAccountV1(this, ${q(sa.id.replace(/_/g, '-'))}, {\n  metadata: {\n${indent(metadata.join('\n'), 4)}\n  },\n})${imp ? `.importFrom(${idTs(imp.id)})` : ''};`,
      );
    } else {
      body.push(
        `// The existing ServiceAccount ${sa.namespace}/${sa.name}: only its annotations, forcibly.\nnew Annotations(this, ${q(sa.id.replace(/_/g, '-'))}, {\n  apiVersion: 'v1',\n  kind: 'ServiceAccount',\n  metadata: { name: ${q(sa.name)}, namespace: ${q(sa.namespace)} },\n  annotations: ${indent(annotationText ?? '{}', 2).trimStart()},\n  force: true,\n});`,
      );
    }
  }

  const cdktf = [
    'App',
    'TerraformStack',
    ...(needs.roleNames || needs.inline || needs.associations ? ['Fn', 'TerraformVariable', 'Token'] : []),
  ];
  const imports = [
    `import { ${cdktf.sort().join(', ')} } from 'cdktf';`,
    "import { Construct } from 'constructs';",
    "import { AwsProvider } from '@cdktf/provider-aws/lib/provider';",
    ...(needs.podIdentity
      ? ["import { EksPodIdentityAssociation } from '@cdktf/provider-aws/lib/eks-pod-identity-association';"]
      : []),
    ...(plan.roles.some((r) => r.kind === 'pod-identity') || (plan.adopt && needs.irsa)
      ? ["import { IamRole } from '@cdktf/provider-aws/lib/iam-role';"]
      : []),
    ...(needs.rolePolicy || (plan.adopt && needs.irsa)
      ? ["import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';"]
      : []),
    ...(plan.roles.some((r) => r.kind === 'pod-identity' && r.policyArns.length > 0) ||
    (plan.adopt && needs.irsa)
      ? ["import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';"]
      : []),
    ...(plan.serviceAccounts.some((s) => s.mode === 'annotate' && !handled.has(s.id))
      ? ["import { Annotations } from '@cdktf/provider-kubernetes/lib/annotations';"]
      : []),
    ...(needs.kubernetes
      ? ["import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';"]
      : []),
    ...(plan.serviceAccounts.some((s) => s.mode === 'create' && !handled.has(s.id))
      ? ["import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';"]
      : []),
    ...(needs.irsa
      ? [
          `import { ${[
            ...(plan.roles.some((r) => r.kind === 'irsa' && !r.wildcard) ? ['IamServiceAccount'] : []),
            ...(plan.roles.some((r) => r.kind === 'irsa' && r.wildcard) ? ['IrsaRole'] : []),
            'OidcProvider',
          ].join(', ')} } from '${PACKAGE_NAME}';`,
        ]
      : []),
  ];
  const adoptHelper =
    plan.adopt && needs.irsa
      ? `
/** Adopts what eksctl created for \`construct\`: the role, its managed-policy attachments and its inline policy. */
function adoptRole(construct: Construct, role: IamRole, roleName: string): void {
  role.importFrom(roleName);
  for (const child of construct.node.children) {
    if (child instanceof IamRolePolicyAttachment) child.importFrom(\`\${roleName}/\${child.policyArnInput}\`);
    if (child instanceof IamRolePolicy) child.importFrom(\`\${roleName}:\${child.nameInput}\`);
  }
}
`
      : '';
  return `/**
 * ${plan.adopt ? `Adopts the IAM roles, policies, ServiceAccounts and Pod Identity associations eksctl created for cluster ${plan.cluster}` : `IAM for cluster ${plan.cluster}`}.
 * Generated by \`irsa\`${plan.adopt ? '; read MIGRATION.md before the first plan' : ''}.
 */
${imports.join('\n')}
${adoptHelper}
export class IrsaStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
${indent(body.join('\n\n'), 4)}
  }
}

if (require.main === module) {
  const app = new App();
  new IrsaStack(app, ${q(`${plan.cluster}-irsa`)});
  app.synth();
}
`;
}

function sortedObject(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((k) => [k, record[k]]),
  );
}

/** The ServiceAccount that carries `role`'s annotation, if the plan creates or annotates one. */
function serviceAccountOf(role: RolePlan, plan: GenerationPlan): ServiceAccountPlan | undefined {
  return plan.serviceAccounts.find((s) => 'role' in s.role && s.role.role === role.id);
}

function roleArnTs(ref: RoleRef, roleVar: Map<string, string>, plan: GenerationPlan): string | undefined {
  if ('none' in ref) return undefined;
  if ('arn' in ref) return q(ref.arn);
  const role = plan.roles.find((r) => r.id === ref.role) as RolePlan;
  return `${roleVar.get(role.id)}.${role.kind === 'irsa' ? 'roleArn' : 'arn'}`;
}

/** A Pod Identity role with raw provider resources (EKS's service principal trust, eksctl's layout). */
function podIdentityRole(role: RolePlan, v: string, plan: GenerationPlan): string {
  const lines: string[] = [];
  const props = [
    `name: ${roleNameTs(role.roleName)},`,
    `assumeRolePolicy: JSON.stringify(${literal(POD_IDENTITY_TRUST)}),`,
    // As modules/eks-pod-identity (and the HCL output) do.
    'forceDetachPolicies: true,',
    ...(role.permissionsBoundary ? [`permissionsBoundary: ${q(role.permissionsBoundary)},`] : []),
    ...(Object.keys(role.tags).length > 0 ? [`tags: ${literal(sortedObject(role.tags))},`] : []),
  ];
  lines.push(
    `const ${v} = new IamRole(this, ${q(role.id.replace(/_/g, '-'))}, {\n${indent(props.join('\n'), 2)}\n});`,
  );
  if (plan.adopt) lines.push(`${v}.importFrom(${roleNameTs(role.roleName)});`);
  for (const p of role.policyArns) {
    lines.push(
      `new IamRolePolicyAttachment(this, ${q(`${role.id}-${p.key}`.replace(/_/g, '-'))}, { role: ${v}.name, policyArn: ${q(p.arn)} })${plan.adopt ? `.importFrom(${roleNameTs(role.roleName)} + ${q(`/${p.arn}`)})` : ''};`,
    );
  }
  if (role.inlinePolicy) {
    lines.push(
      `new IamRolePolicy(this, ${q(`${role.id}-inline`.replace(/_/g, '-'))}, {\n  name: ${q(role.inlinePolicy.name)},\n  role: ${v}.name,\n  policy: JSON.stringify(${indent(literal(role.inlinePolicy.document), 2).trimStart()}),\n})${plan.adopt ? `.importFrom(${roleNameTs(role.roleName)} + ${q(`:${role.inlinePolicy.name}`)})` : ''};`,
    );
  }
  return lines.join('\n');
}
