/**
 * AWS App Mesh controller for Kubernetes, and the Envoy proxies it injects.
 * Source: https://github.com/aws/aws-app-mesh-controller-for-k8s/blob/v1.13.1/config/iam/controller-iam-policy.json
 * Source: https://github.com/aws/aws-app-mesh-controller-for-k8s/blob/v1.13.1/config/iam/envoy-iam-policy.json
 * Upstream version: v1.13.1
 */
import type { AddonSpec } from './model';

const VERBS = ['List', 'Describe', 'Create', 'Update', 'Delete'];
const KINDS = [
  'Mesh',
  'VirtualRouter',
  'VirtualGateway',
  'VirtualService',
  'GatewayRoute',
  'Route',
  'VirtualNode',
];
const APP_MESH_ACTIONS = VERBS.flatMap((verb) =>
  KINDS.map((kind) => `appmesh:${verb}${kind}${verb === 'List' ? (kind === 'Mesh' ? 'es' : 's') : ''}`),
);

export const appMeshController: AddonSpec = {
  key: 'appMeshController',
  title: 'AWS App Mesh controller',
  knownAs: ['appmesh_controller', 'appmesh-controller', 'aws-app-mesh-controller', 'appmesh'],
  source:
    'https://github.com/aws/aws-app-mesh-controller-for-k8s/blob/v1.13.1/config/iam/controller-iam-policy.json',
  version: 'v1.13.1',
  fingerprint: '95ffdad38bd40ac6',
  docs: 'https://docs.aws.amazon.com/app-mesh/latest/userguide/getting-started-kubernetes.html',
  options: [],
  broadUpstream: 'App Mesh, Cloud Map and Route 53 health-check management on "*": as upstream.',
  statements: [
    { actions: APP_MESH_ACTIONS, resources: ['*'] },
    {
      actions: ['iam:CreateServiceLinkedRole'],
      resources: [
        'arn:${partition}:iam::*:role/aws-service-role/appmesh.amazonaws.com/AWSServiceRoleForAppMesh',
      ],
      conditions: [{ test: 'StringLike', key: 'iam:AWSServiceName', values: ['appmesh.amazonaws.com'] }],
    },
    {
      actions: [
        'acm:ListCertificates',
        'acm:DescribeCertificate',
        'acm-pca:DescribeCertificateAuthority',
        'acm-pca:ListCertificateAuthorities',
      ],
      resources: ['*'],
    },
    {
      actions: [
        'servicediscovery:CreateService',
        'servicediscovery:DeleteService',
        'servicediscovery:GetService',
        'servicediscovery:GetInstance',
        'servicediscovery:RegisterInstance',
        'servicediscovery:DeregisterInstance',
        'servicediscovery:ListInstances',
        'servicediscovery:ListNamespaces',
        'servicediscovery:ListServices',
        'servicediscovery:GetInstancesHealthStatus',
        'servicediscovery:UpdateInstanceCustomHealthStatus',
        'servicediscovery:GetOperation',
        'route53:GetHealthCheck',
        'route53:CreateHealthCheck',
        'route53:UpdateHealthCheck',
        'route53:ChangeResourceRecordSets',
        'route53:DeleteHealthCheck',
      ],
      resources: ['*'],
    },
  ],
};

export const appMeshEnvoyProxy: AddonSpec = {
  key: 'appMeshEnvoyProxy',
  title: 'AWS App Mesh Envoy proxy',
  knownAs: ['appmesh_envoy_proxy', 'appmesh-envoy', 'envoy'],
  source:
    'https://github.com/aws/aws-app-mesh-controller-for-k8s/blob/v1.13.1/config/iam/envoy-iam-policy.json',
  version: 'v1.13.1',
  fingerprint: '753235f3d45ed1cc',
  docs: 'https://docs.aws.amazon.com/app-mesh/latest/userguide/proxy-authorization.html',
  options: [],
  broadUpstream: 'appmesh:StreamAggregatedResources and certificate export on "*": as upstream.',
  statements: [
    { actions: ['appmesh:StreamAggregatedResources'], resources: ['*'] },
    { actions: ['acm:ExportCertificate', 'acm-pca:GetCertificateAuthorityCertificate'], resources: ['*'] },
  ],
};
