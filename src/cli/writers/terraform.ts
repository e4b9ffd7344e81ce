/**
 * The plan as Terraform configuration blocks, per file: `versions`, `main` (roles, policies, associations),
 * `imports` (AWS-side import blocks), `kubernetes` (ServiceAccounts and their imports) and `variables`
 * (values the user must supply). The AWS side never depends on the Kubernetes side, so it can be checked
 * (and applied) on its own.
 */
import { CLUSTER_OIDC_MODULE, POD_IDENTITY_MODULE } from '../integration';
import type { GenerationPlan, IdPart, RoleNameRef, RolePlan, RoleRef, Unresolved } from '../plan';
import { type Block, type Body, HclTemplate, NestedBlock, expr } from './blocks';
import type { HclLiteral } from '../../modules/hcl';
import { MANAGED_BY, MANAGED_BY_LABEL } from '../../kubernetes/metadata';
import { render } from '../../modules/hcl';

export const ROLE_NAMES_VARIABLE = 'eksctl_role_names';
export const INLINE_POLICIES_VARIABLE = 'eksctl_inline_policies';
export const ASSOCIATION_IDS_VARIABLE = 'pod_identity_association_ids';
export const ROLE_ARN_ANNOTATION = 'eks.amazonaws.com/role-arn';

/** The AWS provider versions the generated modules support. */
export const AWS_PROVIDER_CONSTRAINT = '>= 5.0, < 7.0';
/**
 * The constraint when the configuration needs AWS provider 6: `target_role_arn` and `disable_session_tags`
 * of `aws_eks_pod_identity_association` came with 6.0, and modules/eks-pod-identity requires 6.0.
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/eks_pod_identity_association
 */
export const AWS_PROVIDER_CONSTRAINT_V6 = '>= 6.0, < 7.0';

/** The AWS provider constraint `plan`'s generated arguments and modules need. */
export function awsProviderConstraint(plan: GenerationPlan): string {
  const needsV6 =
    plan.roles.some((r) => r.kind === 'pod-identity') ||
    plan.associations.some((a) => a.targetRoleArn !== undefined || a.disableSessionTags !== undefined);
  return needsV6 ? AWS_PROVIDER_CONSTRAINT_V6 : AWS_PROVIDER_CONSTRAINT;
}

export interface TerraformFiles {
  readonly versions: Block[];
  readonly main: Block[];
  readonly imports: Block[];
  readonly kubernetes: Block[];
  readonly variables: Block[];
}

function roleNameExpr(ref: RoleNameRef): string {
  return 'known' in ref ? render(ref.known) : `var.${ROLE_NAMES_VARIABLE}[${JSON.stringify(ref.variable)}]`;
}

/** An import ID: a literal when every part is known, else a template (HCL and JSON forms). */
function idExpr(parts: readonly IdPart[]): HclTemplate {
  const literal = (text: string) => text.replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
  const pieces = parts.map((p) => {
    if (typeof p === 'string') return { hcl: render(p).slice(1, -1), json: literal(p) };
    if ('roleName' in p && 'known' in p.roleName) {
      return { hcl: render(p.roleName.known).slice(1, -1), json: literal(p.roleName.known) };
    }
    const reference =
      'roleName' in p
        ? roleNameExpr(p.roleName)
        : `var.${ASSOCIATION_IDS_VARIABLE}[${JSON.stringify(p.associationId)}]`;
    return { hcl: `\${${reference}}`, json: `\${${reference}}` };
  });
  // A lone reference is written bare (`var.x["k"]`, not `"${var.x["k"]}"`), as terraform fmt writes it.
  const lone = parts.length === 1 && typeof parts[0] !== 'string' && pieces[0].hcl.startsWith('${');
  const hcl = lone ? pieces[0].hcl.slice(2, -1) : `"${pieces.map((p) => p.hcl).join('')}"`;
  return new HclTemplate(hcl, pieces.map((p) => p.json).join(''));
}

function sorted(record: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!record || Object.keys(record).length === 0) return undefined;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((k) => [k, record[k]]),
  );
}

function moduleOf(role: RolePlan): string {
  return `module.${role.id}`;
}

function roleArnExpr(ref: RoleRef, plan: GenerationPlan): string | undefined {
  if ('none' in ref) return undefined;
  if ('arn' in ref) return render(ref.arn);
  const role = plan.roles.find((r) => r.id === ref.role) as RolePlan;
  return `${moduleOf(role)}.${role.kind === 'irsa' ? 'role_arn' : POD_IDENTITY_MODULE.roleArnOutput}`;
}

function variableBlock(name: string, description: string, keys: string[], what: string): Block {
  return {
    kind: 'variable',
    labels: [name],
    body: {
      description,
      type: expr('map(string)'),
      validation: new NestedBlock({
        condition: expr(`alltrue([for key in ${render(keys)} : contains(keys(var.${name}), key)])`),
        error_message: expr(
          `"${name} has no entry for ${'$'}{join(", ", [for key in ${render(keys)} : key if !contains(keys(var.${name}), key)])}: ${what} (see MIGRATION.md)."`,
        ),
      }),
    },
  };
}

/** The Terraform blocks of `plan`, with modules at `moduleSource` (a path or registry address prefix). */
export function terraformBlocks(plan: GenerationPlan, moduleSource: string): TerraformFiles {
  const versions: Block[] = [
    {
      kind: 'terraform',
      labels: [],
      body: {
        required_version: '>= 1.9.0',
        required_providers: new NestedBlock({
          aws: { source: 'hashicorp/aws', version: awsProviderConstraint(plan) },
        }),
      },
    },
  ];
  const main: Block[] = [];
  const oidcArn =
    'arn' in plan.oidc
      ? render(plan.oidc.arn)
      : `module.cluster_oidc.${CLUSTER_OIDC_MODULE.providerArnOutput}`;
  if ('lookup' in plan.oidc && plan.roles.some((r) => r.kind === 'irsa')) {
    main.push({
      kind: 'module',
      labels: ['cluster_oidc'],
      comment: `The IAM OIDC provider of cluster ${plan.cluster}, looked up by name.`,
      body: {
        source: `${moduleSource}/${CLUSTER_OIDC_MODULE.dir}`,
        [CLUSTER_OIDC_MODULE.clusterNameInput]: plan.cluster,
      },
    });
  }
  for (const role of plan.roles) {
    const inlineJson = role.inlinePolicy
      ? expr(`jsonencode(${render(role.inlinePolicy.document as HclLiteral)})`)
      : undefined;
    const policyArns =
      role.policyArns.length > 0 ? Object.fromEntries(role.policyArns.map((p) => [p.key, p.arn])) : undefined;
    const comment = `${role.kind === 'irsa' ? 'IRSA role' : 'Pod Identity role'} of ${role.addon !== undefined ? `add-on ${role.addon}, ` : ''}${role.namespace}/${role.serviceAccount} (eksctl stack ${role.stackName}).`;
    if (role.kind === 'irsa') {
      main.push({
        kind: 'module',
        labels: [role.id],
        comment,
        body: {
          source: `${moduleSource}/iam-role-for-service-accounts`,
          role_name: expr(roleNameExpr(role.roleName)),
          role_path: role.rolePath === '/' ? undefined : role.rolePath,
          oidc_providers: {
            [plan.cluster]: { provider_arn: expr(oidcArn), namespace_service_accounts: [role.subject] },
          } as unknown as HclLiteral,
          allow_wildcard_subjects: role.wildcard ? true : undefined,
          policy_arns: policyArns,
          inline_policies:
            role.inlinePolicy && inlineJson
              ? ({ [role.inlinePolicy.name]: inlineJson } as unknown as HclLiteral)
              : undefined,
          permissions_boundary: role.permissionsBoundary,
          tags: sorted(role.tags),
        },
      });
    }
    for (const p of role.extraInlinePolicies) {
      main.push({
        kind: 'resource',
        labels: ['aws_iam_role_policy', p.id],
        comment: `eksctl's ${p.addOn} inline policy, kept under its name.`,
        body: {
          name: p.name,
          role: expr(
            `${moduleOf(role)}.${role.kind === 'irsa' ? 'role_name' : POD_IDENTITY_MODULE.roleNameOutput}`,
          ),
          policy: p.document
            ? expr(`jsonencode(${render(p.document as HclLiteral)})`)
            : expr(`var.${INLINE_POLICIES_VARIABLE}[${JSON.stringify(p.name)}]`),
        },
      });
    }
  }
  for (const a of plan.associations) {
    const role =
      'role' in a.role ? plan.roles.find((r) => r.id === (a.role as { role: string }).role) : undefined;
    const tags = sorted(a.tags);
    if (!role) {
      main.push({
        kind: 'resource',
        labels: ['aws_eks_pod_identity_association', a.id],
        comment: `Pod Identity association of ${a.namespace}/${a.serviceAccount}, with a role managed elsewhere.`,
        body: {
          cluster_name: plan.cluster,
          namespace: a.namespace,
          service_account: a.serviceAccount,
          role_arn: 'arn' in a.role ? a.role.arn : undefined,
          target_role_arn: a.targetRoleArn,
          disable_session_tags: a.disableSessionTags,
          tags,
        },
      });
      continue;
    }
    const i = POD_IDENTITY_MODULE.inputs;
    const f = POD_IDENTITY_MODULE.association;
    // Adopting keeps eksctl's trust (any association in the account); new roles get the scoped trust, which
    // needs the session tags.
    const trust =
      plan.adopt || a.disableSessionTags
        ? POD_IDENTITY_MODULE.trustLikeEksctl
        : POD_IDENTITY_MODULE.trustScoped;
    const body: Body = {
      source: `${moduleSource}/${POD_IDENTITY_MODULE.dir}`,
      [i.roleName]: expr(roleNameExpr(role.roleName)),
      [i.rolePath]: role.rolePath === '/' ? undefined : role.rolePath,
      [i.associations]: {
        [POD_IDENTITY_MODULE.associationKey]: {
          [f.clusterName]: plan.cluster,
          [f.namespace]: a.namespace,
          [f.serviceAccount]: a.serviceAccount,
          ...(a.targetRoleArn !== undefined ? { [f.targetRoleArn]: a.targetRoleArn } : {}),
          ...(a.disableSessionTags !== undefined ? { [f.disableSessionTags]: a.disableSessionTags } : {}),
        },
      },
      [i.trust]: trust,
      [i.associationTags]: tags,
      [i.policyArns]:
        role.policyArns.length > 0
          ? Object.fromEntries(role.policyArns.map((p) => [p.key, p.arn]))
          : undefined,
      [i.inlinePolicies]: role.inlinePolicy
        ? ({
            [role.inlinePolicy.name]: expr(`jsonencode(${render(role.inlinePolicy.document as HclLiteral)})`),
          } as unknown as HclLiteral)
        : undefined,
      [i.permissionsBoundary]: role.permissionsBoundary,
      [i.tags]: sorted(role.tags),
    };
    main.push({
      kind: 'module',
      labels: [a.id],
      comment: `Pod Identity association of ${a.namespace}/${a.serviceAccount} and its role (eksctl stack ${role.stackName}).`,
      body,
    });
  }

  const imports: Block[] = [];
  const kubernetes: Block[] = [];
  for (const im of plan.imports) {
    const block: Block = {
      kind: 'import',
      labels: [],
      comment: im.what,
      body: { to: expr(im.to), id: idExpr(im.id) },
    };
    (im.side === 'aws' ? imports : kubernetes).push(block);
  }
  const saBlocks: Block[] = [];
  if (plan.serviceAccounts.length > 0 || plan.namespaces.length > 0) {
    saBlocks.push({
      kind: 'terraform',
      labels: [],
      body: {
        required_providers: new NestedBlock({
          kubernetes: { source: 'hashicorp/kubernetes', version: '>= 2.20, < 4.0' },
        }),
      },
    });
  }
  const namespaceIds = new Map(plan.namespaces.map((ns) => [ns, namespaceId(ns)]));
  for (const [ns, id] of namespaceIds) {
    saBlocks.push({
      kind: 'resource',
      labels: ['kubernetes_namespace_v1', id],
      comment: `Namespace ${ns} (--create-namespace): deleting this resource deletes everything in it.`,
      body: {
        metadata: new NestedBlock({ name: ns, labels: { [MANAGED_BY_LABEL]: MANAGED_BY } }),
      },
    });
  }
  for (const sa of plan.serviceAccounts) {
    const arn = roleArnExpr(sa.role, plan);
    const namespaceRef = namespaceIds.get(sa.namespace);
    const base = sorted(sa.annotations);
    const annotations =
      arn === undefined ? base : ({ ...base, [ROLE_ARN_ANNOTATION]: expr(arn) } as unknown as HclLiteral);
    if (sa.mode === 'create') {
      saBlocks.push({
        kind: 'resource',
        labels: ['kubernetes_service_account_v1', sa.id],
        comment: `ServiceAccount ${sa.namespace}/${sa.name}.`,
        body: {
          metadata: new NestedBlock({
            name: sa.name,
            // The namespace's own attribute, so Terraform creates the namespace first.
            namespace: namespaceRef
              ? expr(`kubernetes_namespace_v1.${namespaceRef}.metadata[0].name`)
              : sa.namespace,
            labels: sorted(sa.labels),
            annotations,
          }),
        },
      });
    } else {
      saBlocks.push({
        kind: 'resource',
        labels: ['kubernetes_annotations', sa.id],
        comment: `The existing ServiceAccount ${sa.namespace}/${sa.name}: only its annotations, forcibly (--override-existing-serviceaccounts).`,
        body: {
          api_version: 'v1',
          kind: 'ServiceAccount',
          metadata: new NestedBlock({ name: sa.name, namespace: sa.namespace }),
          annotations,
          force: true,
        },
      });
    }
  }
  kubernetes.unshift(...saBlocks);

  const variables: Block[] = [];
  const byKind = (kind: Unresolved['kind']) =>
    plan.unresolved.filter((u) => u.kind === kind).map((u) => u.key);
  if (byKind('role-name').length > 0) {
    variables.push(
      variableBlock(
        ROLE_NAMES_VARIABLE,
        'Names CloudFormation gave the roles eksctl created without roleName, by "namespace/name". https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-name.html',
        byKind('role-name'),
        'the name of the existing role (an unknown name must never become a new role)',
      ),
    );
  }
  if (byKind('inline-policy').length > 0) {
    variables.push(
      variableBlock(
        INLINE_POLICIES_VARIABLE,
        "eksctl's inline policy documents (JSON text) for add-ons this project has no policy for, by policy name. https://docs.aws.amazon.com/cli/latest/reference/iam/get-role-policy.html",
        byKind('inline-policy'),
        'the document eksctl wrote (kept as is)',
      ),
    );
  }
  if (byKind('association-id').length > 0) {
    variables.push(
      variableBlock(
        ASSOCIATION_IDS_VARIABLE,
        'IDs of the Pod Identity associations eksctl created, by "namespace/serviceAccount". https://docs.aws.amazon.com/cli/latest/reference/eks/list-pod-identity-associations.html',
        byKind('association-id'),
        'the ID of the existing association',
      ),
    );
  }
  return { versions, main, imports, kubernetes, variables };
}

/** The resource name of a namespace `--create-namespace` creates (a Kubernetes name: letters, digits, `-`). */
function namespaceId(namespace: string): string {
  return `namespace_${namespace.replace(/-/g, '_')}`;
}
