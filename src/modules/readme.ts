/**
 * The modules' READMEs, with input and output tables rendered from the same specs as variables.tf and
 * outputs.tf.
 */
import { render } from './hcl';
import { GENERATED_HEADER, KUBERNETES_PROVIDER_VERSION, AWS_PROVIDER_VERSION, OutputSpec, REQUIRED_TERRAFORM_VERSION } from './files';
import { EKS_CLUSTER_OIDC_MODULE, EKS_OIDC_PROVIDER_MODULE } from './oidc-modules';
import { addonsMarkdownTable } from './addons';
import { ROLE_MODULE } from './role-module';
import { SERVICE_ACCOUNT_MODULE } from './service-account-module';
import { oidcModuleDocs } from './oidc-module-docs';
import type { ModuleDoc, VariableSpec } from './files';
import { moduleGitSource } from './package-info';

/** The add-on catalog, as the \`addons\` input takes it. */
export const ADDONS_SECTION = `## Add-ons

\`addons\` grants the permissions of cluster add-ons from the add-on catalog (the constructs' \`wellKnownPolicies\`, rendered from the same data): one attribute per add-on, \`{}\` or its options, e.g. the AWS Load Balancer Controller is \`addons = { aws_load_balancer_controller = {} }\`. Each add-on's statements become their own inline policy \`irsa-permissions-<key>\`; the AWS managed policies AWS publishes are attached unless \`inline = true\`. Unknown add-ons and options are errors naming the closest key (the input is \`any\` because an object type would silently drop a misspelled attribute). A scope left out where upstream allows \`*\` plans with a \`check\` warning. Sources and versions, and which upstream policies are themselves broad: [the add-on catalog](../../docs/addons.md).

${addonsMarkdownTable('module')}`;
/** A module's git source, pinned to the tag of package.json's version. */
export const SOURCE = (module: string): string => moduleGitSource(module);

const DOCS: Record<string, ModuleDoc> = {
  [ROLE_MODULE]: {
    title: 'IAM role for service accounts',
    intro: `An IAM role that Kubernetes service accounts on one or more EKS clusters can assume through IRSA: the \`IrsaRole\` construct for plain Terraform. AWS only: the role, its trust policy, managed-policy attachments and an inline policy.

The trust policy is built exactly as the construct builds it: one statement per OIDC provider (conditions in one statement are ANDed, so two issuers' keys in one statement could never both match), exact subjects matched with \`StringEquals\` and wildcard patterns (only with \`allow_wildcard_subjects\`) with \`StringLike\` in a separate statement, subjects sorted and deduplicated, a single subject written as a string. Statements follow the order of \`oidc_providers\`' keys.

No data sources: the issuer comes from each provider ARN, so plans stay fast with \`for_each\` over hundreds of instances.

${ADDONS_SECTION}`,
    usage: `module "s3_reader" {
  source = "${SOURCE(ROLE_MODULE)}"

  role_name = "s3-reader"
  oidc_providers = {
    main = {
      provider_arn               = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"
      namespace_service_accounts = ["default:s3-reader"]
    }
  }
  policy_arns = {
    s3_read_only = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
  }
}`,
    providers: `| hashicorp/aws | \`${AWS_PROVIDER_VERSION}\` |`,
  },
  [SERVICE_ACCOUNT_MODULE]: {
    title: 'IAM service account',
    intro: `What \`eksctl create iamserviceaccount\` does, for plain Terraform: the \`IamServiceAccount\` construct. An IAM role (from the [role module](../${ROLE_MODULE}), called as a child module) that one Kubernetes ServiceAccount can assume, and the ServiceAccount annotated with \`eks.amazonaws.com/role-arn\` (and \`eks.amazonaws.com/audience\` when the audience is not the default).

- \`--role-only\` (a role for a ServiceAccount that a Helm chart creates): use the [role module](../${ROLE_MODULE}) instead; it needs no Kubernetes provider (a module's providers are installed even when none of its resources is planned). See [examples/role-only-helm](examples/role-only-helm/main.tf).
- \`create_role = false\` with \`attach_role_arn\` (\`--attach-role-arn\`): no role is created; the ServiceAccount is annotated with that one. The boolean decides, so \`attach_role_arn\` may be known only after apply (e.g. \`module.other.role_arn\`).
- \`override_existing_service_account = true\` (\`--override-existing-serviceaccounts\`): the ServiceAccount exists already; its annotations (and labels) are set with \`kubernetes_annotations\` (\`kubernetes_labels\`) and \`force = true\`.`,
    usage: `module "s3_reader" {
  source = "${SOURCE(SERVICE_ACCOUNT_MODULE)}"

  name              = "s3-reader"
  namespace         = "default"
  oidc_provider_arn = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"
  policy_arns = {
    s3_read_only = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
  }
}`,
    providers: `| hashicorp/aws | \`${AWS_PROVIDER_VERSION}\` |\n| hashicorp/kubernetes | \`${KUBERNETES_PROVIDER_VERSION}\` |`,
  },
  ...oidcModuleDocs(SOURCE),
};

/** Text for a Markdown table cell. */
function cell(text: string): string {
  return text
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\s*\n\s*/g, ' ');
}

/** Inline code in a table cell (no HTML escapes: code spans show them literally). */
function code(text: string): string {
  return `\`${text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ').replace(/`/g, "'")}\``;
}

function linkify(text: string): string {
  return text.replace(/(https:\/\/[^\s)]+[^\s).,;])/g, '<$1>');
}

export function moduleReadme(
  module: string,
  variables: VariableSpec[],
  outputs: OutputSpec[],
  moduleDoc?: ModuleDoc,
  exampleNames: readonly string[] = ['basic', 'multi-cluster', 'role-only-helm', 'for-each'],
): string {
  const doc = moduleDoc ?? DOCS[module];
  // Grouped by section, in the order of variables.tf.
  const sections = [...new Set(variables.map((v) => v.section))];
  const inputs = sections
    .flatMap((section) => variables.filter((v) => v.section === section))
    .map(
      (v) =>
        `| \`${v.name}\` | ${linkify(cell(v.description))} | ${code(v.type)} | ${v.default === undefined ? 'required' : code(render(v.default))} |`,
    )
    .join('\n');
  const outputRows = outputs.map((o) => `| \`${o.name}\` | ${cell(o.description)} |`).join('\n');
  const examples = (doc.examples ?? exampleNames)
    .map((e) => `- [${e}](examples/${e}/main.tf)`)
    .join('\n');
  return `<!-- ${GENERATED_HEADER} -->

# ${doc.title}

${doc.intro}

## Usage

\`\`\`hcl
${doc.usage}
\`\`\`

Invalid inputs fail at plan time with the constructs' messages, e.g. \`${doc.invalidExample ?? 'role_name "a b" is invalid: it must be 1 to 64 letters, digits or any of + = , . @ _ -.'}\`

Any input may be a value known only after apply (e.g. a policy document that refers to a bucket created in the same run, or another module's output), except the booleans that decide what is created, the keys of maps, and whether an optional map is null (a map literal never is): no \`count\` or \`for_each\` depends on anything else. The checks that read such a value run when it becomes known, during apply; [docs/modules.md](../../docs/modules.md#values-known-only-after-apply) lists them.

## Requirements

| Name | Version |
| --- | --- |
| terraform | \`${REQUIRED_TERRAFORM_VERSION}\` |
${doc.providers}

Terraform 1.9 or later is required: the \`validation\` blocks refer to other variables (e.g. \`create\`), which older versions reject when they load the module.

The module has no \`provider\` or \`backend\` blocks: configure providers in the calling configuration (pass them with \`providers = { ... }\`), and call it with \`count\`, \`for_each\` or \`depends_on\` as needed.

## Inputs

| Name | Description | Type | Default |
| --- | --- | --- | --- |
${inputs}

## Outputs

| Name | Description |
| --- | --- |
${outputRows}

## Examples

${examples}
`;
}

export function modulesReadme(): string {
  return `<!-- ${GENERATED_HEADER} -->

# Terraform modules

The constructs' behaviour for plain Terraform, generated from the same model (trust-policy rules, validation rules and messages) by \`npm run build:modules\`. Do not edit these files by hand: change src/modules and regenerate.

| Module | What it creates |
| --- | --- |
| [${ROLE_MODULE}](${ROLE_MODULE}) | An IAM role for service accounts (\`IrsaRole\`): AWS only. |
| [${SERVICE_ACCOUNT_MODULE}](${SERVICE_ACCOUNT_MODULE}) | The role and the annotated Kubernetes ServiceAccount (\`IamServiceAccount\`, \`eksctl create iamserviceaccount\`). |
| [${EKS_OIDC_PROVIDER_MODULE}](${EKS_OIDC_PROVIDER_MODULE}) | A cluster's IAM OIDC provider (\`EksOidcProvider\`, \`eksctl utils associate-iam-oidc-provider\`). |
| [${EKS_CLUSTER_OIDC_MODULE}](${EKS_CLUSTER_OIDC_MODULE}) | Nothing: looks a cluster up by name and outputs its OIDC provider ARN (\`OidcProvider.fromClusterName\`). |
| [eks-pod-identity](eks-pod-identity) | An IAM role for EKS Pod Identity, trust scoped to its associations, and the associations (\`IrsaRole\` with \`podIdentity\`, \`eksctl create podidentityassociation\`): AWS only. |

A role without a ServiceAccount (eksctl \`--role-only\`, for a ServiceAccount a Helm chart creates) comes from ${ROLE_MODULE}, which needs only the AWS provider.

How to consume them from Terraform and from CDKTF: [docs/modules.md](../docs/modules.md).
`;
}
