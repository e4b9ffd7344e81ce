/**
 * Reads an eksctl ClusterConfig (`apiVersion: eksctl.io/v1alpha5`, `kind: ClusterConfig`) and validates the
 * parts `irsa import` uses: `metadata`, `iam.withOIDC`, `iam.serviceAccounts[]`, `iam.podIdentityAssociations[]`.
 * Keys are eksctl's (pkg/apis/eksctl.io/v1alpha5: ClusterMeta, ClusterIAM, ClusterIAMServiceAccount,
 * PodIdentityAssociation, WellKnownPolicies). Inside those parts a key eksctl does not define is an error
 * with its line, column and the closest valid key; the rest of the file is eksctl's business and ignored.
 * Pure: text in, a typed config (or one {@link ConfigError}) out.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { closest } from './args';
import { EKSCTL_WELL_KNOWN_KEYS, type EksctlWellKnownKey } from './eksctl';

export const SUPPORTED_API_VERSION = 'eksctl.io/v1alpha5';
export const CLUSTER_CONFIG_KIND = 'ClusterConfig';

/** Bad input, as one line: `file:line:column: message`. Exit code 2. */
export class ConfigError extends Error {}

export interface EksctlServiceAccount {
  readonly name: string;
  readonly namespace: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
  readonly attachPolicyARNs: string[];
  readonly attachPolicy?: Record<string, unknown>;
  readonly attachRoleARN?: string;
  readonly wellKnownPolicies: EksctlWellKnownKey[];
  readonly permissionsBoundary?: string;
  readonly roleName?: string;
  readonly roleOnly: boolean;
  readonly tags?: Record<string, string>;
  readonly subjectPattern?: string;
  /** Where the entry starts in the file. */
  readonly line: number;
}

export interface EksctlPodIdentityAssociation {
  readonly namespace: string;
  readonly serviceAccountName: string;
  readonly roleARN?: string;
  readonly roleName?: string;
  readonly createServiceAccount: boolean;
  readonly permissionPolicyARNs: string[];
  readonly permissionPolicy?: Record<string, unknown>;
  readonly permissionPolicyName?: string;
  readonly wellKnownPolicies: EksctlWellKnownKey[];
  readonly permissionsBoundaryARN?: string;
  readonly targetRoleARN?: string;
  readonly disableSessionTags?: boolean;
  readonly policy?: string;
  readonly tags?: Record<string, string>;
  readonly line: number;
}

/** One entry of `addons` (v1alpha5 `Addon`): what `irsa import` needs to know of the role eksctl made for it. */
export interface EksctlAddon {
  readonly name: string;
  readonly serviceAccountRoleARN?: string;
  readonly attachPolicyARNs: string[];
  readonly attachPolicy?: Record<string, unknown>;
  readonly wellKnownPolicies: EksctlWellKnownKey[];
  readonly permissionsBoundary?: string;
  /** `podIdentityAssociations` has entries. */
  readonly podIdentityAssociations: boolean;
  readonly useDefaultPodIdentityAssociations: boolean;
  /** `namespaceConfig.namespace`. */
  readonly namespace?: string;
  readonly line: number;
}

export interface ClusterConfig {
  readonly name: string;
  readonly region: string;
  /** `metadata.tags`: eksctl puts them on every stack, and CloudFormation on the roles. */
  readonly tags: Record<string, string>;
  readonly withOIDC?: boolean;
  readonly serviceAccounts: EksctlServiceAccount[];
  readonly podIdentityAssociations: EksctlPodIdentityAssociation[];
  /** `addons` (absent from configs built from flags). */
  readonly addons?: EksctlAddon[];
  /** `addonsConfig`. */
  readonly addonsConfig?: {
    readonly autoApplyPodIdentityAssociations: boolean;
    readonly disableDefaultAddons: boolean;
  };
  /** `kubernetesNetworkConfig.ipFamily`, as written (eksctl's default is IPv4). */
  readonly ipFamily?: string;
  /** Top-level sections present but not read (vpc, nodeGroups, …), in file order. */
  readonly ignoredSections: string[];
}

/** ClusterConfig's top-level keys (types.go `ClusterConfig`, plus the TypeMeta keys). */
const TOP_LEVEL = [
  'apiVersion',
  'kind',
  'metadata',
  'upgradePolicy',
  'kubernetesNetworkConfig',
  'autoModeConfig',
  'remoteNetworkConfig',
  'iam',
  'iamIdentityMappings',
  'identityProviders',
  'accessConfig',
  'vpc',
  'addons',
  'addonsConfig',
  'privateCluster',
  'nodeGroups',
  'managedNodeGroups',
  'fargateProfiles',
  'availabilityZones',
  'localZones',
  'cloudWatch',
  'secretsEncryption',
  'gitops',
  'karpenter',
  'outpost',
  'controlPlaneScalingConfig',
  'zonalShiftConfig',
  'kubeAPIServerConfig',
  'kubeSchedulerConfig',
  'kubeControllerManagerConfig',
  'capabilities',
];
const READ_TOP_LEVEL = new Set(['apiVersion', 'kind', 'metadata', 'iam', 'addons', 'addonsConfig']);
/** v1alpha5 `Addon` keys. */
const ADDON_KEYS = [
  'name',
  'version',
  'serviceAccountRoleARN',
  'attachPolicyARNs',
  'attachPolicy',
  'permissionsBoundary',
  'wellKnownPolicies',
  'tags',
  'resolveConflicts',
  'podIdentityAssociations',
  'useDefaultPodIdentityAssociations',
  'configurationValues',
  'namespaceConfig',
  'publishers',
  'types',
  'owners',
];
const ADDONS_CONFIG_KEYS = ['autoApplyPodIdentityAssociations', 'disableDefaultAddons'];
const METADATA_KEYS = [
  'name',
  'region',
  'version',
  'forceUpdateVersion',
  'rollbackConfig',
  'tags',
  'annotations',
];
const IAM_KEYS = [
  'serviceRoleARN',
  'serviceRolePermissionsBoundary',
  'fargatePodExecutionRoleARN',
  'fargatePodExecutionRolePermissionsBoundary',
  'withOIDC',
  'serviceAccounts',
  'podIdentityAssociations',
  'vpcResourceControllerPolicy',
];
const SA_KEYS = [
  'metadata',
  'attachPolicyARNs',
  'wellKnownPolicies',
  'attachPolicy',
  'attachRoleARN',
  'permissionsBoundary',
  'status',
  'roleName',
  'roleOnly',
  'tags',
  'subjectPattern',
];
const SA_META_KEYS = ['name', 'namespace', 'labels', 'annotations'];
const SA_STATUS_KEYS = ['roleARN', 'stackName', 'tags', 'capabilities'];
const PIA_KEYS = [
  'namespace',
  'serviceAccountName',
  'roleARN',
  'createServiceAccount',
  'roleName',
  'permissionsBoundaryARN',
  'permissionPolicyARNs',
  'permissionPolicyName',
  'permissionPolicy',
  'wellKnownPolicies',
  'tags',
  'targetRoleARN',
  'disableSessionTags',
  'policy',
];

/** Parses and validates `text` (the contents of `file`). Throws {@link ConfigError}. */
export function readClusterConfig(text: string, file: string): ClusterConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (node: Node | null | undefined): string => {
    const offset = node?.range?.[0] ?? 0;
    const pos = lines.linePos(offset);
    return `${file}:${pos.line}:${pos.col}`;
  };
  const fail = (node: Node | null | undefined, message: string): never => {
    throw new ConfigError(`${at(node)}: ${message}`);
  };
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const pos = lines.linePos(error.pos[0]);
    throw new ConfigError(`${file}:${pos.line}:${pos.col}: not valid YAML: ${error.message.split('\n')[0]}`);
  }
  const root = doc.contents;
  if (!isMap(root)) {
    throw new ConfigError(
      `${file}: not an eksctl ClusterConfig: the document must be a mapping with apiVersion and kind`,
    );
  }

  /** The pairs of a mapping, after checking every key against `allowed`. */
  const pairsOf = (map: YAMLMap, path: string, allowed: readonly string[]): Map<string, Pair<Node, Node>> => {
    const out = new Map<string, Pair<Node, Node>>();
    for (const pair of map.items as Pair<Node, Node>[]) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined) fail(pair.key, `${path} has a key that is not a string`);
      if (!allowed.includes(key as string)) {
        const near = closest(key as string, allowed);
        fail(
          pair.key,
          `${path ? `${path}.` : ''}${key} is not a key eksctl defines here; ${near ? `did you mean ${near}?` : `the keys are: ${allowed.join(', ')}`}`,
        );
      }
      out.set(key as string, pair);
    }
    return out;
  };
  const kindOf = (node: Node | null): string =>
    isMap(node)
      ? 'a mapping'
      : isSeq(node)
        ? 'a list'
        : isScalar(node)
          ? JSON.stringify(node.value)
          : 'nothing';
  const mapAt = (pair: Pair<Node, Node> | undefined, path: string): YAMLMap | undefined => {
    if (!pair || pair.value === null || (isScalar(pair.value) && pair.value.value === null)) return undefined;
    if (!isMap(pair.value))
      fail(pair.value ?? pair.key, `${path} must be a mapping (got ${kindOf(pair.value)})`);
    return pair.value as YAMLMap;
  };
  const stringAt = (pair: Pair<Node, Node> | undefined, path: string): string | undefined => {
    if (!pair || pair.value === null || (isScalar(pair.value) && pair.value.value === null)) return undefined;
    if (!isScalar(pair.value) || typeof pair.value.value !== 'string') {
      // eksctl reads YAML through JSON: numbers and booleans are not strings.
      fail(pair.value ?? pair.key, `${path} must be a string (got ${kindOf(pair.value)})`);
    }
    return (pair.value as { value: string }).value;
  };
  const boolAt = (pair: Pair<Node, Node> | undefined, path: string): boolean | undefined => {
    if (!pair || pair.value === null || (isScalar(pair.value) && pair.value.value === null)) return undefined;
    if (!isScalar(pair.value) || typeof pair.value.value !== 'boolean') {
      fail(pair.value ?? pair.key, `${path} must be true or false (got ${kindOf(pair.value)})`);
    }
    return (pair.value as { value: boolean }).value;
  };
  const stringListAt = (pair: Pair<Node, Node> | undefined, path: string): string[] => {
    if (!pair || pair.value === null || (isScalar(pair.value) && pair.value.value === null)) return [];
    if (!isSeq(pair.value))
      fail(pair.value ?? pair.key, `${path} must be a list of strings (got ${kindOf(pair.value)})`);
    return (pair.value as { items: Node[] }).items.map((item, index) => {
      if (!isScalar(item) || typeof item.value !== 'string') {
        fail(item, `${path}[${index}] must be a string (got ${kindOf(item)})`);
      }
      return (item as { value: string }).value;
    });
  };
  const stringMapAt = (
    pair: Pair<Node, Node> | undefined,
    path: string,
  ): Record<string, string> | undefined => {
    const map = mapAt(pair, path);
    if (!map) return undefined;
    const out: Record<string, string> = {};
    for (const item of map.items as Pair<Node, Node>[]) {
      const key = isScalar(item.key) ? String(item.key.value) : '';
      if (!isScalar(item.value) || typeof item.value.value !== 'string') {
        fail(
          item.value ?? item.key,
          `${path}.${key} must be a string (got ${kindOf(item.value)}); quote numbers and booleans`,
        );
      }
      out[key] = (item.value as { value: string }).value;
    }
    return out;
  };
  const documentAt = (
    pair: Pair<Node, Node> | undefined,
    path: string,
  ): Record<string, unknown> | undefined => {
    const map = mapAt(pair, path);
    if (!map) return undefined;
    const value = map.toJSON() as Record<string, unknown>;
    if (value.Version === undefined || value.Statement === undefined) {
      fail(map, `${path} must be an IAM policy document with Version and Statement`);
    }
    return value;
  };
  const wellKnownAt = (pair: Pair<Node, Node> | undefined, path: string): EksctlWellKnownKey[] => {
    const map = mapAt(pair, path);
    if (!map) return [];
    const pairs = pairsOf(map, path, EKSCTL_WELL_KNOWN_KEYS);
    return EKSCTL_WELL_KNOWN_KEYS.filter((k) => boolAt(pairs.get(k), `${path}.${k}`) === true);
  };
  const top = pairsOf(root, '', TOP_LEVEL);
  const apiVersion = stringAt(top.get('apiVersion'), 'apiVersion');
  if (apiVersion !== SUPPORTED_API_VERSION) {
    fail(
      top.get('apiVersion')?.value ?? root,
      `apiVersion ${JSON.stringify(apiVersion ?? null)} is not supported: it must be "${SUPPORTED_API_VERSION}"`,
    );
  }
  const kind = stringAt(top.get('kind'), 'kind');
  if (kind !== CLUSTER_CONFIG_KIND) {
    fail(
      top.get('kind')?.value ?? root,
      `kind ${JSON.stringify(kind ?? null)} is not supported: it must be "${CLUSTER_CONFIG_KIND}"`,
    );
  }
  const metadata = mapAt(top.get('metadata'), 'metadata');
  if (!metadata) fail(root, 'metadata is required (with name and region)');
  const meta = pairsOf(metadata as YAMLMap, 'metadata', METADATA_KEYS);
  const name = stringAt(meta.get('name'), 'metadata.name');
  if (!name) fail(metadata, 'metadata.name is required: the cluster name');
  const region = stringAt(meta.get('region'), 'metadata.region');
  if (!region) fail(metadata, 'metadata.region is required: the region of the cluster');
  const tags = stringMapAt(meta.get('tags'), 'metadata.tags') ?? {};

  const iam = mapAt(top.get('iam'), 'iam');
  const iamPairs = iam ? pairsOf(iam, 'iam', IAM_KEYS) : new Map<string, Pair<Node, Node>>();
  const withOIDC = boolAt(iamPairs.get('withOIDC'), 'iam.withOIDC');

  const serviceAccounts: EksctlServiceAccount[] = [];
  const saList = iamPairs.get('serviceAccounts');
  if (saList && saList.value !== null && !isSeq(saList.value)) {
    fail(saList.value, `iam.serviceAccounts must be a list (got ${kindOf(saList.value)})`);
  }
  const seen = new Map<string, string>();
  ((saList?.value as { items?: Node[] } | null)?.items ?? []).forEach((node, index) => {
    const path = `iam.serviceAccounts[${index}]`;
    if (!isMap(node)) fail(node, `${path} must be a mapping (got ${kindOf(node)})`);
    const p = pairsOf(node as YAMLMap, path, SA_KEYS);
    const metaMap = mapAt(p.get('metadata'), `${path}.metadata`);
    if (!metaMap) fail(node, `${path}.metadata is required (with name, and namespace or "default")`);
    const m = pairsOf(metaMap as YAMLMap, `${path}.metadata`, SA_META_KEYS);
    const saName = stringAt(m.get('name'), `${path}.metadata.name`);
    if (!saName) fail(metaMap, `${path}.metadata.name is required: the service account's name`);
    const namespace = stringAt(m.get('namespace'), `${path}.metadata.namespace`) ?? 'default';
    const status = mapAt(p.get('status'), `${path}.status`);
    if (status) pairsOf(status, `${path}.status`, SA_STATUS_KEYS);
    const sa: EksctlServiceAccount = {
      name: saName as string,
      namespace,
      labels: stringMapAt(m.get('labels'), `${path}.metadata.labels`),
      annotations: stringMapAt(m.get('annotations'), `${path}.metadata.annotations`),
      attachPolicyARNs: stringListAt(p.get('attachPolicyARNs'), `${path}.attachPolicyARNs`),
      attachPolicy: documentAt(p.get('attachPolicy'), `${path}.attachPolicy`),
      attachRoleARN: stringAt(p.get('attachRoleARN'), `${path}.attachRoleARN`),
      wellKnownPolicies: wellKnownAt(p.get('wellKnownPolicies'), `${path}.wellKnownPolicies`),
      permissionsBoundary: stringAt(p.get('permissionsBoundary'), `${path}.permissionsBoundary`),
      roleName: stringAt(p.get('roleName'), `${path}.roleName`),
      roleOnly: boolAt(p.get('roleOnly'), `${path}.roleOnly`) ?? false,
      tags: stringMapAt(p.get('tags'), `${path}.tags`),
      subjectPattern: stringAt(p.get('subjectPattern'), `${path}.subjectPattern`),
      line: lines.linePos(node?.range?.[0] ?? 0).line,
    };
    const id = `${sa.namespace}/${sa.name}`;
    if (seen.has(id)) fail(node, `${path} repeats service account ${id} (first listed at ${seen.get(id)})`);
    seen.set(id, `${path}`);
    const grants =
      sa.attachPolicyARNs.length > 0 || sa.attachPolicy !== undefined || sa.wellKnownPolicies.length > 0;
    if (sa.attachRoleARN !== undefined && grants) {
      fail(
        p.get('attachRoleARN')?.key,
        `${path}.attachRoleARN cannot be combined with attachPolicyARNs, attachPolicy or wellKnownPolicies: the attached role is managed elsewhere`,
      );
    }
    if (sa.attachRoleARN === undefined && !grants) {
      fail(
        node,
        `${path} needs attachPolicyARNs, attachPolicy, wellKnownPolicies or attachRoleARN, as eksctl does`,
      );
    }
    serviceAccounts.push(sa);
  });

  const podIdentityAssociations: EksctlPodIdentityAssociation[] = [];
  const piaList = iamPairs.get('podIdentityAssociations');
  if (piaList && piaList.value !== null && !isSeq(piaList.value)) {
    fail(piaList.value, `iam.podIdentityAssociations must be a list (got ${kindOf(piaList.value)})`);
  }
  const seenPia = new Set<string>();
  ((piaList?.value as { items?: Node[] } | null)?.items ?? []).forEach((node, index) => {
    const path = `iam.podIdentityAssociations[${index}]`;
    if (!isMap(node)) fail(node, `${path} must be a mapping (got ${kindOf(node)})`);
    const p = pairsOf(node as YAMLMap, path, PIA_KEYS);
    const namespace = stringAt(p.get('namespace'), `${path}.namespace`);
    if (!namespace) fail(node, `${path}.namespace is required`);
    const serviceAccountName = stringAt(p.get('serviceAccountName'), `${path}.serviceAccountName`);
    if (!serviceAccountName) fail(node, `${path}.serviceAccountName is required`);
    const pia: EksctlPodIdentityAssociation = {
      namespace: namespace as string,
      serviceAccountName: serviceAccountName as string,
      roleARN: stringAt(p.get('roleARN'), `${path}.roleARN`),
      roleName: stringAt(p.get('roleName'), `${path}.roleName`),
      createServiceAccount: boolAt(p.get('createServiceAccount'), `${path}.createServiceAccount`) ?? false,
      permissionPolicyARNs: stringListAt(p.get('permissionPolicyARNs'), `${path}.permissionPolicyARNs`),
      permissionPolicy: documentAt(p.get('permissionPolicy'), `${path}.permissionPolicy`),
      permissionPolicyName: stringAt(p.get('permissionPolicyName'), `${path}.permissionPolicyName`),
      wellKnownPolicies: wellKnownAt(p.get('wellKnownPolicies'), `${path}.wellKnownPolicies`),
      permissionsBoundaryARN: stringAt(p.get('permissionsBoundaryARN'), `${path}.permissionsBoundaryARN`),
      targetRoleARN: stringAt(p.get('targetRoleARN'), `${path}.targetRoleARN`),
      disableSessionTags: boolAt(p.get('disableSessionTags'), `${path}.disableSessionTags`),
      policy: stringAt(p.get('policy'), `${path}.policy`),
      tags: stringMapAt(p.get('tags'), `${path}.tags`),
      line: lines.linePos(node?.range?.[0] ?? 0).line,
    };
    const id = `${pia.namespace}/${pia.serviceAccountName}`;
    if (seenPia.has(id))
      fail(node, `${path} repeats the association of ${id}: EKS allows one per service account`);
    seenPia.add(id);
    const grants =
      pia.permissionPolicyARNs.length > 0 ||
      pia.permissionPolicy !== undefined ||
      pia.wellKnownPolicies.length > 0;
    if (pia.roleARN !== undefined && grants) {
      fail(
        p.get('roleARN')?.key,
        `${path}.roleARN cannot be combined with permissionPolicyARNs, permissionPolicy or wellKnownPolicies, as eksctl requires`,
      );
    }
    if (pia.roleARN === undefined && !grants) {
      fail(
        node,
        `${path} needs roleARN, permissionPolicyARNs, permissionPolicy or wellKnownPolicies, as eksctl does`,
      );
    }
    if (pia.policy !== undefined) {
      // Dropping a session policy would widen what the pods may do: refuse rather than ignore it.
      fail(
        p.get('policy')?.key,
        `${path}.policy (a session policy on the association) is not supported yet: remove it here and keep that association in eksctl, or manage its policy by hand`,
      );
    }
    podIdentityAssociations.push(pia);
  });

  const addons: EksctlAddon[] = [];
  const addonList = top.get('addons');
  if (addonList && addonList.value !== null && !isSeq(addonList.value)) {
    fail(addonList.value, `addons must be a list (got ${kindOf(addonList.value)})`);
  }
  const seenAddons = new Set<string>();
  ((addonList?.value as { items?: Node[] } | null)?.items ?? []).forEach((node, index) => {
    const path = `addons[${index}]`;
    if (!isMap(node)) fail(node, `${path} must be a mapping (got ${kindOf(node)})`);
    const p = pairsOf(node as YAMLMap, path, ADDON_KEYS);
    const addonName = stringAt(p.get('name'), `${path}.name`);
    if (!addonName) fail(node, `${path}.name is required`);
    const pias = p.get('podIdentityAssociations');
    if (pias && pias.value !== null && !isSeq(pias.value)) {
      fail(pias.value, `${path}.podIdentityAssociations must be a list (got ${kindOf(pias.value)})`);
    }
    const namespaceConfig = mapAt(p.get('namespaceConfig'), `${path}.namespaceConfig`);
    const addon: EksctlAddon = {
      name: addonName as string,
      serviceAccountRoleARN: stringAt(p.get('serviceAccountRoleARN'), `${path}.serviceAccountRoleARN`),
      attachPolicyARNs: stringListAt(p.get('attachPolicyARNs'), `${path}.attachPolicyARNs`),
      attachPolicy: documentAt(p.get('attachPolicy'), `${path}.attachPolicy`),
      wellKnownPolicies: wellKnownAt(p.get('wellKnownPolicies'), `${path}.wellKnownPolicies`),
      permissionsBoundary: stringAt(p.get('permissionsBoundary'), `${path}.permissionsBoundary`),
      podIdentityAssociations: ((pias?.value as { items?: Node[] } | null)?.items ?? []).length > 0,
      useDefaultPodIdentityAssociations:
        boolAt(p.get('useDefaultPodIdentityAssociations'), `${path}.useDefaultPodIdentityAssociations`) ??
        false,
      namespace: namespaceConfig
        ? stringAt(
            pairsOf(namespaceConfig, `${path}.namespaceConfig`, ['namespace']).get('namespace'),
            `${path}.namespaceConfig.namespace`,
          )
        : undefined,
      line: lines.linePos(node?.range?.[0] ?? 0).line,
    };
    const canonical = addon.name.toLowerCase();
    if (seenAddons.has(canonical)) fail(node, `${path} repeats add-on ${addon.name}`);
    seenAddons.add(canonical);
    // eksctl's Addon.Validate: at most one policy provider, and IRSA settings exclude pod identity associations.
    const providers = [
      addon.wellKnownPolicies.length > 0,
      addon.serviceAccountRoleARN !== undefined,
      addon.attachPolicyARNs.length > 0,
      addon.attachPolicy !== undefined,
    ].filter(Boolean).length;
    if (providers > 1) {
      fail(
        node,
        `${path}: at most one of wellKnownPolicies, serviceAccountRoleARN, attachPolicyARNs and attachPolicy can be specified, as eksctl requires`,
      );
    }
    if (providers > 0 && addon.podIdentityAssociations) {
      fail(
        pias?.key,
        `${path}: cannot set IRSA settings (serviceAccountRoleARN, attachPolicyARNs, attachPolicy, wellKnownPolicies) and podIdentityAssociations at the same time, as eksctl requires`,
      );
    }
    addons.push(addon);
  });
  const addonsConfigMap = mapAt(top.get('addonsConfig'), 'addonsConfig');
  const ac = addonsConfigMap
    ? pairsOf(addonsConfigMap, 'addonsConfig', ADDONS_CONFIG_KEYS)
    : new Map<string, Pair<Node, Node>>();
  const addonsConfig = {
    autoApplyPodIdentityAssociations:
      boolAt(ac.get('autoApplyPodIdentityAssociations'), 'addonsConfig.autoApplyPodIdentityAssociations') ??
      false,
    disableDefaultAddons:
      boolAt(ac.get('disableDefaultAddons'), 'addonsConfig.disableDefaultAddons') ?? false,
  };
  // Only ipFamily is looked at (it decides the vpc-cni add-on's policy); the section stays eksctl's business.
  const network = top.get('kubernetesNetworkConfig')?.value;
  const ipFamilyNode = isMap(network) ? network.get('ipFamily', true) : undefined;
  const ipFamily = isScalar(ipFamilyNode) ? String(ipFamilyNode.value) : undefined;

  const ignoredSections = [...top.keys()].filter((k) => !READ_TOP_LEVEL.has(k));
  return {
    name: name as string,
    region: region as string,
    tags,
    withOIDC,
    serviceAccounts,
    podIdentityAssociations,
    addons,
    addonsConfig,
    ipFamily,
    ignoredSections,
  };
}
