/**
 * The names this CLI generates for modules and constructs built on other branches: the cluster lookup
 * (modules/eks-cluster-oidc, OidcProvider.fromClusterName) and Pod Identity (modules/eks-pod-identity, the
 * `identity` prop). Kept in this one file so they can be adjusted to the final interfaces in one place.
 */

/** modules/eks-cluster-oidc: cluster name in, IAM OIDC provider ARN out. */
export const CLUSTER_OIDC_MODULE = {
  dir: 'eks-cluster-oidc',
  clusterNameInput: 'cluster_name',
  providerArnOutput: 'provider_arn',
} as const;

/**
 * modules/eks-pod-identity: a role EKS Pod Identity may assume and its associations (a map by key). A role
 * managed elsewhere (`roleARN`) gets a plain `aws_eks_pod_identity_association` instead.
 */
export const POD_IDENTITY_MODULE = {
  dir: 'eks-pod-identity',
  /** The key of the one association each generated module call has. */
  associationKey: 'eksctl',
  inputs: {
    associations: 'associations',
    trust: 'pod_identity_trust',
    associationTags: 'association_tags',
    roleName: 'role_name',
    rolePath: 'role_path',
    policyArns: 'policy_arns',
    /** `{ <policy name> = <JSON text> }`: the names are the for_each keys. */
    inlinePolicies: 'inline_policies',
    permissionsBoundary: 'permissions_boundary',
    tags: 'tags',
  },
  /** Fields of one `associations` entry. */
  association: {
    clusterName: 'cluster_name',
    namespace: 'namespace',
    serviceAccount: 'service_account',
    targetRoleArn: 'target_role_arn',
    disableSessionTags: 'disable_session_tags',
  },
  /**
   * `pod_identity_trust` values: "any-association" is eksctl's trust (the service principal, no conditions);
   * "scoped" admits only the associations' cluster, namespace and service account through session tags.
   */
  trustLikeEksctl: 'any-association',
  trustScoped: 'scoped',
  /** Addresses inside the module, for import blocks. */
  roleAddress: 'aws_iam_role.this[0]',
  attachmentAddress: (key: string) => `aws_iam_role_policy_attachment.this[${JSON.stringify(key)}]`,
  inlinePolicyAddress: (name: string) => `aws_iam_role_policy.this[${JSON.stringify(name)}]`,
  associationAddress: (key: string) => `aws_eks_pod_identity_association.this[${JSON.stringify(key)}]`,
  roleNameOutput: 'role_name',
  roleArnOutput: 'role_arn',
} as const;

/** CDKTF: `OidcProvider.fromClusterName(scope, id, clusterName)` on the cluster-lookup branch. */
export const TS_OIDC_FROM_CLUSTER = (clusterName: string) =>
  `OidcProvider.fromClusterName(this, 'cluster-oidc', ${JSON.stringify(clusterName)})`;

/** The trust policy modules/eks-pod-identity is expected to write (the EKS Pod Identity service principal). */
export const POD_IDENTITY_TRUST = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'pods.eks.amazonaws.com' },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
    },
  ],
} as const;
