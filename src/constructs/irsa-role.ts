import type { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Annotations } from 'cdktf';
import { Construct } from 'constructs';
import { PolicyDocument, PolicyStatement } from '../policy/document';
import type { IrsaRoleProps } from '../props';
import { warnCrossAccountAtSynth } from '../validation/cross-account';
import { validateIrsaRoleProps } from '../validation/validate';
import { IIrsaGrantable, LazyRoleAttributes, RoleResources, childPath } from './role-resources';

/**
 * An IAM role that a set of Kubernetes service accounts, on one or more EKS clusters, can assume
 * through IRSA. The building block under `IamServiceAccount`, and the right construct when a Helm chart
 * or another tool creates the ServiceAccount.
 */
export class IrsaRole extends Construct implements IIrsaGrantable {
  /** The `aws_iam_role` resource. */
  readonly role: IamRole;
  /** The role's trust policy, as built by `buildTrustPolicy`. */
  readonly trustPolicy: PolicyDocument;
  /** The role's ARN. */
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
  private readonly resources: RoleResources;
  /** `roleUniqueId` and `rolePath`, read on first use (see `LazyRoleAttributes`). */
  private readonly lazyRole: LazyRoleAttributes;

  constructor(scope: Construct, id: string, props: IrsaRoleProps) {
    // Validate before `super`: a bad prop adds nothing to the tree.
    const validated = validateIrsaRoleProps(childPath(scope, id), props);
    super(scope, id);
    this.trustPolicy = validated.trustPolicy;
    for (const warning of validated.warnings) Annotations.of(this).addWarning(warning);
    // The readable name's label is the id the user chose: the trusted service accounts and clusters are
    // trust targets, which a documented change (a second cluster, IRSA to Pod Identity) alters.
    this.resources = new RoleResources(this, props, validated.trustPolicy, validated.wellKnown, id);
    this.role = this.resources.role;
    this.roleArn = this.role.arn;
    this.roleName = this.resources.roleName;
    this.lazyRole = new LazyRoleAttributes(this.role);
    this.managedPolicy = this.resources.managedPolicy;
    this.policyArn = this.managedPolicy?.arn;
    this.policyName = this.resources.policyName;
    this.policy = this.resources.policy;
    warnCrossAccountAtSynth(
      this,
      props.awsProvider,
      (props.trust ?? []).map((t, i) => ({
        property: `trust[${i}].oidcProvider`,
        accountId: t.oidcProvider.accountId,
      })),
    );
  }

  /** The role's stable unique ID (`AROA…`). */
  get roleUniqueId(): string {
    return this.lazyRole.uniqueId;
  }

  /** The role's path. */
  get rolePath(): string {
    return this.lazyRole.path;
  }

  /** Adds a statement to the role's granted-permissions inline policy (`<inlinePolicyName>-granted`). */
  addToPolicy(statement: PolicyStatement): void {
    this.resources.addToPolicy(statement);
  }

  /** Attaches a managed policy to the role (validated like `attachPolicyArns`). */
  attachPolicy(policyArn: string): void {
    this.resources.attachPolicy(policyArn);
  }
}
