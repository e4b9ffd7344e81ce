/**
 * What `irsa create` writes for eksctl's well-known inline policies: this project's catalog
 * (src/policy/addons), for every key eksctl writes an inline policy for. A new role has no document eksctl
 * wrote, so `create` never asks for one (only `import` of an existing role may). Pure.
 */
import type { PolicyDocument } from '../policy/document';
import { wellKnownGrant, type WellKnownPolicies } from '../policy/well-known';
import { EKSCTL_WELL_KNOWN_INLINE, type EksctlWellKnownKey } from './eksctl';

/**
 * The catalog's add-on for each eksctl key that eksctl covers with inline policies. The EFS CSI driver is
 * written inline (`inline: true`), as eksctl does, rather than as the AWS managed policy.
 */
const CATALOG: Partial<Record<EksctlWellKnownKey, WellKnownPolicies>> = {
  autoScaler: { clusterAutoscaler: true },
  awsLoadBalancerController: { awsLoadBalancerController: true },
  externalDNS: { externalDns: true },
  certManager: { certManager: true },
  efsCSIController: { efsCsiDriver: { inline: true } },
};

/**
 * Which of the catalog's statements (by index, in catalog order) go under each of eksctl's inline policy
 * names, for add-ons eksctl splits into several policies; together they are all of the add-on's statements.
 */
const SPLIT: Record<string, readonly number[]> = {
  PolicyExternalDNSChangeSet: [0],
  PolicyExternalDNSHostedZones: [1],
  PolicyCertManagerGetChange: [0],
  PolicyCertManagerChangeSet: [1],
  PolicyCertManagerHostedZones: [2],
};

/**
 * The catalog's document for the add-on's inline policy `policyName` (a name of EKSCTL_WELL_KNOWN_INLINE
 * before the stack prefix), or undefined for a key eksctl writes no inline policy for.
 */
export function createWellKnownDocument(
  addOn: EksctlWellKnownKey,
  policyName: string,
  partition: string,
): PolicyDocument | undefined {
  const policies = CATALOG[addOn];
  if (policies === undefined || !(EKSCTL_WELL_KNOWN_INLINE[addOn] ?? []).includes(policyName))
    return undefined;
  const statements = wellKnownGrant(policies, partition).statements;
  const indexes = SPLIT[policyName] ?? statements.map((_, i) => i);
  return { Version: '2012-10-17', Statement: indexes.map((i) => statements[i]) };
}
