/**
 * MIGRATION.md: what the generated folder adopts, what the user must still supply (with the exact AWS CLI
 * command that finds it), how each trust policy compares with eksctl's, and how to retire eksctl's stacks
 * without deleting what they created. Pure.
 */
import { roleLookupCommands } from '../eksctl';
import type { PolicyDocument } from '../../policy/document';
import type { GenerationPlan, InlinePolicyPlan, RolePlan } from '../plan';
import { grantDiff, grantDiffLines } from '../policy-diff';
import { compareTrustPolicies } from '../trust-diff';
import { ASSOCIATION_IDS_VARIABLE, INLINE_POLICIES_VARIABLE, ROLE_NAMES_VARIABLE } from './terraform';

function roleNameText(role: RolePlan): string {
  if ('known' in role.roleName)
    return `\`${role.roleName.known}\` (from ${role.roleNameSource === 'roleName' ? 'roleName in the ClusterConfig' : '--role-arns'})`;
  return `unknown: set \`${ROLE_NAMES_VARIABLE}["${role.roleName.variable}"]\``;
}

/**
 * What the first plan does to one of eksctl's well-known inline policies, with the grants it adds and
 * removes: nothing when the document kept is eksctl's or reads the same, else an in-place update of
 * `policy` (the sub-lines list every action, resource and condition added and removed).
 */
function addOnPolicyLines(p: InlinePolicyPlan): string[] {
  const ours = p.document as PolicyDocument;
  if (p.statements === 'eksctl') {
    return [`  - \`${p.name}\` keeps eksctl's ${p.addOn} statements: no change.`];
  }
  const head = `  - \`${p.name}\` gets this project's ${p.addOn} statements`;
  if (!p.eksctlDocument) return [`${head}: an in-place update of its document if eksctl's differ.`];
  if (!compareTrustPolicies(p.eksctlDocument, ours).inPlaceUpdate)
    return [`${head}, equal to eksctl's: no change.`];
  const lines = grantDiffLines(grantDiff(p.eksctlDocument, ours));
  return [
    `${head}, which differ from eksctl's: the plan shows an in-place update of its \`policy\`.`,
    ...(lines.length > 0
      ? lines.map((l) => `    - ${l}`)
      : ['    - the same grants, grouped in other statements: no permission changes']),
  ];
}

/** Per role, the grants `--policies catalog` changes (empty when it changes none). */
export function catalogChanges(role: RolePlan): { policy: string; lines: string[] }[] {
  const out: { policy: string; lines: string[] }[] = [];
  for (const p of role.extraInlinePolicies) {
    if (!p.eksctlDocument || !p.catalogDocument) continue;
    const lines = grantDiffLines(grantDiff(p.eksctlDocument, p.catalogDocument));
    if (lines.length > 0) out.push({ policy: p.name, lines });
  }
  return out;
}

/** What adoption does to permissions, in words (MIGRATION.md and the CLI's summary on stderr). */
export function permissionSummary(plan: GenerationPlan): string[] {
  const mode = plan.policies ?? 'eksctl';
  const withWellKnown = plan.roles.filter((r) => r.extraInlinePolicies.some((p) => p.eksctlDocument));
  if (withWellKnown.length === 0) return [];
  const out: string[] = [];
  if (mode === 'eksctl') {
    out.push(
      "eksctl's well-known inline policies keep eksctl's exact statements (`--policies eksctl`, the default): adopting them changes no permission.",
    );
  } else {
    out.push(
      "eksctl's well-known inline policies get this project's statements (`--policies catalog`): adopting them changes these permissions.",
    );
  }
  const changes = withWellKnown.flatMap((role) =>
    catalogChanges(role).map((c) => ({ role: `${role.namespace}/${role.serviceAccount}`, ...c })),
  );
  if (changes.length === 0) {
    out.push("This project's statements grant the same as eksctl's for every role here.");
    return out;
  }
  if (mode === 'eksctl') out.push('`--policies catalog` would instead change:');
  for (const c of changes) {
    out.push(`- role of \`${c.role}\`, \`${c.policy}\`:`);
    for (const l of c.lines) out.push(`  - ${l}`);
  }
  return out;
}

/** `## Add-ons`: per `addons[]` entry, whether its role is adopted, has nothing to adopt, or stays with eksctl. */
function addonSection(plan: GenerationPlan): string[] {
  const out = ['## Add-ons', ''];
  const label = {
    adopted: 'adopted',
    nothing: 'nothing to adopt',
    'not-adopted': '**not adopted**',
    unlisted: '**not adopted** (not in the ClusterConfig)',
  };
  for (const a of plan.addons) {
    out.push(
      `- \`${a.name}\`: ${label[a.outcome]}${a.stackName && a.outcome !== 'adopted' ? ` (eksctl stack \`${a.stackName}\`)` : ''}: ${a.why}.`,
    );
  }
  const gaps = plan.addons.filter((a) => a.outcome === 'not-adopted' || a.outcome === 'unlisted').length;
  out.push(
    '',
    gaps === 0
      ? 'Every role eksctl created for these add-ons is adopted or needs none.'
      : `${gaps} add-on role(s) above stay with eksctl: keep their stacks (step 4 does not apply to them).`,
    'The add-ons themselves (`aws_eks_addon`) and the ServiceAccounts EKS creates for them stay where they are; an adopted role keeps its name, so the role ARN set on the add-on does not change.',
    '',
  );
  return out;
}

export function migrationMarkdown(plan: GenerationPlan, sourceFile: string): string {
  const out: string[] = [];
  out.push(`# Adopting eksctl's IAM resources of cluster \`${plan.cluster}\``, '');
  out.push(
    `Generated by \`irsa import eksctl-config ${sourceFile}\`. The import blocks adopt what eksctl created; the first \`terraform plan\` must show imports and in-place updates only. **If it shows a resource to create, replace or destroy, stop**: a replaced role gets a new unique ID and running pods lose their credentials.`,
    '',
  );
  const permissions = permissionSummary(plan);
  if (permissions.length > 0) out.push('## Permission changes on adoption', '', ...permissions, '');
  out.push('## Values to supply before the first plan', '');
  if (plan.unresolved.length === 0) {
    out.push('None: every name is known.', '');
  } else {
    out.push(
      'Put them in `terraform.tfvars` (the plan fails, naming what is missing, until they are there):',
      '',
    );
    for (const u of plan.unresolved) {
      if (u.kind === 'role-name') {
        out.push(`- \`${ROLE_NAMES_VARIABLE}["${u.key}"]\`: ${u.why}. Find it with:`, '');
        for (const c of roleLookupCommands(u.stackName as string, plan.region))
          out.push(`  \`\`\`sh\n  ${c}\n  \`\`\``);
        out.push('  (or pass `--role-arns FILE` with `namespace/name: arn` lines and generate again).', '');
      } else if (u.kind === 'inline-policy') {
        const role = u.roleName && 'known' in u.roleName ? u.roleName.known : '<role name>';
        out.push(`- \`${INLINE_POLICIES_VARIABLE}["${u.key}"]\`: ${u.why}. Read it with:`, '');
        out.push(
          `  \`\`\`sh\n  aws iam get-role-policy --role-name ${role} --policy-name ${u.key} --query PolicyDocument --output json\n  \`\`\``,
          '',
        );
      } else {
        out.push(`- \`${ASSOCIATION_IDS_VARIABLE}["${u.key}"]\`: ${u.why}. Find it with:`, '');
        out.push(
          `  \`\`\`sh\n  aws eks list-pod-identity-associations --region ${plan.region} --cluster-name ${plan.cluster} --namespace ${u.namespace} --service-account ${u.serviceAccount} --query 'associations[0].associationId' --output text\n  \`\`\``,
          '',
        );
      }
    }
  }
  out.push('## Roles', '');
  for (const role of plan.roles) {
    out.push(
      role.addon !== undefined
        ? `### IRSA role of add-on \`${role.addon}\` (\`${role.namespace}/${role.serviceAccount}\`)`
        : `### ${role.kind === 'irsa' ? 'IRSA' : 'Pod Identity'} role of \`${role.namespace}/${role.serviceAccount}\``,
      '',
    );
    out.push(`- eksctl stack: \`${role.stackName}\``);
    out.push(`- role name: ${roleNameText(role)}`);
    out.push(
      `- managed policies adopted: ${role.policyArns.length === 0 ? 'none' : role.policyArns.map((p) => `\`${p.arn}\``).join(', ')}`,
    );
    const inline = [...(role.inlinePolicy ? [role.inlinePolicy] : []), ...role.extraInlinePolicies];
    out.push(
      `- inline policies adopted: ${inline.length === 0 ? 'none' : inline.map((p) => `\`${p.name}\``).join(', ')}`,
    );
    for (const p of role.extraInlinePolicies) if (p.document) out.push(...addOnPolicyLines(p));
    const d = role.trust.diff;
    const verdict =
      d.differences.length === 0
        ? "identical to eksctl's: no change."
        : `${d.sameMeaning ? "same meaning as eksctl's" : "**different meaning from eksctl's**"}; ${d.inPlaceUpdate ? 'the plan shows an in-place update of `assume_role_policy` (never a replacement)' : 'the AWS provider compares policies by meaning, so the plan shows no change'}.`;
    out.push(`- trust policy: ${verdict}`);
    if (role.eksctlTrustsAnyServiceAccount) {
      out.push(
        `  - eksctl's trust admits every service account of the cluster (it names none for this add-on); this configuration admits only \`${role.namespace}/${role.serviceAccount}\`, the add-on's controller: the update narrows who may assume the role.`,
      );
    }
    if (role.kind === 'pod-identity') {
      out.push(
        '  - `pod_identity_trust = "any-association"` keeps eksctl\'s trust (any association in the account may use the role). After adoption, switching to `"scoped"` admits only this cluster, namespace and service account (an in-place update), unless the association disables session tags.',
      );
    }
    for (const diff of d.differences) out.push(`  - ${diff}`);
    out.push(
      "- tags: eksctl's stack tags (`alpha.eksctl.io/*`, `eksctl.cluster.k8s.io/*`) are on the role through CloudFormation; the configuration sets only the tags of the ClusterConfig, so the plan removes the others in place. Add them to `tags` to keep them.",
      "- force_detach_policies: the modules set it to true (destroy then detaches policies attached outside Terraform instead of failing); eksctl's role has the provider's false, so the plan updates it in place. Set `force_detach_policies = false` to keep it.",
      '',
    );
  }
  if (plan.addons.length > 0) out.push(...addonSection(plan));
  if (plan.serviceAccounts.length > 0) {
    out.push('## Kubernetes ServiceAccounts', '');
    for (const sa of plan.serviceAccounts)
      out.push(`- \`${sa.namespace}/${sa.name}\`: adopted (import ID \`${sa.namespace}/${sa.name}\`).`);
    out.push('');
    if (plan.serviceAccounts.some((sa) => sa.mode === 'create')) {
      out.push(
        "- app.kubernetes.io/managed-by: eksctl labels the ServiceAccounts it creates `eksctl` and deletes only those; the adopted ServiceAccounts are labelled `cdktf-irsa` instead (an in-place update), so that a leftover `eksctl delete iamserviceaccount` leaves them to Terraform. To keep eksctl's label, set it in the ServiceAccount's `labels` (https://github.com/cdktf-irsa/cdktf-irsa/blob/main/docs/kubernetes.md).",
        '',
      );
    }
  }
  out.push('## Steps', '');
  out.push(
    '1. Supply the values above; configure the `aws` provider (and `kubernetes`, for `kubernetes.tf`).',
    '2. `terraform init && terraform plan`: check there is nothing to create, replace or destroy.',
    '3. `terraform apply`: adopts the resources (and applies the in-place updates listed above).',
    `4. Retire the eksctl stacks without deleting what they created: set \`DeletionPolicy: Retain\` on every resource of each stack (\`aws cloudformation update-stack\` with the edited template from \`aws cloudformation get-template\`), then \`aws cloudformation delete-stack\`. Never run \`eksctl delete iamserviceaccount\` or \`eksctl delete podidentityassociation\` for adopted entries: they delete the role.${plan.roles.some((r) => r.addon !== undefined) ? " Likewise `eksctl delete addon` (even with `--preserve`) deletes the add-on's IAM stack: retire that stack first." : ''}`,
    '',
  );
  return `${out.join('\n')}\n`;
}
