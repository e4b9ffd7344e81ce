/**
 * Names the constructs and the generated modules both write into Kubernetes objects, defined once so the
 * two cannot drift (test/modules/equivalence.test.ts compares them).
 */

/**
 * The server-side-apply field manager of the `kubernetes_annotations` resource that adopts an existing
 * ServiceAccount. The labels have their own (below): two appliers with one manager own one set of fields,
 * so applying the labels would drop the annotations (and back) from what that manager owns.
 * https://kubernetes.io/docs/reference/using-api/server-side-apply/#managers
 */
export const ANNOTATIONS_FIELD_MANAGER = 'irsa-annotations';

/** The field manager of the `kubernetes_labels` resource; see ANNOTATIONS_FIELD_MANAGER. */
export const LABELS_FIELD_MANAGER = 'irsa-labels';

/**
 * The well-known label that names the tool managing an object. eksctl sets `eksctl` on the ServiceAccounts
 * it creates (and deletes only ServiceAccounts that carry it); the constructs and modules set this value on
 * the ServiceAccounts and namespaces they create, so `eksctl delete iamserviceaccount` leaves them alone.
 * https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/
 */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';

/** Our value of MANAGED_BY_LABEL (the package's name; the same from the cdktn flavour and the modules). */
export const MANAGED_BY = 'cdktf-irsa';

/** The EKS add-on that runs the Pod Identity Agent on every node: https://docs.aws.amazon.com/eks/latest/userguide/pod-id-agent-setup.html */
export const POD_IDENTITY_AGENT_ADDON = 'eks-pod-identity-agent';

/** Namespaces every cluster has: creating one fails with "already exists". */
export const BUILT_IN_NAMESPACES: readonly string[] = [
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
];
