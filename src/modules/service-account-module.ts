/**
 * modules/iam-service-account: `IamServiceAccount` (what `eksctl create iamserviceaccount` does) for plain
 * Terraform. The role comes from the role module, called as a child module; the ServiceAccount is created,
 * or adopted with `kubernetes_annotations` (+ `kubernetes_labels`), as the construct does.
 */
import {
  ANNOTATIONS_FIELD_MANAGER,
  LABELS_FIELD_MANAGER,
  MANAGED_BY,
  MANAGED_BY_LABEL,
} from '../kubernetes/metadata';
import { DEFAULT_AUDIENCE } from '../policy/subjects';
import { banner, quote } from './hcl';
import {
  AWS_PROVIDER,
  KUBERNETES_PROVIDER,
  OutputSpec,
  header,
  outputsTf,
  variablesTf,
  versionsTf,
} from './files';
import { ROLE_MODULE } from './role-module';
import {
  AUDIENCE_ANNOTATION,
  ROLE_ARN_ANNOTATION,
  STS_REGIONAL_ENDPOINTS_ANNOTATION,
  roleVariables,
  serviceAccountModuleVariables,
} from './variables';

export const SERVICE_ACCOUNT_MODULE = 'iam-service-account';

export function serviceAccountMainTf(): string {
  const roleInputs = roleVariables()
    .map((spec) => `${spec.name} = var.${spec.name}`)
    .join('\n');
  return `${header()}

${banner('The role')}

locals {
  # create_role, a boolean known at plan time, decides whether the role is created, so attach_role_arn may
  # be known only after apply. An attached role is managed elsewhere; its name is the ARN's last segment.
  role_arn  = var.create_role ? module.role.role_arn : var.attach_role_arn
  role_name = var.create_role ? module.role.role_name : try(reverse(split("/", var.attach_role_arn))[0], null)
}

module "role" {
  source = "../${ROLE_MODULE}"

  create = var.create_role
  # The same service account on every cluster. Zero-padded index keys keep the primary provider's
  # statement first, as the construct orders them.
  oidc_providers = {
    for index, arn in concat([var.oidc_provider_arn], var.additional_oidc_provider_arns) :
    format("%03d", index) => {
      provider_arn               = arn
      namespace_service_accounts = ["\${var.namespace}:\${var.name}"]
    }
  }
  audience = var.audience
  ${roleInputs}
}

${banner('The Kubernetes ServiceAccount')}

locals {
  # The audience annotation only when it is not the default, so the webhook requests the right audience.
  annotations = merge(
    var.annotations == null ? {} : var.annotations,
    { ${quote(ROLE_ARN_ANNOTATION)} = local.role_arn },
    var.audience == ${quote(DEFAULT_AUDIENCE)} ? {} : { ${quote(AUDIENCE_ANNOTATION)} = var.audience },
    var.sts_regional_endpoints == null ? {} : { ${quote(STS_REGIONAL_ENDPOINTS_ANNOTATION)} = tostring(var.sts_regional_endpoints) },
  )
  create_service_account = !var.override_existing_service_account
  adopt_service_account  = var.override_existing_service_account
}

# Only with create_namespace; otherwise the namespace must exist already.
resource "kubernetes_namespace_v1" "this" {
  count = var.create_namespace ? 1 : 0

  metadata {
    name   = var.namespace
    labels = { ${quote(MANAGED_BY_LABEL)} = ${quote(MANAGED_BY)} }
  }
}

resource "kubernetes_service_account_v1" "this" {
  count = local.create_service_account ? 1 : 0

  metadata {
    name      = var.name
    namespace = var.namespace
    # Ours, as eksctl labels the ServiceAccounts it creates with its name (and deletes only those); the
    # caller's labels win.
    labels      = merge({ ${quote(MANAGED_BY_LABEL)} = ${quote(MANAGED_BY)} }, var.labels == null ? {} : var.labels)
    annotations = local.annotations
  }
  automount_service_account_token = var.automount_service_account_token

  depends_on = [kubernetes_namespace_v1.this]
}

# Adopting a ServiceAccount that exists already: own only these annotations (and labels), forcibly, as
# eksctl --override-existing-serviceaccounts overwrites them.
resource "kubernetes_annotations" "this" {
  count = local.adopt_service_account ? 1 : 0

  api_version = "v1"
  kind        = "ServiceAccount"
  metadata {
    name      = var.name
    namespace = var.namespace
  }
  annotations = local.annotations
  force       = true
  # Server-side apply: a field manager of its own, so that applying the labels (kubernetes_labels) does not
  # drop the annotations this manager applied (both resources default to the manager "Terraform").
  field_manager = ${quote(ANNOTATIONS_FIELD_MANAGER)}
}

resource "kubernetes_labels" "this" {
  # labels is a map literal or null, so whether it is null is known at plan time even when its values are not.
  count = local.adopt_service_account && var.labels != null ? 1 : 0

  api_version = "v1"
  kind        = "ServiceAccount"
  metadata {
    name      = var.name
    namespace = var.namespace
  }
  labels        = var.labels
  force         = true
  field_manager = ${quote(LABELS_FIELD_MANAGER)}
}
`;
}

export const SERVICE_ACCOUNT_OUTPUTS: OutputSpec[] = [
  { name: 'role_arn', description: "The role's ARN (attach_role_arn when create_role is false).", value: 'local.role_arn' },
  { name: 'role_name', description: "The role's name.", value: 'local.role_name' },
  {
    name: 'role_unique_id',
    description: "The role's stable unique ID (null when create_role is false).",
    value: 'module.role.role_unique_id',
  },
  {
    name: 'trust_policy_json',
    description: 'The trust policy as JSON text (null when create_role is false).',
    value: 'module.role.trust_policy_json',
  },
  {
    name: 'role_path',
    description: "The role's path (null when create_role is false).",
    value: 'module.role.role_path',
  },
  {
    name: 'policy_arn',
    description: "The managed policy's ARN with create_policy (null without it, when create_role is false, or when there are no statements).",
    value: 'module.role.policy_arn',
  },
  {
    name: 'policy_name',
    description:
      'The name of the managed policy (create_policy) or of the inline policy of policy_statements and the policy documents (null when there is none or create_role is false).',
    value: 'module.role.policy_name',
  },
  {
    name: 'policy',
    description:
      "The role policy as JSON text: with create_policy the managed policy's (the addons' statements included), else the inline policy of policy_statements and the policy documents (null when there is none or create_role is false).",
    value: 'module.role.policy',
  },
  {
    name: 'service_account_name',
    description: "The ServiceAccount's name.",
    value: 'var.name',
  },
  {
    name: 'service_account_namespace',
    description: "The ServiceAccount's namespace.",
    value: 'var.namespace',
  },
];

export function serviceAccountModuleFiles(): Record<string, string> {
  return {
    'versions.tf': versionsTf([AWS_PROVIDER, KUBERNETES_PROVIDER]),
    'variables.tf': variablesTf(serviceAccountModuleVariables()),
    'main.tf': serviceAccountMainTf(),
    'outputs.tf': outputsTf(SERVICE_ACCOUNT_OUTPUTS),
  };
}
