/**
 * modules/eks-pod-identity: an IAM role for EKS Pod Identity (the trust scoped by session tags exactly as
 * buildPodIdentityStatements scopes it) plus a map of `aws_eks_pod_identity_association`s, for plain
 * Terraform. AWS only, no data sources, for_each-able.
 *
 * Rules it follows (as the other generated modules): no `count`/`for_each` depends on a value that may be
 * unknown at plan time (the associations and attachments are keyed by the caller's static map keys, the
 * add-on policies by add-on names);
 * `create = false` plans nothing, every output is null and the input validations still pass with the
 * defaults; `force_detach_policies` defaults to true.
 */
import {
  POD_IDENTITY_ACTIONS,
  POD_IDENTITY_PRINCIPAL,
  POD_IDENTITY_TAG_KEYS,
  type PodIdentityTrustCondition,
  type TrustStatementInput,
  buildRoleTrustPolicy,
} from '../policy/pod-identity';
import { TAM_POD_IDENTITY_EXAMPLE_ABOUT, tamPodIdentityExampleBody } from './tam-examples';
import { POD_IDENTITY_AGENT_ADDON } from '../kubernetes/metadata';
import { PARTITIONS, QUOTAS, RULES } from '../validation/rules';
import { addonsHcl } from './addons';
import { ROLE_POLICY_ADDON_OPTIONS, roleResourcesHcl } from './role-module';
import { ROLE_PATH_OUTPUT, ROLE_POLICY_OUTPUTS } from './role-policy';
import { AWS_PROVIDER, OutputSpec, ProviderRequirement, header, outputsTf, variablesTf, versionsTf } from './files';
import { HclLiteral, banner, quote, render } from './hcl';
import { ADDONS_SECTION, SOURCE, moduleReadme } from './readme';
import type { ModuleDoc, VariableSpec } from './files';
import { DEFAULT_INLINE_POLICY_NAME, roleVariables } from './variables';
import { Validation, everyElement, invalidMessage, satisfies } from './validation';
import { OBJECT_INPUT_TYPE, type ObjectAttribute, type ObjectInput, objectInputValidations } from './object-input';
import { TRUST_EXTRAS_LOCALS, associationEntriesHcl, defaultsVariable, trustExtraVariables } from './pod-identity-extras';

export const POD_IDENTITY_MODULE = 'eks-pod-identity';

/**
 * `target_role_arn` and `disable_session_tags` exist from AWS provider 6.0 on; the published module uses them
 * and so needs provider 6. `providerV6Arguments: false` renders the module without them, for planning against
 * a 5.x provider (the offline test mirror has 5.100).
 */
export interface PodIdentityModuleOptions {
  readonly providerV6Arguments: boolean;
}

const PUBLISHED: PodIdentityModuleOptions = { providerV6Arguments: true };
export const AWS_PROVIDER_6: ProviderRequirement = { ...AWS_PROVIDER, version: '>= 6.0, < 7.0' };

const SECTION_ASSOCIATIONS = 'Which service accounts get the role (EKS Pod Identity associations)';
const SECTION_ROLE = 'The role';
/** The role inputs' permissions section (variables.ts), where addons and partition go. */
const SECTION_PERMISSIONS = 'What the role may do';

/** HCL for a list that is written as a plain string when it has one element (as the builder writes it). */
const oneOrMany = (list: string) =>
  `jsondecode(length(${list}) == 1 ? jsonencode(${list}[0]) : jsonencode(${list}))`;

export function podIdentityMainTf(options: PodIdentityModuleOptions = PUBLISHED): string {
  const actions = render([...POD_IDENTITY_ACTIONS]);
  const v6 = options.providerV6Arguments
    ? `
  target_role_arn      = local.associations[each.key].target_role_arn
  disable_session_tags = local.associations[each.key].disable_session_tags`
    : '';
  return `${header(
    `The trust policy is built here exactly as buildPodIdentityStatements (src/policy/pod-identity.ts) builds it.
EKS Pod Identity assumes the role as the service principal ${POD_IDENTITY_PRINCIPAL} with sts:AssumeRole and
sts:TagSession, and sends the session tags eks-cluster-name, kubernetes-namespace and kubernetes-service-account
(https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html). IAM ANDs the keys of one statement and ORs
the values of one key, so each statement has one namespace, and the clusters and names whose product is exactly
wanted: the role admits exactly the associations' (cluster, namespace, service account) triples.`,
  )}

${banner('Trust policy')}

locals {
  # The associations, each with every attribute (association_defaults under the entry's own, null when
  # neither gives it) and tags merged (association_tags, association_defaults.tags, the entry's); see the
  # variables' validations.
  associations = ${associationEntriesHcl(associationsInput(options))}

${TRUST_EXTRAS_LOCALS}

  # (cluster, namespace) -> the service-account names associated there, sorted and deduplicated.
  names_by_cluster_namespace = {
    for pair, names in {
      for association in values(local.associations) : jsonencode([association.cluster_name, association.namespace]) => association.service_account...
    } : pair => sort(distinct(names))
  }

  # (namespace, names) -> the clusters with exactly those names in that namespace: one statement each.
  trust_groups = {
    for key, clusters in {
      for pair, names in local.names_by_cluster_namespace : jsonencode([jsondecode(pair)[1], names]) => jsondecode(pair)[0]...
    } : key => {
      namespace = jsondecode(key)[0]
      names     = jsondecode(key)[1]
      clusters  = sort(distinct(clusters))
    }
  }

  # Keyed so that sorting the keys orders statements by namespace, then clusters, then names.
  scoped_statements = {
    for group in local.trust_groups : "\${group.namespace}\\t\${join("\\n", group.clusters)}\\t\${join("\\n", group.names)}" => {
      Effect    = "Allow"
      Principal = { Service = ${quote(POD_IDENTITY_PRINCIPAL)} }
      Action    = ${actions}
      # trust_policy_conditions in their own (operator, key) slots: ANDed with the scoping, so they only narrow.
      Condition = merge(local.extra_conditions, {
        StringEquals = merge(try(local.extra_conditions.StringEquals, {}), {
          ${quote(POD_IDENTITY_TAG_KEYS.clusterName)}          = ${oneOrMany('group.clusters')}
          ${quote(POD_IDENTITY_TAG_KEYS.namespace)}      = group.namespace
          ${quote(POD_IDENTITY_TAG_KEYS.serviceAccount)} = ${oneOrMany('group.names')}
        })
      })
    }
  }

  # "any-association": one statement without conditions (any association in the account may use the role).
  # The two sides of a conditional must have one type, so it chooses between JSON texts and decodes the result.
  trust_statements = jsondecode(var.pod_identity_trust == "scoped" ? jsonencode([for key in sort(keys(local.scoped_statements)) : local.scoped_statements[key]]) : jsonencode([merge({
    Effect    = "Allow"
    Principal = { Service = ${quote(POD_IDENTITY_PRINCIPAL)} }
    Action    = ${actions}
  }, jsondecode(length(var.trust_policy_conditions) == 0 ? "{}" : jsonencode({ Condition = local.extra_conditions })))]))

  trust_policy = {
    Version   = "2012-10-17"
    Statement = concat(local.trust_statements, local.extra_statements)
  }

  # IAM counts every character except white space against the quota.
  trust_policy_length = length(replace(jsonencode(local.trust_policy), "/\\\\s/", ""))
}

${roleResourcesHcl('trust fewer service accounts or clusters per role')}
${banner('Add-on permissions (the add-on catalog, src/policy/addons)')}

${addonsMainTf()}

${banner('The associations')}

resource "aws_eks_pod_identity_association" "this" {
  # The caller's keys identify associations: known at plan time even when a cluster name is not.
  for_each = var.create ? { for key in keys(var.associations) : key => key } : {}

  cluster_name    = local.associations[each.key].cluster_name
  namespace       = local.associations[each.key].namespace
  service_account = local.associations[each.key].service_account
  role_arn        = aws_iam_role.this[0].arn${v6}
  # association_tags, then association_defaults.tags, then the entry's own tags.
  tags = length(local.associations[each.key].tags) == 0 ? null : local.associations[each.key].tags
}

${banner('The EKS Pod Identity Agent (pod_identity_agent_addons)')}

resource "aws_eks_addon" "pod_identity_agent" {
  # The caller's keys identify the add-ons: known at plan time even when a cluster name is not.
  for_each = var.create ? var.pod_identity_agent_addons : {}

  cluster_name  = each.value.cluster_name
  addon_name    = ${quote(POD_IDENTITY_AGENT_ADDON)}
  addon_version = each.value.addon_version
}

# Like the constructs' warning: "any-association" lets every association in the account use the role.
check "pod_identity_trust_scoped" {
  assert {
    condition     = var.pod_identity_trust == "scoped"
    error_message = "pod_identity_trust \\"any-association\\" lets every EKS Pod Identity association in this account use the role, for any cluster, namespace and service account: keep the default \\"scoped\\" unless the associations are controlled elsewhere (https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html)."
  }
}

# Like the constructs' warning: more than the default quota of managed policies fails at apply unless AWS
# raised "Managed policies per role" for the account.
check "attached_policies_within_default_quota" {
  assert {
    condition     = !var.create || length(var.policy_arns) + length(local.addon_managed_policy_arns) <= ${QUOTAS.attachedPoliciesDefault}
    error_message = "policy_arns has \${length(var.policy_arns) + length(local.addon_managed_policy_arns)} policies (with the AWS managed policies of addons), over the default quota of ${QUOTAS.attachedPoliciesDefault} managed policies per role: apply fails unless AWS raised \\"Managed policies per role\\" for this account (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html)."
  }
}
`;
}

/**
 * The add-on catalog's locals and resources for this module (rendered from the catalog's data, as in the
 * role module). The partition is the `partition` input: there is no OIDC provider ARN to take it from, and
 * no data source (aws_partition) is read, so plans stay fast with for_each.
 */
function addonsMainTf(): string {
  return addonsHcl({
    section: SECTION_PERMISSIONS,
    partition: 'var.partition',
    role: 'aws_iam_role.this[0].name',
    create: 'var.create',
    namePrefix: quote(DEFAULT_INLINE_POLICY_NAME),
    ...ROLE_POLICY_ADDON_OPTIONS,
  }).main.trim();
}

/** The `associations` input's attributes (target_role_arn and disable_session_tags with provider 6). */
export function associationsInput(options: PodIdentityModuleOptions = PUBLISHED): ObjectInput {
  const required: ObjectAttribute[] = ['cluster_name', 'namespace', 'service_account'].map((name) => ({
    name,
    kind: 'string',
  }));
  const v6: ObjectAttribute[] = options.providerV6Arguments
    ? [
        { name: 'target_role_arn', kind: 'string' },
        { name: 'disable_session_tags', kind: 'bool' },
      ]
    : [];
  return {
    variable: 'associations',
    attributes: [...required, ...v6, { name: 'tags', kind: 'map' }],
    elsewhere: { role_arn: 'the role is the one this module creates; target_role_arn chains to another' },
  };
}

/** An association field must satisfy `rule`; null (not given) is an error when the field is required. */
function associationRule(
  field: string,
  rule: (typeof RULES)[keyof typeof RULES],
  presence: 'required' | 'optional',
): Validation {
  const value = `a.${field}`;
  return everyElement({
    loop: 'key, a in var.associations',
    // A value that is not a string gets the type check's message only.
    condition: `${value} == null ? ${presence === 'optional'} : !can(tostring(${value})) ? true : ${satisfies(value, rule)}`,
    subject: `associations[\${jsonencode(key)}].${field} \${jsonencode(${value})}`,
    fallback: `associations ${field}`,
    allowed: rule.allowed,
  });
}

/** Inputs of modules/eks-pod-identity. */
export function podIdentityModuleVariables(options: PodIdentityModuleOptions = PUBLISHED): VariableSpec[] {
  const input = associationsInput(options);
  // The rules read the entries with every attribute filled in (null when not given).
  const onEntries = (v: Validation): Validation => ({
    condition: v.condition.replace(/var\.associations\b/g, `(${associationEntriesHcl(input)})`),
    errorMessage: v.errorMessage.replace(/var\.associations\b/g, `(${associationEntriesHcl(input)})`),
  });
  const v6Validations: Validation[] = options.providerV6Arguments
    ? [
        associationRule('target_role_arn', RULES.roleArn, 'optional'),
        {
          condition: 'var.pod_identity_trust != "scoped" ? true : alltrue([for a in values(var.associations) : a.disable_session_tags != true])',
          errorMessage: `"\${try([for key, a in var.associations : "associations[\${jsonencode(key)}].disable_session_tags" if a.disable_session_tags == true][0], "associations disable_session_tags")} cannot be combined with the scoped Pod Identity trust (pod_identity_trust \\"scoped\\", the default): the trust conditions on the session tags eks-cluster-name, kubernetes-namespace and kubernetes-service-account, which disabling removes, so no pod could use the role. Set pod_identity_trust = \\"any-association\\" to trust every association in the account instead."`,
        },
      ]
    : [];
  const associations: VariableSpec = {
    name: 'associations',
    section: SECTION_ASSOCIATIONS,
    description: `EKS Pod Identity associations to create, by a name you choose (the keys must be known at plan time: they are the for_each keys): cluster, namespace and service account${options.providerV6Arguments ? ', and optionally a target role to chain to (target_role_arn, which the role must be allowed to assume: grant it with inline_policies) and disable_session_tags (only with pod_identity_trust = "any-association")' : ''}. The role trusts exactly these. Other attributes are errors (tags for every association: association_tags). https://docs.aws.amazon.com/eks/latest/userguide/pod-id-association.html`,
    type: OBJECT_INPUT_TYPE,
    default: {},
    validations: [
      ...objectInputValidations(input),
      {
        condition: '!var.create || length(var.associations) > 0',
        errorMessage: invalidMessage(
          'associations ${jsonencode(var.associations)}',
          'a non-empty map of { cluster_name, namespace, service_account } entries (the role trusts exactly these)',
        ),
      },
      associationRule('cluster_name', RULES.eksClusterName, 'required'),
      associationRule('namespace', RULES.namespace, 'required'),
      associationRule('service_account', RULES.serviceAccountName, 'required'),
      {
        condition:
          'length(distinct([for a in values(var.associations) : [a.cluster_name, a.namespace, a.service_account]])) == length(var.associations)',
        errorMessage: invalidMessage(
          'associations ${try(jsonencode([for key, a in var.associations : "${a.cluster_name}/${a.namespace}:${a.service_account}" if length([for other in values(var.associations) : other if [other.cluster_name, other.namespace, other.service_account] == [a.cluster_name, a.namespace, a.service_account]]) > 1][0]), "")}',
          'one association per cluster, namespace and service account (this one is listed twice)',
        ),
      },
      ...v6Validations,
      // The merged tags (association_tags, association_defaults.tags, the entry's own) of each association.
      everyElement({
        loop: `t in flatten([for key, a in var.associations : [for k, value in a.tags : { label = "associations[\${jsonencode(key)}].tags", k = k, value = value }]])`,
        condition: `${satisfies('t.k', RULES.tagKey)} && !startswith(lower(t.k), "aws:") && ${satisfies('t.value', RULES.tagValue)}`,
        subject: '${t.label} ${jsonencode({ (t.k) = t.value })}',
        fallback: 'associations tags',
        allowed: `tags whose keys are ${RULES.tagKey.allowed} and whose values are ${RULES.tagValue.allowed}`,
      }),
      {
        condition: `alltrue([for a in values(var.associations) : length(a.tags) <= ${QUOTAS.tagsMax}])`,
        errorMessage: invalidMessage(
          '${try([for key, a in var.associations : "associations[${jsonencode(key)}].tags ${jsonencode("${length(a.tags)} tags")}" if length(a.tags) > ' + QUOTAS.tagsMax + '][0], "associations tags")}',
          `at most ${QUOTAS.tagsMax} tags per EKS Pod Identity association, with association_tags and association_defaults.tags`,
        ),
      },
    ].map((v, index) => (index < 3 ? v : onEntries(v))),
  };
  const trust: VariableSpec = {
    name: 'pod_identity_trust',
    section: SECTION_ASSOCIATIONS,
    description:
      'How the trust is scoped: "scoped" admits only the associations\' (cluster, namespace, service account) through the session tags EKS sets; "any-association" admits every association in the account (and warns). https://docs.aws.amazon.com/eks/latest/userguide/pod-id-abac.html#pod-id-abac-tags',
    type: 'string',
    default: 'scoped',
    validations: [
      {
        condition: 'contains(["scoped", "any-association"], var.pod_identity_trust)',
        errorMessage: invalidMessage('pod_identity_trust ${jsonencode(var.pod_identity_trust)}', '"scoped" or "any-association"'),
      },
    ],
  };
  const associationTags: VariableSpec = {
    name: 'association_tags',
    section: SECTION_ASSOCIATIONS,
    description:
      'Tags on every association. https://docs.aws.amazon.com/eks/latest/APIReference/API_CreatePodIdentityAssociation.html',
    type: 'map(string)',
    default: {},
    validations: [
      {
        condition: `length(var.association_tags) <= ${QUOTAS.tagsMax}`,
        errorMessage: invalidMessage(
          'association_tags ${jsonencode("${length(var.association_tags)} tags")}',
          `at most ${QUOTAS.tagsMax} tags per EKS Pod Identity association`,
        ),
      },
      everyElement({
        loop: 'key, value in var.association_tags',
        condition: `${satisfies('key', RULES.tagKey)} && !startswith(lower(key), "aws:")`,
        subject: 'association_tags key ${jsonencode(key)}',
        fallback: 'association_tags key',
        allowed: RULES.tagKey.allowed,
      }),
      everyElement({
        loop: 'key, value in var.association_tags',
        condition: satisfies('value', RULES.tagValue),
        subject: 'association_tags[${jsonencode(key)}] ${jsonencode(value)}',
        fallback: 'association_tags value',
        allowed: RULES.tagValue.allowed,
      }),
    ],
  };
  const agentAddons: VariableSpec = {
    name: 'pod_identity_agent_addons',
    section: SECTION_ASSOCIATIONS,
    description: `The ${POD_IDENTITY_AGENT_ADDON} add-ons (aws_eks_addon) to create, which Pod Identity needs on the cluster's nodes, by a name you choose (the keys must be known at plan time; a cluster name may be known only after apply): the cluster and optionally the add-on version. At most one per cluster, in one module instance per cluster; empty (the default) when the agent is installed another way. https://docs.aws.amazon.com/eks/latest/userguide/pod-id-agent-setup.html`,
    type: 'map(object({ cluster_name = string, addon_version = optional(string) }))',
    default: {},
    validations: [
      {
        condition:
          'alltrue([for key, addon in var.pod_identity_agent_addons : addon.cluster_name != null && addon.cluster_name != ""])',
        errorMessage: invalidMessage(
          '${try([for key, addon in var.pod_identity_agent_addons : "pod_identity_agent_addons[${jsonencode(key)}].cluster_name ${jsonencode(addon.cluster_name)}" if !(addon.cluster_name != null && addon.cluster_name != "")][0], "pod_identity_agent_addons cluster_name")}',
          'the name of the EKS cluster to install the agent on',
        ),
      },
      {
        condition:
          'length(distinct([for addon in values(var.pod_identity_agent_addons) : addon.cluster_name])) == length(var.pod_identity_agent_addons)',
        errorMessage: invalidMessage(
          'pod_identity_agent_addons ${jsonencode([for addon in values(var.pod_identity_agent_addons) : addon.cluster_name])}',
          'at most one add-on per cluster (a cluster runs one Pod Identity Agent)',
        ),
      },
    ],
  };
  const create: VariableSpec = {
    name: 'create',
    section: SECTION_ROLE,
    description:
      'Whether to create anything; false plans nothing and every output is null (for modules called with a condition). https://developer.hashicorp.com/terraform/language/meta-arguments/count',
    type: 'bool',
    default: true,
    validations: [],
  };
  const partition: VariableSpec = {
    name: 'partition',
    section: SECTION_PERMISSIONS,
    description:
      'The AWS partition of the addons\' ARNs (AWS managed policies, resources, service domains), e.g. "aws-cn" in China or "aws-us-gov" in GovCloud (the constructs\' partition). An input because this module reads no data sources (not even aws_partition) and has no OIDC provider ARN to take it from, so plans stay fast with for_each. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html',
    type: 'string',
    default: 'aws',
    validations: [
      {
        condition: `contains(${JSON.stringify(PARTITIONS)}, var.partition)`,
        errorMessage: invalidMessage(
          'partition ${jsonencode(var.partition)}',
          `one of ${PARTITIONS.map((p) => `"${p}"`).join(', ')}`,
        ),
      },
    ],
  };
  // force_detach_policies (default true), the inline policies and the add-on catalog (addons) come with
  // the role inputs.
  // With create = false the module is off: no input is checked (as in the role module).
  return [
    associations,
    defaultsVariable(input),
    trust,
    ...trustExtraVariables(),
    associationTags,
    agentAddons,
    create,
    ...roleVariables(),
    partition,
  ].map((spec) => ({
    ...spec,
    validations: spec.validations.map((v) => ({ ...v, condition: `!var.create ? true : (${v.condition})` })),
  }));
}

export const POD_IDENTITY_OUTPUTS: OutputSpec[] = [
  { name: 'role_arn', description: "The role's ARN (null when create is false).", value: 'one(aws_iam_role.this[*].arn)' },
  { name: 'role_name', description: "The role's name.", value: 'one(aws_iam_role.this[*].name)' },
  {
    name: 'role_unique_id',
    description: "The role's stable unique ID (AROA...).",
    value: 'one(aws_iam_role.this[*].unique_id)',
  },
  ROLE_PATH_OUTPUT,
  {
    name: 'trust_policy_json',
    description: 'The trust policy as JSON text (null when create is false).',
    value: 'var.create ? jsonencode(local.trust_policy) : null',
  },
  ...ROLE_POLICY_OUTPUTS,
  {
    name: 'associations',
    description:
      "The associations by the caller's keys, each the full aws_eks_pod_identity_association object (association_arn, association_id, cluster_name, namespace, service_account, role_arn, tags, ...; null when create is false).",
    value: 'var.create ? aws_eks_pod_identity_association.this : null',
  },
];

const CLUSTER_1 = 'blue';
const CLUSTER_2 = 'green';

function example(about: string, body: string, options: PodIdentityModuleOptions): string {
  const versions = `terraform {
  required_version = ">= 1.9.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ${quote(options.providerV6Arguments ? AWS_PROVIDER_6.version : AWS_PROVIDER.version)}
    }
  }
}

provider "aws" {
  region = var.region
}

variable "region" {
  description = "The AWS region."
  type        = string
  default     = "us-east-1"
}`;
  return `${header(about)}\n\n${versions}\n\n${body}\n`;
}

export function podIdentityExamples(options: PodIdentityModuleOptions = PUBLISHED): Record<string, string> {
  const files: Record<string, string> = {
    'examples/terraform-aws-modules/main.tf': example(TAM_POD_IDENTITY_EXAMPLE_ABOUT, tamPodIdentityExampleBody(), options),
    'examples/basic/main.tf': example(
      'One service account on one cluster reads one bucket through EKS Pod Identity.',
      `module "s3_reader" {
  source = "../.."

  role_name = "s3-reader"
  associations = {
    main = { cluster_name = "${CLUSTER_1}", namespace = "apps", service_account = "s3-reader" }
  }
  inline_policies = {
    s3-read = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Effect   = "Allow"
        Action   = ["s3:GetObject"]
        Resource = "arn:aws:s3:::example-bucket/*"
      }]
    })
  }
}

output "role_arn" {
  value = module.s3_reader.role_arn
}`,
      options,
    ),
    'examples/multi-cluster/main.tf': example(
      'One role for the same service account on two clusters (one scoped statement), and another service account on the first.',
      `module "api" {
  source = "../.."

  role_name_prefix = "api-"
  associations = {
    blue_api    = { cluster_name = "${CLUSTER_1}", namespace = "apps", service_account = "api" }
    green_api   = { cluster_name = "${CLUSTER_2}", namespace = "apps", service_account = "api" }
    blue_worker = { cluster_name = "${CLUSTER_1}", namespace = "jobs", service_account = "worker" }
  }
  policy_arns = {
    sqs = "arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess"
  }
}

output "trust_policy_json" {
  value = module.api.trust_policy_json
}`,
      options,
    ),
    'examples/for-each/main.tf': example(
      'One role per workload with for_each; the map keys are static, so nothing depends on values unknown at plan time.',
      `variable "workloads" {
  description = "Workloads by name: their cluster, namespace and managed policies."
  type = map(object({
    cluster_name = string
    namespace    = string
    policy_arns  = optional(map(string), {})
  }))
  default = {
    reporter = { cluster_name = "${CLUSTER_1}", namespace = "apps", policy_arns = { s3 = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" } }
    exporter = { cluster_name = "${CLUSTER_2}", namespace = "monitoring", policy_arns = { cw = "arn:aws:iam::aws:policy/CloudWatchReadOnlyAccess" } }
  }
}

module "workload" {
  source   = "../.."
  for_each = var.workloads

  role_name    = "pod-\${each.key}"
  associations = { main = { cluster_name = each.value.cluster_name, namespace = each.value.namespace, service_account = each.key } }
  policy_arns  = each.value.policy_arns
}`,
      options,
    ),
    'examples/complete/main.tf': example(
      "terraform-aws-modules' complete example in this module's terms: the trust narrowed to one AWS Organization (trust_policy_conditions, ANDed with the scoping), the namespace and tags shared through association_defaults, per-association tags, and one extra trust statement for a CI role.",
      `variable "organization_id" {
  description = "The AWS Organization whose principals may use the role (aws:PrincipalOrgID)."
  type        = string
  default     = "o-a1b2c3d4e5"
}

module "complete" {
  source = "../.."

  role_name = "complete"

  trust_policy_conditions = [
    { test = "StringEquals", variable = "aws:PrincipalOrgID", values = [var.organization_id] },
  ]
  trust_policy_statements = [
    {
      sid        = "CiCanTestTheRole"
      actions    = ["sts:AssumeRole"]
      principals = [{ type = "AWS", identifiers = ["arn:aws:iam::111122223333:role/ci"] }]
      condition  = [{ test = "StringEquals", variable = "aws:PrincipalOrgID", values = [var.organization_id] }]
    },
  ]

  association_tags = { managed-by = "terraform" }
  association_defaults = {
    namespace = "apps"
    tags      = { team = "platform" }
  }
  associations = {
    blue  = { cluster_name = "${CLUSTER_1}", service_account = "api" }
    green = { cluster_name = "${CLUSTER_2}", service_account = "api", tags = { team = "payments" } }
  }

  policy_arns = {
    s3_read_only = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
  }
}

output "associations" {
  value = module.complete.associations
}

output "role_arn" {
  value = module.complete.role_arn
}`,
      options,
    ),
  };
  if (options.providerV6Arguments) {
    files['examples/cross-account/main.tf'] = example(
      'Role chaining to a role in another account (target_role_arn, AWS provider 6): the Pod Identity role may assume the target role, and pods get the target role\'s credentials.',
      `variable "target_role_arn" {
  description = "The role in the other account; its trust policy must admit this module's role with sts:AssumeRole and sts:TagSession."
  type        = string
  default     = "arn:aws:iam::444455556666:role/shared-bucket-reader"
}

module "cross_account" {
  source = "../.."

  role_name = "cross-account-reader"
  associations = {
    main = { cluster_name = "${CLUSTER_1}", namespace = "apps", service_account = "reader", target_role_arn = var.target_role_arn }
  }
  inline_policies = {
    target-role = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Effect   = "Allow"
        Action   = ["sts:AssumeRole", "sts:TagSession"]
        Resource = var.target_role_arn
      }]
    })
  }
}`,
      options,
    );
  }
  return files;
}

const DOC: ModuleDoc = {
  title: 'EKS Pod Identity role and associations',
  intro: `An IAM role for [EKS Pod Identity](https://docs.aws.amazon.com/eks/latest/userguide/pod-identities.html) and its \`aws_eks_pod_identity_association\`s: the \`IrsaRole\` construct with \`podIdentity\` trust for plain Terraform, like \`eksctl create podidentityassociation\`. AWS only, no data sources.

The trust is **scoped by default**: the role trusts \`${POD_IDENTITY_PRINCIPAL}\` (\`sts:AssumeRole\`, \`sts:TagSession\`) only with \`StringEquals\` on the session tags EKS sets (\`eks-cluster-name\`, \`kubernetes-namespace\`, \`kubernetes-service-account\`), so only the listed associations can use it, not every association in the account. One statement per namespace and name set, so the role admits exactly the associations' (cluster, namespace, service account) triples. \`pod_identity_trust = "any-association"\` opts out (and warns); \`disable_session_tags\` needs it, because a scoped trust conditions on the tags that option removes.

Requires AWS provider 6 (\`target_role_arn\` and \`disable_session_tags\` are arguments of provider 6).

${ADDONS_SECTION}

The add-ons' ARNs use the \`partition\` input (default \`aws\`; e.g. \`aws-cn\`, \`aws-us-gov\`): with no OIDC provider ARN and no data sources there is nothing to derive it from.`,
  usage: `module "s3_reader" {
  source = "${SOURCE(POD_IDENTITY_MODULE)}"

  role_name = "s3-reader"
  associations = {
    main = { cluster_name = "my-cluster", namespace = "apps", service_account = "s3-reader" }
  }
  policy_arns = {
    s3_read_only = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
  }
}`,
  providers: `| hashicorp/aws | \`${AWS_PROVIDER_6.version}\` |`,
};

export function podIdentityModuleFiles(options: PodIdentityModuleOptions = PUBLISHED): Record<string, string> {
  const examples = podIdentityExamples(options);
  return {
    'versions.tf': versionsTf([options.providerV6Arguments ? AWS_PROVIDER_6 : AWS_PROVIDER]),
    'variables.tf': variablesTf(podIdentityModuleVariables(options)),
    'main.tf': podIdentityMainTf(options),
    'outputs.tf': outputsTf(POD_IDENTITY_OUTPUTS),
    ...examples,
    ...podIdentityModuleTests(options),
    'README.md': moduleReadme(
      POD_IDENTITY_MODULE,
      podIdentityModuleVariables(options),
      POD_IDENTITY_OUTPUTS,
      DOC,
      Object.keys(examples).map((f) => f.split('/')[1]),
    ),
  };
}


// ---------------------------------------------------------------------------------------------------------
// terraform test files

type Associations = Record<string, { cluster_name: string; namespace: string; service_account: string }>;

export interface PodIdentityTrustCase {
  readonly name: string;
  readonly associations: Associations;
  readonly podIdentityTrust?: 'scoped' | 'any-association';
  /** trust_policy_conditions. */
  readonly conditions?: readonly PodIdentityTrustCondition[];
  /** trust_policy_statements. */
  readonly statements?: readonly TrustStatementInput[];
}

const ORG_CONDITION: PodIdentityTrustCondition = {
  test: 'StringEquals',
  variable: 'aws:PrincipalOrgID',
  values: ['o-a1b2c3d4e5'],
};

/** Input sets whose trust policies the terraform tests check against buildPodIdentityStatements. */
export const POD_IDENTITY_TRUST_CASES: readonly PodIdentityTrustCase[] = [
  {
    name: 'one_association',
    associations: { main: { cluster_name: 'blue', namespace: 'apps', service_account: 'api' } },
  },
  {
    name: 'same_service_account_on_two_clusters_is_one_statement',
    associations: {
      z_green: { cluster_name: 'green', namespace: 'apps', service_account: 'api' },
      a_blue: { cluster_name: 'blue', namespace: 'apps', service_account: 'api' },
      worker: { cluster_name: 'blue', namespace: 'jobs', service_account: 'worker' },
    },
  },
  {
    name: 'namespaces_never_share_a_statement_and_names_are_sorted',
    associations: {
      a: { cluster_name: 'blue', namespace: 'apps', service_account: 'web' },
      b: { cluster_name: 'blue', namespace: 'apps', service_account: 'api' },
      c: { cluster_name: 'blue', namespace: 'jobs', service_account: 'api' },
      d: { cluster_name: 'green', namespace: 'apps', service_account: 'api' },
    },
  },
  {
    name: 'any_association_has_no_conditions',
    podIdentityTrust: 'any-association',
    associations: { main: { cluster_name: 'blue', namespace: 'apps', service_account: 'api' } },
  },
  {
    name: 'trust_policy_conditions_join_every_scoped_statement',
    associations: {
      a: { cluster_name: 'blue', namespace: 'apps', service_account: 'api' },
      b: { cluster_name: 'blue', namespace: 'jobs', service_account: 'worker' },
    },
    conditions: [ORG_CONDITION, { test: 'StringLike', variable: 'aws:RequestTag/kubernetes-pod-name', values: ['api-*', 'worker-*'] }],
  },
  {
    name: 'trust_policy_conditions_with_any_association',
    podIdentityTrust: 'any-association',
    associations: { main: { cluster_name: 'blue', namespace: 'apps', service_account: 'api' } },
    conditions: [ORG_CONDITION],
  },
  {
    name: 'trust_policy_statements_follow_the_pod_identity_ones',
    associations: { main: { cluster_name: 'blue', namespace: 'apps', service_account: 'api' } },
    statements: [
      {
        sid: 'CiRole',
        actions: ['sts:AssumeRole', 'sts:TagSession'],
        principals: [
          { type: 'AWS', identifiers: ['arn:aws:iam::111122223333:role/ci'] },
          { type: 'AWS', identifiers: ['arn:aws:iam::111122223333:role/ci', 'arn:aws:iam::111122223333:role/ops'] },
        ],
        condition: [
          { test: 'StringEquals', variable: 'aws:PrincipalOrgID', values: ['o-a1b2c3d4e5'] },
          { test: 'StringEquals', variable: 'aws:PrincipalOrgID', values: ['o-f6g7h8i9j0'] },
        ],
      },
      { effect: 'Deny', not_actions: ['sts:TagSession'], not_principals: [{ type: 'Service', identifiers: ['pods.eks.amazonaws.com'] }] },
    ],
  },
];

/** What buildPodIdentityStatements (and buildTrustStatement) build for a case's inputs. */
export function expectedPodIdentityTrustPolicy(
  associations: Associations,
  scope?: 'scoped' | 'any-association',
  conditions?: readonly PodIdentityTrustCondition[],
  statements?: readonly TrustStatementInput[],
) {
  const byCluster = new Map<string, string[]>();
  for (const a of Object.values(associations)) {
    byCluster.set(a.cluster_name, [...(byCluster.get(a.cluster_name) ?? []), `${a.namespace}:${a.service_account}`]);
  }
  return buildRoleTrustPolicy({
    podIdentity: {
      trust: [...byCluster].map(([clusterName, serviceAccounts]) => ({ clusterName, serviceAccounts })),
      scope,
      conditions,
    },
    statements,
  });
}

const DEFAULT_ASSOCIATIONS: Associations = {
  main: { cluster_name: 'blue', namespace: 'apps', service_account: 'api' },
};

export interface PodIdentityValidationCase {
  readonly name: string;
  readonly variables: Record<string, HclLiteral>;
  readonly fails: string;
  readonly message: string;
  /** Needs `target_role_arn`/`disable_session_tags` (AWS provider 6). */
  readonly v6?: boolean;
}

const CI_STATEMENT = {
  actions: ['sts:AssumeRole'],
  principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111122223333:role/ci'] }],
};

const one = (extra: Record<string, HclLiteral>): Record<string, HclLiteral> => ({
  associations: { main: { cluster_name: 'blue', namespace: 'apps', service_account: 'api', ...extra } },
});

export const POD_IDENTITY_VALIDATION_CASES: readonly PodIdentityValidationCase[] = [
  {
    name: 'no_associations',
    variables: { associations: {} },
    fails: 'var.associations',
    message:
      'associations {} is invalid: it must be a non-empty map of { cluster_name, namespace, service_account } entries (the role trusts exactly these).',
  },
  {
    // An object type would drop an attribute it does not declare silently.
    name: 'association_unknown_attribute',
    variables: one({ role_arn: 'arn:aws:iam::111122223333:role/x' }),
    fails: 'var.associations',
    message: `associations["main"].role_arn is not an attribute of associations entries (the role is the one this module creates; target_role_arn chains to another): the attributes are cluster_name, namespace, service_account, target_role_arn, disable_session_tags, tags.`,
    v6: true,
  },
  {
    name: 'association_tag_key_per_association',
    variables: one({ tags: { 'aws:team': 'a' } }),
    fails: 'var.associations',
    message: `associations["main"].tags {"aws:team":"a"} is invalid: it must be tags whose keys are ${RULES.tagKey.allowed} and whose values are ${RULES.tagValue.allowed}.`,
  },
  {
    name: 'association_too_many_tags',
    variables: {
      ...one({ tags: Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`own${i}`, 'x'])) }),
      association_defaults: { tags: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`default${i}`, 'x'])) },
    },
    fails: 'var.associations',
    message: `associations["main"].tags "51 tags" is invalid: it must be at most ${QUOTAS.tagsMax} tags per EKS Pod Identity association, with association_tags and association_defaults.tags.`,
  },
  {
    name: 'association_defaults_unknown_attribute',
    variables: { ...one({}), association_defaults: { service_accounts: ['api'] } },
    fails: 'var.association_defaults',
    message:
      'association_defaults.service_accounts is not an attribute of associations entries: the attributes are cluster_name, namespace, service_account, target_role_arn, disable_session_tags, tags.',
    v6: true,
  },
  {
    name: 'association_defaults_not_an_object',
    variables: { ...one({}), association_defaults: 'apps' },
    fails: 'var.association_defaults',
    message:
      'association_defaults "apps" is invalid: it must be an object with any of cluster_name, namespace, service_account, target_role_arn, disable_session_tags, tags.',
    v6: true,
  },
  {
    name: 'trust_policy_conditions_not_a_list',
    variables: { trust_policy_conditions: { test: 'StringEquals' } },
    fails: 'var.trust_policy_conditions',
    message: 'trust_policy_conditions {"test":"StringEquals"} is invalid: it must be a list of { test, variable, values } objects.',
  },
  {
    name: 'trust_policy_condition_shape',
    variables: { trust_policy_conditions: [{ test: 'StringEquals', variable: 'aws:PrincipalOrgID' }] },
    fails: 'var.trust_policy_conditions',
    message:
      'trust_policy_conditions[0] {"test":"StringEquals","variable":"aws:PrincipalOrgID"} is invalid: it must be an object with exactly test, variable and values (a non-empty list of strings).',
  },
  {
    name: 'trust_policy_condition_repeats_scoping',
    variables: {
      trust_policy_conditions: [{ test: 'StringEquals', variable: 'aws:RequestTag/kubernetes-namespace', values: ['jobs'] }],
    },
    fails: 'var.trust_policy_conditions',
    message:
      'trust_policy_conditions "StringEquals aws:RequestTag/kubernetes-namespace" is invalid: it must be a new operator and key in each condition: this one is given twice or repeats a scoping condition (StringEquals on eks-cluster-name, kubernetes-namespace or kubernetes-service-account), whose values IAM would OR, widening the trust.',
  },
  {
    name: 'trust_policy_statements_not_a_list',
    variables: { trust_policy_statements: { ci: { actions: ['sts:AssumeRole'] } } },
    fails: 'var.trust_policy_statements',
    message:
      'trust_policy_statements {"ci":{"actions":["sts:AssumeRole"]}} is invalid: it must be a list of statement objects with sid, effect, actions, not_actions, principals, not_principals, condition.',
  },
  {
    name: 'trust_policy_statement_unknown_attribute',
    variables: { trust_policy_statements: [{ ...CI_STATEMENT, resources: ['*'] }] },
    fails: 'var.trust_policy_statements',
    message:
      "trust_policy_statements[0].resources is not an attribute of a trust statement (a trust policy's resource is the role itself): the attributes are sid, effect, actions, not_actions, principals, not_principals, condition.",
  },
  {
    name: 'trust_policy_statement_effect',
    variables: { trust_policy_statements: [{ ...CI_STATEMENT, effect: 'allow' }] },
    fails: 'var.trust_policy_statements',
    message: 'trust_policy_statements[0].effect "allow" is invalid: it must be "Allow" or "Deny" (left out: "Allow").',
  },
  {
    name: 'trust_policy_statement_actions',
    variables: { trust_policy_statements: [{ principals: CI_STATEMENT.principals }] },
    fails: 'var.trust_policy_statements',
    message:
      'trust_policy_statements[0].actions null is invalid: it must be a non-empty list of strings, or not_actions instead (exactly one of the two).',
  },
  {
    name: 'trust_policy_statement_principals',
    variables: { trust_policy_statements: [{ actions: ['sts:AssumeRole'], principals: [{ type: '*', identifiers: ['x'] }] }] },
    fails: 'var.trust_policy_statements',
    message:
      'trust_policy_statements[0].principals [{"identifiers":["x"],"type":"*"}] is invalid: it must be a list of { type (AWS, Service, Federated), identifiers } objects, or not_principals instead (exactly one of the two).',
  },
  {
    name: 'trust_policy_statement_allow_everyone',
    variables: { trust_policy_statements: [{ actions: ['sts:AssumeRole'], principals: [{ type: 'AWS', identifiers: ['*'] }] }] },
    fails: 'var.trust_policy_statements',
    message:
      'trust_policy_statements[0].principals [{"identifiers":["*"],"type":"AWS"}] is invalid: it must be principals without "*" and without pods.eks.amazonaws.com in an Allow (no not_principals either): an Allow for every principal would let anyone assume the role, and one for pods.eks.amazonaws.com would bypass the Pod Identity scoping (use pod_identity_trust or trust_policy_conditions).',
  },
  {
    name: 'trust_policy_statement_condition',
    variables: { trust_policy_statements: [{ ...CI_STATEMENT, condition: [{ test: 'StringEquals', values: ['o-1'] }] }] },
    fails: 'var.trust_policy_statements',
    message:
      'trust_policy_statements[0].condition [{"test":"StringEquals","values":["o-1"]}] is invalid: it must be a list of { test, variable, values } objects (an object with exactly test, variable and values (a non-empty list of strings)), or left out.',
  },
  {
    name: 'association_without_service_account',
    variables: { associations: { main: { cluster_name: 'blue', namespace: 'apps' } } },
    fails: 'var.associations',
    message: `associations["main"].service_account null is invalid: it must be ${RULES.serviceAccountName.allowed}.`,
  },
  {
    name: 'association_attribute_type',
    variables: one({ namespace: ['apps'] }),
    fails: 'var.associations',
    message: 'associations["main"].namespace ["apps"] is invalid: it must be a string.',
  },
  {
    name: 'cluster_name_pattern',
    variables: one({ cluster_name: 'my.cluster' }),
    fails: 'var.associations',
    message: `associations["main"].cluster_name "my.cluster" is invalid: it must be ${RULES.eksClusterName.allowed}.`,
  },
  {
    name: 'namespace_pattern',
    variables: one({ namespace: 'Apps' }),
    fails: 'var.associations',
    message: `associations["main"].namespace "Apps" is invalid: it must be ${RULES.namespace.allowed}.`,
  },
  {
    name: 'service_account_pattern',
    variables: one({ service_account: 'api_v2' }),
    fails: 'var.associations',
    message: `associations["main"].service_account "api_v2" is invalid: it must be ${RULES.serviceAccountName.allowed}.`,
  },
  {
    name: 'duplicate_association',
    variables: {
      associations: {
        a: { cluster_name: 'blue', namespace: 'apps', service_account: 'api' },
        b: { cluster_name: 'blue', namespace: 'apps', service_account: 'api' },
      },
    },
    fails: 'var.associations',
    message:
      'associations "blue/apps:api" is invalid: it must be one association per cluster, namespace and service account (this one is listed twice).',
  },
  {
    name: 'pod_identity_trust_value',
    variables: { pod_identity_trust: 'open' },
    fails: 'var.pod_identity_trust',
    message: 'pod_identity_trust "open" is invalid: it must be "scoped" or "any-association".',
  },
  {
    name: 'partition_value',
    variables: { partition: 'aws-mars' },
    fails: 'var.partition',
    message: `partition "aws-mars" is invalid: it must be one of ${PARTITIONS.map((p) => `"${p}"`).join(', ')}.`,
  },
  {
    name: 'association_tag_key',
    variables: { association_tags: { 'aws:x': 'y' } },
    fails: 'var.association_tags',
    message: `association_tags key "aws:x" is invalid: it must be ${RULES.tagKey.allowed}.`,
  },
  {
    name: 'target_role_arn_pattern',
    v6: true,
    variables: one({ target_role_arn: 'arn:aws:iam::111122223333:user/x' }),
    fails: 'var.associations',
    message: `associations["main"].target_role_arn "arn:aws:iam::111122223333:user/x" is invalid: it must be ${RULES.roleArn.allowed}.`,
  },
  {
    name: 'disable_session_tags_with_scoped_trust',
    v6: true,
    variables: one({ disable_session_tags: true }),
    fails: 'var.associations',
    message:
      'associations["main"].disable_session_tags cannot be combined with the scoped Pod Identity trust (pod_identity_trust "scoped", the default): the trust conditions on the session tags eks-cluster-name, kubernetes-namespace and kubernetes-service-account, which disabling removes, so no pod could use the role. Set pod_identity_trust = "any-association" to trust every association in the account instead.',
  },  {
    name: 'pod_identity_agent_addon_without_cluster',
    variables: { ...one({}), pod_identity_agent_addons: { blue: { cluster_name: '' } } },
    fails: 'var.pod_identity_agent_addons',
    message:
      'pod_identity_agent_addons["blue"].cluster_name "" is invalid: it must be the name of the EKS cluster to install the agent on.',
  },
  {
    name: 'pod_identity_agent_addon_twice_for_a_cluster',
    variables: {
      ...one({}),
      pod_identity_agent_addons: { a: { cluster_name: 'blue' }, b: { cluster_name: 'blue' } },
    },
    fails: 'var.pod_identity_agent_addons',
    message:
      'pod_identity_agent_addons ["blue","blue"] is invalid: it must be at most one add-on per cluster (a cluster runs one Pod Identity Agent).',
  },
];

function variablesBlock(vars: Record<string, HclLiteral>): string {
  return `variables {\n${Object.entries(vars)
    .map(([k, v]) => `${k} = ${render(v)}`)
    .join('\n')}\n}`;
}

const OFFLINE_PROVIDER = `# The real AWS provider, configured so that plan needs no account and no network.
provider "aws" {
  region                      = "us-east-1"
  access_key                  = "offline-test"
  secret_key                  = "offline-test"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}`;

function trustTests(): string {
  const runs = POD_IDENTITY_TRUST_CASES.map((c) => {
    const vars: Record<string, HclLiteral> = { associations: c.associations };
    if (c.podIdentityTrust) vars.pod_identity_trust = c.podIdentityTrust;
    if (c.conditions) vars.trust_policy_conditions = c.conditions as unknown as HclLiteral;
    if (c.statements) vars.trust_policy_statements = c.statements as unknown as HclLiteral;
    const expected = expectedPodIdentityTrustPolicy(
      c.associations,
      c.podIdentityTrust,
      c.conditions,
      c.statements,
    ) as unknown as HclLiteral;
    return `run ${quote(c.name)} {
command = plan
${variablesBlock(vars)}

assert {
condition     = jsonencode(jsondecode(aws_iam_role.this[0].assume_role_policy)) == jsonencode(${render(expected)})
error_message = "The trust policy differs from what buildPodIdentityStatements builds for these associations."
}${c.podIdentityTrust === 'any-association' ? '\n\n# The warning check must fail (it is a warning in plan and apply).\nexpect_failures = [check.pod_identity_trust_scoped]' : ''}
}`;
  });
  return `${header("The trust policy, associations and create = false, planned with the real AWS provider. Expected trust policies are\nbuildPodIdentityStatements' output for the same associations.")}

${OFFLINE_PROVIDER}

${variablesBlock({ associations: DEFAULT_ASSOCIATIONS })}

${runs.join('\n\n')}

run "associations_by_key" {
command = plan
variables {
role_name = "app"
associations = {
blue  = { cluster_name = "blue", namespace = "apps", service_account = "api" }
green = { cluster_name = "green", namespace = "apps", service_account = "api" }
}
association_tags = { team = "platform" }
}

assert {
condition     = { for key, a in aws_eks_pod_identity_association.this : key => [a.cluster_name, a.namespace, a.service_account] } == { blue = ["blue", "apps", "api"], green = ["green", "apps", "api"] }
error_message = "Each associations entry must be planned under its key."
}

assert {
condition     = alltrue([for a in aws_eks_pod_identity_association.this : a.tags == tomap({ team = "platform" })])
error_message = "association_tags must reach every association."
}
}

run "association_defaults_and_tags" {
command = plan
variables {
association_defaults = { cluster_name = "blue", namespace = "apps", tags = { team = "defaults", tier = "web" } }
association_tags     = { team = "platform", owner = "ops" }
associations = {
api    = { service_account = "api" }
worker = { namespace = "jobs", service_account = "worker", tags = { tier = "batch" } }
}
}

assert {
condition     = { for key, a in aws_eks_pod_identity_association.this : key => [a.cluster_name, a.namespace, a.service_account] } == { api = ["blue", "apps", "api"], worker = ["blue", "jobs", "worker"] }
error_message = "association_defaults must fill what an entry leaves out, and an entry's own attribute must win."
}

assert {
condition     = aws_eks_pod_identity_association.this["api"].tags == tomap({ team = "defaults", tier = "web", owner = "ops" }) && aws_eks_pod_identity_association.this["worker"].tags == tomap({ team = "defaults", tier = "batch", owner = "ops" })
error_message = "Tags must merge association_tags, then association_defaults.tags, then the entry's own."
}

assert {
condition     = jsondecode(aws_iam_role.this[0].assume_role_policy).Statement[0].Condition.StringEquals["aws:RequestTag/kubernetes-namespace"] == "apps" && jsondecode(aws_iam_role.this[0].assume_role_policy).Statement[1].Condition.StringEquals["aws:RequestTag/kubernetes-namespace"] == "jobs"
error_message = "The trust must scope the merged associations."
}

assert {
condition     = aws_iam_role.this[0].force_detach_policies == true
error_message = "force_detach_policies must default to true."
}
}

run "create_false_plans_nothing" {
command = plan
variables {
create       = false
associations = {}
addons       = { aws_load_balancer_controller = {}, ebs_csi_driver = {} }
}

assert {
condition     = length(aws_iam_role.this) == 0 && length(aws_eks_pod_identity_association.this) == 0 && length(aws_iam_role_policy.this) == 0 && length(aws_iam_role_policy_attachment.this) == 0 && length(aws_iam_role_policy.addons) == 0 && length(aws_iam_role_policy_attachment.addons) == 0
error_message = "create = false must plan no resources."
}

assert {
condition     = output.role_arn == null && output.trust_policy_json == null && output.associations == null
error_message = "create = false must make every output null."
}
}
`;
}

function validationTests(options: PodIdentityModuleOptions): string {
  const runs = POD_IDENTITY_VALIDATION_CASES.filter((c) => options.providerV6Arguments || !c.v6).map(
    (c) => `# ${c.message}
run ${quote(c.name)} {
command = plan
${variablesBlock(c.variables)}
expect_failures = [${c.fails}]
}`,
  );
  return `${header('Each validation rule rejects a bad input (the comment above each run is the message Terraform prints).')}

# Validation runs before any provider call, so a mocked provider suffices (and starts faster).
mock_provider "aws" {}

${variablesBlock({ associations: DEFAULT_ASSOCIATIONS })}

${runs.join('\n\n')}
`;
}

export function podIdentityModuleTests(options: PodIdentityModuleOptions = PUBLISHED): Record<string, string> {
  return {
    'tests/trust_policy.tftest.hcl': trustTests(),
    'tests/validation.tftest.hcl': validationTests(options),
  };
}
