/**
 * Modules that only optional features use, loaded on first use: Pod Identity, `overrideExistingServiceAccount`,
 * `createNamespace`, `createPodIdentityAgentAddon`, `managedPolicy`, reading a cluster by name and
 * `EksOidcProvider`. A plain IRSA service account never loads them; their provider bindings were most of
 * what loading the library cost (bench/NOTES.md, "1: synth overhead"). Each is a `require` that Node caches.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- loading on first use is the point of this module */
import type * as EksPodIdentityAssociationModule from '@cdktf/provider-aws/lib/eks-pod-identity-association';
import type * as IamOpenidConnectProviderModule from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import type * as IamPolicyModule from '@cdktf/provider-aws/lib/iam-policy';
import type * as AnnotationsModule from '@cdktf/provider-kubernetes/lib/annotations';
import type * as LabelsModule from '@cdktf/provider-kubernetes/lib/labels';
import type * as ClusterLookupModule from './cluster-lookup';
import type * as SharedResourcesModule from './shared-resources';

/** `aws_eks_pod_identity_association`. */
export function podIdentityAssociationClass(): typeof EksPodIdentityAssociationModule.EksPodIdentityAssociation {
  return (
    require('@cdktf/provider-aws/lib/eks-pod-identity-association') as typeof EksPodIdentityAssociationModule
  ).EksPodIdentityAssociation;
}

/** `aws_iam_openid_connect_provider`. */
export function openidConnectProviderClass(): typeof IamOpenidConnectProviderModule.IamOpenidConnectProvider {
  return (
    require('@cdktf/provider-aws/lib/iam-openid-connect-provider') as typeof IamOpenidConnectProviderModule
  ).IamOpenidConnectProvider;
}

/** `aws_iam_policy`. */
export function iamPolicyClass(): typeof IamPolicyModule.IamPolicy {
  return (require('@cdktf/provider-aws/lib/iam-policy') as typeof IamPolicyModule).IamPolicy;
}

/** `kubernetes_annotations`. */
export function kubernetesAnnotationsClass(): typeof AnnotationsModule.Annotations {
  return (require('@cdktf/provider-kubernetes/lib/annotations') as typeof AnnotationsModule).Annotations;
}

/** `kubernetes_labels`. */
export function kubernetesLabelsClass(): typeof LabelsModule.Labels {
  return (require('@cdktf/provider-kubernetes/lib/labels') as typeof LabelsModule).Labels;
}

/** Reading an EKS cluster by name (the `aws_eks_cluster` data source binding is the largest of all). */
export function clusterLookup(): typeof ClusterLookupModule {
  return require('./cluster-lookup') as typeof ClusterLookupModule;
}

/** The namespace and Pod Identity Agent add-on shared by a stack's constructs. */
export function sharedResources(): typeof SharedResourcesModule {
  return require('./shared-resources') as typeof SharedResourcesModule;
}
