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
