/**
 * What `eksctl create iamserviceaccount` (and `eksctl create podidentityassociation`) does, as one
 * construct: an IAM role that exactly one Kubernetes service account can assume, its policies, and how pods
 * get it: the ServiceAccount annotated with the role (IRSA), an EKS Pod Identity association, or both.
 */
import { EksPodIdentityAssociation } from '@cdktf/provider-aws/lib/eks-pod-identity-association';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Annotations as KubernetesAnnotations } from '@cdktf/provider-kubernetes/lib/annotations';
import { Labels as KubernetesLabels } from '@cdktf/provider-kubernetes/lib/labels';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { Annotations, Fn, TerraformResource, Token } from 'cdktf';
import { Construct } from 'constructs';
import { PolicyDocument, PolicyStatement, renderPolicy } from '../policy/document';
import { DEFAULT_AUDIENCE } from '../policy/subjects';
import type {
  IamServiceAccountProps,
  IdentityMechanism,
  IrsaIdentityOptions,
  PodIdentityOptions,
} from '../props';
import {
  AUDIENCE_ANNOTATION,
  ROLE_ARN_ANNOTATION,
  STS_REGIONAL_ENDPOINTS_ANNOTATION,
  validateIamServiceAccountProps,
} from '../validation/validate';
import {
  DEFAULT_INLINE_POLICY_NAME,
  IIrsaGrantable,
  RoleResources,
  childPath,
  sortedRecord,
} from './role-resources';

export class IamServiceAccount extends Construct implements IIrsaGrantable {
  /** The service account's name. */
  readonly serviceAccountName: string;
  /** The service account's namespace. */
  readonly serviceAccountNamespace: string;
  /** The role's ARN (the attached role's with `attachRoleArn`). */
  readonly roleArn: string;
  /** The role's name. */
  readonly roleName: string;
  /** The `aws_iam_role`, unless `attachRoleArn` is used. */
  readonly role?: IamRole;
  /** The trust policy, unless `attachRoleArn` is used. */
  readonly trustPolicy?: PolicyDocument;
  /**
   * The Kubernetes resource that carries the role annotation: `kubernetes_service_account_v1`, or
   * `kubernetes_annotations` with `overrideExistingServiceAccount`; undefined with `roleOnly`.
   */
  readonly serviceAccount?: TerraformResource;
  /** The `kubernetes_labels` resource, with `overrideExistingServiceAccount` and `labels`. */
  readonly serviceAccountLabels?: TerraformResource;
  /** How pods get the role. */
  readonly identity: IdentityMechanism;
  /** The `aws_eks_pod_identity_association`, with identity `"pod-identity"` or `"both"`. */
  readonly podIdentityAssociation?: EksPodIdentityAssociation;
  private readonly resources?: RoleResources;

  constructor(scope: Construct, id: string, props: IamServiceAccountProps) {
    const validated = validateIamServiceAccountProps(childPath(scope, id), props);
    super(scope, id);
    // Validation has checked every prop whatever `identity` says; read them all.
    const p = props as IamServiceAccountProps & Partial<IrsaIdentityOptions> & Partial<PodIdentityOptions>;
    this.identity = validated.identity;
    this.serviceAccountName = props.name;
    this.serviceAccountNamespace = validated.namespace;
    for (const warning of validated.warnings) Annotations.of(this).addWarning(warning);

    if (validated.trustPolicy && validated.wellKnown) {
      this.trustPolicy = validated.trustPolicy;
      this.resources = new RoleResources(this, props, validated.trustPolicy, validated.wellKnown);
      this.role = this.resources.role;
      this.roleArn = this.role.arn;
      this.roleName = this.role.name;
    } else {
      const arn = props.attachRoleArn as string;
      this.roleArn = arn;
      this.roleName = Token.isUnresolved(arn)
        ? Token.asString(Fn.element(Fn.reverse(Fn.split('/', arn)), 0))
        : arn.slice(arn.lastIndexOf('/') + 1);
    }
    if (this.identity !== 'irsa') {
      // https://docs.aws.amazon.com/eks/latest/userguide/pod-id-association.html
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
      if (p.targetRoleArn !== undefined && this.role) {
        // Pod Identity assumes the target role with this role's credentials: this role needs both actions on it.
        // https://docs.aws.amazon.com/eks/latest/userguide/pod-id-assign-target-role.html
        new IamRolePolicy(this, 'target-role-policy', {
          name: `${props.inlinePolicyName ?? DEFAULT_INLINE_POLICY_NAME}-target-role`,
          role: this.role.name,
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
      // `eksctl --override-existing-serviceaccounts` overwrites them.
      this.serviceAccount = new KubernetesAnnotations(this, 'service-account-annotations', {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata,
        annotations: sortedRecord(annotations),
        force: true,
        provider: props.kubernetesProvider,
      });
      if (props.labels !== undefined) {
        this.serviceAccountLabels = new KubernetesLabels(this, 'service-account-labels', {
          apiVersion: 'v1',
          kind: 'ServiceAccount',
          metadata,
          labels: sortedRecord(props.labels),
          force: true,
          provider: props.kubernetesProvider,
        });
      }
      return;
    }
    this.serviceAccount = new ServiceAccountV1(this, 'service-account', {
      metadata: {
        ...metadata,
        labels: props.labels === undefined ? undefined : sortedRecord(props.labels),
        // With Pod Identity and no annotations of the caller's, none at all (no role-arn annotation).
        annotations: Object.keys(annotations).length === 0 ? undefined : sortedRecord(annotations),
      },
      automountServiceAccountToken: props.automountServiceAccountToken,
      provider: props.kubernetesProvider,
    });
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
      throw new Error(
        `${this.node.path}: ${method} is not available with attachRoleArn: the attached role is managed elsewhere; grant permissions there.`,
      );
    }
    return this.resources;
  }
}
