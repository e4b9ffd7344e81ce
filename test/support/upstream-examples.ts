/**
 * The module blocks of terraform-aws-modules' examples that docs/migrating-from-terraform-aws-modules.md
 * accounts for ("Upstream's examples"): read from its table, so the generated examples, the tests and the
 * guide cannot drift apart.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const GUIDE = path.resolve(__dirname, '..', '..', 'docs', 'migrating-from-terraform-aws-modules.md');

/** This project's module that writes an upstream example's blocks. */
export type TamModule = 'iam-role-for-service-accounts' | 'eks-pod-identity';

/**
 * Every module block of upstream's examples (iam v6.5.0 `examples/iam-role-for-service-accounts`,
 * eks-pod-identity v2.8.1 `examples/complete`), by this project's module that stands in for it. The VPC and
 * EKS modules upstream calls around them are listed too: they are not IAM, and are omissions.
 */
export const UPSTREAM_EXAMPLE_BLOCKS: Record<TamModule, string[]> = {
  'iam-role-for-service-accounts': [
    'disabled',
    'irsa',
    'cert_manager_irsa',
    'cluster_autoscaler_irsa',
    'ebs_csi_irsa',
    'efs_csi_irsa',
    'mountpoint_s3_csi_irsa',
    'external_dns_irsa',
    'external_secrets_irsa',
    'fsx_lustre_csi_irsa',
    'fsx_openzfs_csi_irsa',
    'load_balancer_controller_irsa',
    'load_balancer_controller_targetgroup_binding_only_irsa',
    'amazon_managed_service_prometheus_irsa',
    'node_termination_handler_irsa',
    'velero_irsa',
    'vpc_cni_ipv4_irsa',
    'vpc_cni_ipv6_irsa',
    'cloudwatch_observability_irsa',
    'vpc',
    'eks',
  ],
  'eks-pod-identity': [
    'custom_pod_identity',
    'aws_gateway_controller_pod_identity',
    'cert_manager_pod_identity',
    'aws_cloudwatch_observability_pod_identity',
    'cluster_autoscaler_pod_identity',
    'aws_ebs_csi_pod_identity',
    'aws_efs_csi_pod_identity',
    'external_dns_pod_identity',
    'external_secrets_pod_identity',
    'aws_fsx_lustre_csi_pod_identity',
    'aws_lb_controller_pod_identity',
    'aws_lb_controller_targetgroup_binding_only_pod_identity',
    'aws_appmesh_controller_pod_identity',
    'aws_appmesh_envoy_proxy_pod_identity',
    'amazon_managed_service_prometheus_pod_identity',
    'mountpoint_s3_csi_pod_identity',
    'aws_node_termination_handler_pod_identity',
    'aws_privateca_issuer_pod_identity',
    'pganalyze_pod_identity',
    'velero_pod_identity',
    'aws_vpc_cni_ipv4_pod_identity',
    'aws_vpc_cni_ipv6_pod_identity',
    'disabled',
    'eks_one',
    'eks_two',
    'vpc',
  ],
};

/** One row of the guide's table: module, upstream block, and whether the example writes it. */
export interface UpstreamBlockRow {
  module: TamModule;
  block: string;
  written: boolean;
}

/** The rows of the guide's "Upstream's examples" table. */
export function upstreamBlockRows(text = fs.readFileSync(GUIDE, 'utf8')): UpstreamBlockRow[] {
  const rows: UpstreamBlockRow[] = [];
  for (const m of text.matchAll(
    /^\| `(iam-role-for-service-accounts|eks-pod-identity)` \| `([a-z0-9_]+)` \| ([^|]+) \|/gm,
  )) {
    rows.push({ module: m[1] as TamModule, block: m[2], written: m[3].trim().startsWith('written') });
  }
  return rows;
}

/** The upstream blocks the guide marks written for a module, sorted (the generated example has each). */
export function writtenUpstreamBlocks(module: TamModule): string[] {
  return upstreamBlockRows()
    .filter((r) => r.module === module && r.written)
    .map((r) => r.block)
    .sort();
}
