/**
 * The add-on catalog: every add-on `wellKnownPolicies` knows, in the order their policies are attached
 * (the AWS Load Balancer Controller first).
 */
import { amazonManagedPrometheus } from './amazon-managed-prometheus';
import { appMeshController, appMeshEnvoyProxy } from './app-mesh';
import { awsGatewayController } from './aws-gateway-controller';
import { awsLoadBalancerController } from './aws-load-balancer-controller';
import { awsLoadBalancerControllerTargetGroupBinding } from './aws-load-balancer-controller-target-group-binding';
import { awsPrivateCaIssuer } from './aws-private-ca-issuer';
import { certManager } from './cert-manager';
import { cloudWatchObservability } from './cloudwatch-observability';
import { clusterAutoscaler } from './cluster-autoscaler';
import { ebsCsiDriver } from './ebs-csi-driver';
import { efsCsiDriver } from './efs-csi-driver';
import { externalDns } from './external-dns';
import { externalSecrets } from './external-secrets';
import { fsxLustreCsiDriver } from './fsx-lustre-csi-driver';
import { fsxOpenZfsCsiDriver } from './fsx-openzfs-csi-driver';
import { imageBuilder } from './image-builder';
import { karpenterController } from './karpenter-controller';
import type { AddonSpec } from './model';
import { type NameOf, suggestKey } from '../../validation/suggest';
import { mountpointS3CsiDriver } from './mountpoint-s3-csi-driver';
import { nodeTerminationHandler } from './node-termination-handler';
import { pganalyze } from './pganalyze';
import { velero } from './velero';
import { vpcCni } from './vpc-cni';

export * from './model';

/** Every add-on, in a fixed order. */
export const ADDONS: readonly AddonSpec[] = [
  awsLoadBalancerController,
  awsLoadBalancerControllerTargetGroupBinding,
  clusterAutoscaler,
  externalDns,
  certManager,
  ebsCsiDriver,
  efsCsiDriver,
  vpcCni,
  imageBuilder,
  karpenterController,
  externalSecrets,
  velero,
  fsxLustreCsiDriver,
  fsxOpenZfsCsiDriver,
  mountpointS3CsiDriver,
  nodeTerminationHandler,
  amazonManagedPrometheus,
  cloudWatchObservability,
  awsGatewayController,
  awsPrivateCaIssuer,
  appMeshController,
  appMeshEnvoyProxy,
  pganalyze,
];

/** One row of `WELL_KNOWN_ADDONS`. */
export interface WellKnownAddonInfo {
  /** Human name of the add-on. */
  readonly title: string;
  /** The published policy the catalog's policy matches. */
  readonly source: string;
  /** The controller version that policy belongs to. */
  readonly version: string;
  /** The option names the add-on takes (its scoping inputs and switches). */
  readonly options: readonly string[];
  /** Whether it attaches AWS managed policies by default (and which). */
  readonly managedPolicies: readonly string[];
  /** Other accepted spellings of the key (eksctl's). */
  readonly aliases: readonly string[];
  /** Other names of the add-on, for suggestions only (terraform-aws-modules', the controller's). */
  readonly knownAs: readonly string[];
}

/** The catalog as a table: key → source URL, upstream version, option names, managed policies. */
export const WELL_KNOWN_ADDONS: Readonly<Record<string, WellKnownAddonInfo>> = Object.freeze(
  Object.fromEntries(
    ADDONS.map((a) => [
      a.key,
      Object.freeze({
        title: a.title,
        source: a.source,
        version: a.version,
        options: Object.freeze(a.options.map((o) => o.name)),
        managedPolicies: Object.freeze([...(a.managed?.policies ?? [])]),
        aliases: Object.freeze([...(a.aliases ?? [])]),
        knownAs: Object.freeze([...(a.knownAs ?? [])]),
      }),
    ]),
  ),
);

const BY_NAME = new Map<string, AddonSpec>();
for (const addon of ADDONS) {
  BY_NAME.set(addon.key, addon);
  for (const alias of addon.aliases ?? []) BY_NAME.set(alias, addon);
}

/** The add-on a `wellKnownPolicies` key (or eksctl alias) names, or undefined. */
export function addonFor(key: string): AddonSpec | undefined {
  return BY_NAME.get(key);
}

const ADDON_KEYS = ADDONS.map((a) => a.key);
const ADDON_NAMES: readonly NameOf[] = ADDONS.flatMap((a) =>
  [...(a.aliases ?? []), ...(a.knownAs ?? [])].map((name) => ({ name, key: a.key })),
);

/**
 * The add-on key a mistyped name most likely means: a key, an eksctl alias or another name the add-on is
 * known by (`karpenter`, `alb`, `ebs_csi`, terraform-aws-modules' `attach_ebs_csi_policy`), then a close
 * spelling; undefined rather than a wrong guess.
 */
export function suggestAddonKey(name: string): string | undefined {
  const bare = name.replace(/^attach[-_]?/i, '').replace(/[-_]?policy$/i, '');
  return suggestKey(bare === '' ? name : bare, ADDON_KEYS, ADDON_NAMES);
}
