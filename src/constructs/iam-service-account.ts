import type { EksAddon } from '@cdktf/provider-aws/lib/eks-addon';
import type { EksPodIdentityAssociation } from '@cdktf/provider-aws/lib/eks-pod-identity-association';
import type { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { Annotations as KubernetesAnnotations } from '@cdktf/provider-kubernetes/lib/annotations';
import type { Labels as KubernetesLabels } from '@cdktf/provider-kubernetes/lib/labels';
import type { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { Annotations, Fn, TerraformProvider, TerraformStack, Token } from 'cdktf';
import { Construct } from 'constructs';
import { PolicyDocument, PolicyStatement, renderPolicy } from '../policy/document';
import {
  ANNOTATIONS_FIELD_MANAGER,
  LABELS_FIELD_MANAGER,
  MANAGED_BY,
  MANAGED_BY_LABEL,
} from '../kubernetes/metadata';
import { DEFAULT_AUDIENCE } from '../policy/subjects';
import type {
  IamServiceAccountProps,
  IdentityMechanism,
  IrsaIdentityOptions,
  PodIdentityOptions,
} from '../props';
import {
  AUDIENCE_ANNOTATION,
  IrsaValidationError,
  ROLE_ARN_ANNOTATION,
  STS_REGIONAL_ENDPOINTS_ANNOTATION,
  validateIamServiceAccountProps,
} from '../validation/validate';
import { warnCrossAccountAtSynth } from '../validation/cross-account';
import {
  DEFAULT_INLINE_POLICY_NAME,
  IIrsaGrantable,
  LazyRoleAttributes,
  RoleResources,
  childPath,
  sortedRecord,
} from './role-resources';
import {
  kubernetesAnnotationsClass,
  kubernetesLabelsClass,
  podIdentityAssociationClass,
  sharedResources,
} from './optional-modules';

const KUBERNETES_PROVIDER_EXAMPLE = 'https://github.com/cdktf-irsa/cdktf-irsa/blob/main/example/app.ts';

/**
 * What `eksctl create iamserviceaccount` (and `eksctl create podidentityassociation`) does, as one
 * construct: an IAM role that exactly one Kubernetes service account can assume, its policies, and how pods
 * get it: the ServiceAccount annotated with the role (IRSA), an EKS Pod Identity association, or both.
 */
export class IamServiceAccount extends Construct implements IIrsaGrantable {
  /** The service account's name. */
  readonly serviceAccountName: string;
  /** The service account's namespace. */
  readonly serviceAccountNamespace: string;
  /** The role's ARN (the attached role's with `attachRoleArn`). */
  readonly roleArn: string;
  /** The role's name. */
  readonly roleName: string;
  /** The customer-managed policy's ARN, with `managedPolicy`. */
  readonly policyArn?: string;
  /** The managed policy's name with `managedPolicy`, else the inline policy's of `inlinePolicy`. */
  readonly policyName?: string;
  /** The managed policy's JSON with `managedPolicy`, else `inlinePolicy`'s (add-on policies not included). */
  readonly policy?: string;
  /** The `aws_iam_policy`, with `managedPolicy`. */
  readonly managedPolicy?: IamPolicy;
  /** The `aws_iam_role`, unless `attachRoleArn` is used. */
  readonly role?: IamRole;
  /** The trust policy, unless `attachRoleArn` is used. */
  readonly trustPolicy?: PolicyDocument;
  /**
   * The Kubernetes resource that carries the role annotation: `kubernetes_service_account_v1`, or
   * `kubernetes_annotations` with `overrideExistingServiceAccount`; undefined with `roleOnly`.
   */
  readonly serviceAccount?: ServiceAccountV1 | KubernetesAnnotations;
  /** The `kubernetes_labels` resource, with `overrideExistingServiceAccount` and `labels`. */
  readonly serviceAccountLabels?: KubernetesLabels;
  /** How pods get the role. */
  readonly identity: IdentityMechanism;
  /** The `aws_eks_pod_identity_association`, with identity `"pod-identity"` or `"both"`. */
  readonly podIdentityAssociation?: EksPodIdentityAssociation;
  /** The stack's `aws_eks_addon` `eks-pod-identity-agent` for the cluster, with `createPodIdentityAgentAddon`. */
  readonly podIdentityAgentAddon?: EksAddon;
  /** The stack's `kubernetes_namespace_v1` for the namespace, with `createNamespace`. */
  readonly namespaceResource?: NamespaceV1;
  private readonly resources?: RoleResources;
  /** `roleUniqueId` and `rolePath`, read on first use (see `RoleResources.uniqueId`). */
  private readonly lazyRole?: LazyRoleAttributes;

  constructor(scope: Construct, id: string, props: IamServiceAccountProps) {
    const path = childPath(scope, id);
    const validated = validateIamServiceAccountProps(path, props);
    if (!props.roleOnly) claimServiceAccount(scope, path, validated.namespace, props);
    super(scope, id);
    // Validation has checked every prop whatever `identity` says; read them all.
    const p = props as IamServiceAccountProps & Partial<IrsaIdentityOptions> & Partial<PodIdentityOptions>;
    this.identity = validated.identity;
    this.serviceAccountName = props.name;
    this.serviceAccountNamespace = validated.namespace;
    for (const warning of validated.warnings) Annotations.of(this).addWarning(warning);

    if (validated.trustPolicy && validated.wellKnown) {
      this.trustPolicy = validated.trustPolicy;
      // The readable name's label: the service account (or the id when either part is a token), never the
      // OIDC providers or the Pod Identity cluster, which a documented change alters.
      this.resources = new RoleResources(
        this,
        props,
        validated.trustPolicy,
        validated.wellKnown,
        Token.isUnresolved(validated.namespace) || Token.isUnresolved(props.name)
          ? id
          : `${validated.namespace}-${props.name}`,
      );
      this.role = this.resources.role;
      this.roleArn = this.role.arn;
      this.roleName = this.resources.roleName;
      this.lazyRole = new LazyRoleAttributes(this.role);
      this.managedPolicy = this.resources.managedPolicy;
      this.policyArn = this.managedPolicy?.arn;
      this.policyName = this.resources.policyName;
      this.policy = this.resources.policy;
      warnCrossAccountAtSynth(this, props.awsProvider, [
        ...(p.oidcProvider ? [{ property: 'oidcProvider', accountId: p.oidcProvider.accountId }] : []),
        ...(p.additionalOidcProviders ?? []).map((o, i) => ({
          property: `additionalOidcProviders[${i}]`,
          accountId: o.accountId,
        })),
      ]);
    } else {
      const arn = props.attachRoleArn as string;
      this.roleArn = arn;
      this.roleName = Token.isUnresolved(arn)
        ? Token.asString(Fn.element(Fn.reverse(Fn.split('/', arn)), 0))
        : arn.slice(arn.lastIndexOf('/') + 1);
    }
    if (this.identity !== 'irsa') {
      // https://docs.aws.amazon.com/eks/latest/userguide/pod-id-association.html
      const EksPodIdentityAssociation = podIdentityAssociationClass();
      this.podIdentityAssociation = new EksPodIdentityAssociation(this, 'pod-identity-association', {
        clusterName: p.clusterName as string,
        namespace: validated.namespace,
        serviceAccount: props.name,
        roleArn: this.roleArn,
        targetRoleArn: p.targetRoleArn,
        disableSessionTags: p.disableSessionTags,
        tags: p.associationTags === undefined ? undefined : sortedRecord(p.associationTags),
        provider: props.awsProvider,
      });
      if (p.createPodIdentityAgentAddon) {
        this.podIdentityAgentAddon = sharedResources().sharedPodIdentityAgent(
          this,
          p.clusterName as string,
          props.awsProvider,
        );
      }
      if (p.targetRoleArn !== undefined && this.resources) {
        this.resources.noteGranted();
        // Pod Identity assumes the target role with this role's credentials: this role needs both actions on it.
        // https://docs.aws.amazon.com/eks/latest/userguide/pod-id-assign-target-role.html
        new IamRolePolicy(this, 'target-role-policy', {
          name: `${props.inlinePolicyName ?? DEFAULT_INLINE_POLICY_NAME}-target-role`,
          role: this.resources.roleName,
          policy: renderPolicy({
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession'], Resource: p.targetRoleArn },
            ],
          }),
          provider: props.awsProvider,
        });
      }
    }
    if (props.roleOnly) return;
    if (props.kubernetesProvider === undefined) requireDefaultKubernetesProvider(this);

    const annotations: Record<string, string> = { ...props.annotations };
    if (this.identity !== 'pod-identity') {
      annotations[ROLE_ARN_ANNOTATION] = this.roleArn;
      const audience = p.audience ?? DEFAULT_AUDIENCE;
      if (audience !== DEFAULT_AUDIENCE) annotations[AUDIENCE_ANNOTATION] = audience;
      if (p.stsRegionalEndpoints !== undefined) {
        annotations[STS_REGIONAL_ENDPOINTS_ANNOTATION] = String(p.stsRegionalEndpoints);
      }
    }
    const metadata = { name: props.name, namespace: validated.namespace };

    if (props.overrideExistingServiceAccount) {
      // Adopt a ServiceAccount that exists already: own only these annotations (and labels), forcibly, as
      // `eksctl --override-existing-serviceaccounts` overwrites them. Each resource applies with a field
      // manager of its own, as the module's do: with one shared manager, applying the labels would release
      // the annotations that manager applied before (and back).
      const KubernetesAnnotations = kubernetesAnnotationsClass();
      this.serviceAccount = new KubernetesAnnotations(this, 'service-account-annotations', {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata,
        annotations: sortedRecord(annotations),
        force: true,
        fieldManager: ANNOTATIONS_FIELD_MANAGER,
        provider: props.kubernetesProvider,
      });
      if (props.labels !== undefined) {
        const KubernetesLabels = kubernetesLabelsClass();
        this.serviceAccountLabels = new KubernetesLabels(this, 'service-account-labels', {
          apiVersion: 'v1',
          kind: 'ServiceAccount',
          metadata,
          labels: sortedRecord(props.labels),
          force: true,
          fieldManager: LABELS_FIELD_MANAGER,
          provider: props.kubernetesProvider,
        });
      }
      return;
    }
    if (props.createNamespace) {
      this.namespaceResource = sharedResources().sharedNamespace(
        this,
        validated.namespace,
        props.kubernetesProvider,
      );
    }
    this.serviceAccount = new ServiceAccountV1(this, 'service-account', {
      metadata: {
        ...metadata,
        // Ours, as eksctl labels the ServiceAccounts it creates with its name; the caller's value wins.
        labels: sortedRecord({ [MANAGED_BY_LABEL]: MANAGED_BY, ...props.labels }),
        // With Pod Identity and no annotations of the caller's, none at all (no role-arn annotation).
        annotations: Object.keys(annotations).length === 0 ? undefined : sortedRecord(annotations),
      },
      automountServiceAccountToken: props.automountServiceAccountToken,
      dependsOn: this.namespaceResource ? [this.namespaceResource] : undefined,
      provider: props.kubernetesProvider,
    });
  }

  /** The role's stable unique ID (`AROA…`), unless `attachRoleArn` is used. */
  get roleUniqueId(): string | undefined {
    return this.lazyRole?.uniqueId;
  }

  /** The role's path, unless `attachRoleArn` is used. */
  get rolePath(): string | undefined {
    return this.lazyRole?.path;
  }

  /** Adds a statement to the role's granted-permissions inline policy (not with `attachRoleArn`). */
  addToPolicy(statement: PolicyStatement): void {
    this.ownedRole('addToPolicy').addToPolicy(statement);
  }

  /** Attaches a managed policy to the role (not with `attachRoleArn`). */
  attachPolicy(policyArn: string): void {
    this.ownedRole('attachPolicy').attachPolicy(policyArn);
  }

  private ownedRole(method: string): RoleResources {
    if (!this.resources) {
      throw new IrsaValidationError(
        this.node.path,
        method,
        `${method} is not available with attachRoleArn: the attached role is managed elsewhere; grant permissions there.`,
      );
    }
    return this.resources;
  }
}

/** ServiceAccounts created per stack, keyed by Kubernetes provider, namespace and name. */
const createdServiceAccounts = new WeakMap<TerraformStack, Map<string, string>>();

/**
 * Two constructs in one stack must not create (or annotate) the same ServiceAccount on the same cluster:
 * Terraform would fight over one object, and it can carry only one role annotation.
 */
function claimServiceAccount(
  scope: Construct,
  path: string,
  namespace: string,
  props: IamServiceAccountProps,
): void {
  if (Token.isUnresolved(namespace) || Token.isUnresolved(props.name)) return;
  // A taken id makes `super` throw; claim nothing for a construct that will not exist.
  if (scope.node.tryFindChild(path.slice(path.lastIndexOf('/') + 1)) !== undefined) return;
  const stack = TerraformStack.of(scope);
  let claimed = createdServiceAccounts.get(stack);
  if (!claimed) {
    claimed = new Map();
    createdServiceAccounts.set(stack, claimed);
  }
  const providerPath = props.kubernetesProvider?.node.path ?? '';
  const key = `${providerPath}\n${namespace}/${props.name}`;
  const owner = claimed.get(key);
  if (owner !== undefined) {
    throw new IrsaValidationError(
      path,
      'name',
      `name ${JSON.stringify(props.name)} in namespace ${JSON.stringify(namespace)} is invalid: it must be a ServiceAccount no other construct of this stack creates on the same cluster, and ${owner} creates ${namespace}/${props.name} already${providerPath ? ` with the Kubernetes provider ${providerPath}` : ''} (a ServiceAccount carries one role annotation: give both workloads that construct's role, or use another name).`,
    );
  }
  claimed.set(key, path);
}

/** Stacks whose default Kubernetes provider some IamServiceAccount needs, with those constructs' paths. */
const needDefaultKubernetes = new WeakMap<TerraformStack, string[]>();

/**
 * A ServiceAccount without `kubernetesProvider` uses the stack's default Kubernetes provider. Checked at
 * synth (providers may be added after the construct), once per stack, so the error says what to add
 * instead of CDKTF's bare "Found resources without a matching provider construct".
 */
function requireDefaultKubernetesProvider(construct: IamServiceAccount): void {
  const stack = TerraformStack.of(construct);
  const existing = needDefaultKubernetes.get(stack);
  if (existing) {
    existing.push(construct.node.path);
    return;
  }
  const paths = [construct.node.path];
  needDefaultKubernetes.set(stack, paths);
  construct.node.addValidation({
    validate: () => {
      const providers = stack.node
        .findAll()
        .filter(
          (c): c is TerraformProvider =>
            TerraformProvider.isTerraformProvider(c) &&
            c.terraformGeneratorMetadata?.providerName === 'kubernetes',
        );
      if (providers.some((p) => p.alias === undefined)) return [];
      const who =
        paths.length === 1
          ? 'This IamServiceAccount creates'
          : `${paths.length} IamServiceAccounts (${paths.join(', ')}) create`;
      const has =
        providers.length === 0
          ? 'the stack has no Kubernetes provider'
          : `the stack's Kubernetes providers all have an alias (${providers.map((p) => p.node.path).join(', ')}), so there is no default one`;
      return [
        `${who} a Kubernetes ServiceAccount without kubernetesProvider, but ${has}. Add one: new KubernetesProvider(stack, 'kubernetes', { host, clusterCaCertificate, exec }) from '@cdktf/provider-kubernetes/lib/provider' (on CDK Terrain: the binding \`cdktn get\` generates; a complete example: ${KUBERNETES_PROVIDER_EXAMPLE}); or pass kubernetesProvider; or set roleOnly: true to create only the role.`,
      ];
    },
  });
}
