/**
 * The change model: one pass over a plan's resource_changes builds the roles, their policies, the
 * service accounts and OIDC providers the rules look at. Values are referenced, never copied.
 */
import { parsePolicyDocument, type PolicyDocument } from '../../iam/document';
import type { RawConfigModule, RawPlan, RawResourceChange } from './types';
import { readSlot, slotStrings, slotText, type PathStep, type Slot } from './values';

export type ChangeKind = 'create' | 'update' | 'replace' | 'delete' | 'no-op' | 'read' | 'forget';

export interface Change {
  address: string;
  type: string;
  kind: ChangeKind;
  importing: boolean;
  previousAddress?: string;
  actionReason?: string;
  /** Attribute paths forcing replacement, as `a.b[0]`. */
  replacePaths: string[];
  raw: RawResourceChange;
}

export type PolicyState =
  | { state: 'known'; text: string; document: PolicyDocument }
  | { state: 'invalid'; text: string; error: string }
  | { state: 'unknown' | 'sensitive' | 'absent' };

export interface PolicyVersions {
  /** Where it comes from: `inline_policy "name"`, `aws_iam_role_policy.x`, `aws_iam_policy.y`. */
  label: string;
  address: string;
  before: PolicyState;
  after: PolicyState;
}

export interface ManagedAttachment {
  /** The policy ARN, or a label such as `aws_iam_policy.x (known after apply)`. */
  arn: string;
  address: string;
  status: 'added' | 'removed' | 'kept';
}

export interface RoleModel {
  address: string;
  change: Change;
  nameBefore?: string;
  nameAfter?: string;
  arnBefore?: string;
  arnAfter?: string;
  trust: { before: PolicyState; after: PolicyState };
  permissions: PolicyVersions[];
  managed: ManagedAttachment[];
  boundaryBefore?: string;
  boundaryAfter: Slot;
}

export interface ServiceAccountModel {
  address: string;
  change: Change;
  namespace: string;
  name: string;
  /** The `eks.amazonaws.com/role-arn` annotation after the change. */
  roleArn: Slot;
  /** Role addresses the annotation expression references in the configuration. */
  roleRefs: string[];
  /** False when the namespace or name is known only after apply: its subject cannot be checked. */
  identityKnown: boolean;
}

export interface OidcProviderModel {
  address: string;
  change: Change;
  arnBefore?: string;
  issuerBefore?: string;
}

export interface PlanModel {
  source: string;
  changes: Change[];
  roles: RoleModel[];
  serviceAccounts: ServiceAccountModel[];
  oidcProviders: OidcProviderModel[];
  /**
   * Permission policies not tied to a role in this plan (an aws_iam_role_policy on a role managed
   * elsewhere, an aws_iam_policy attached nowhere in the plan): permission rules still check them.
   */
  unlinkedPolicies: PolicyVersions[];
  /** Managed-policy attachments to roles that are not in this plan. */
  unlinkedAttachments: ManagedAttachment[];
  /** Standalone managed policies (aws_iam_policy) by address. */
  policies: Map<
    string,
    { change: Change; before: PolicyState; after: PolicyState; arnBefore?: string; arnAfter?: string }
  >;
}

export const ROLE_ARN_ANNOTATION = 'eks.amazonaws.com/role-arn';

function kindOf(actions: readonly string[]): ChangeKind {
  if (actions.includes('delete') && actions.includes('create')) return 'replace';
  for (const k of ['create', 'update', 'delete', 'read', 'forget'] as const)
    if (actions.includes(k)) return k;
  return 'no-op';
}

function formatPath(path: readonly unknown[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out;
}

function toChange(rc: RawResourceChange): Change {
  const change: Change = {
    address: rc.address,
    type: rc.type,
    kind: kindOf(Array.isArray(rc.change.actions) ? rc.change.actions : []),
    importing: rc.change.importing !== undefined && rc.change.importing !== null,
    replacePaths: (Array.isArray(rc.change.replace_paths) ? rc.change.replace_paths : [])
      .map((p) => formatPath(Array.isArray(p) ? p : [p]))
      .sort(),
    raw: rc,
  };
  if (rc.previous_address) change.previousAddress = rc.previous_address;
  if (rc.action_reason) change.actionReason = rc.action_reason;
  return change;
}

/** Slot of `path` in the before or after object of a change. */
export function side(change: Change, which: 'before' | 'after', path: readonly PathStep[]): Slot {
  const c = change.raw.change;
  if (which === 'before') {
    if (change.kind === 'create') return { state: 'absent' };
    return readSlot(c.before, undefined, c.before_sensitive, path);
  }
  if (change.kind === 'delete' || change.kind === 'forget') return { state: 'absent' };
  return readSlot(c.after, c.after_unknown, c.after_sensitive, path);
}

function policyFromSlot(slot: Slot): PolicyState {
  if (slot.state !== 'known') return { state: slot.state };
  if (typeof slot.value !== 'string') {
    const parsed = parsePolicyDocument(slot.value);
    const text = JSON.stringify(slot.value);
    return parsed.ok
      ? { state: 'known', text, document: parsed.document }
      : { state: 'invalid', text, error: parsed.error };
  }
  if (slot.value === '') return { state: 'absent' };
  const parsed = parsePolicyDocument(slot.value);
  return parsed.ok
    ? { state: 'known', text: slot.value, document: parsed.document }
    : { state: 'invalid', text: slot.value, error: parsed.error };
}

/**
 * A policy parsed on first access: most policies in a large plan belong to resources that do not change,
 * and comparing their raw plan values is enough to know that. Getters on the prototype keep it small.
 */
class LazyPolicy {
  private parsed: PolicyState | undefined;
  constructor(readonly source: Slot) {}
  private get value(): PolicyState {
    return (this.parsed ??= policyFromSlot(this.source));
  }
  get state(): PolicyState['state'] {
    return this.value.state;
  }
  get text(): string | undefined {
    const p = this.value;
    return p.state === 'known' || p.state === 'invalid' ? p.text : undefined;
  }
  get document(): PolicyDocument | undefined {
    const p = this.value;
    return p.state === 'known' ? p.document : undefined;
  }
  get error(): string | undefined {
    const p = this.value;
    return p.state === 'invalid' ? p.error : undefined;
  }
}

export function policyOf(change: Change, which: 'before' | 'after', path: readonly PathStep[]): PolicyState {
  return new LazyPolicy(side(change, which, path)) as unknown as PolicyState;
}

export function policyText(p: PolicyState): string | undefined {
  return p.state === 'known' || p.state === 'invalid' ? p.text : undefined;
}

/** Whether a policy differs between two sides, comparing raw plan values when both are known. */
export function policyChanged(a: PolicyState, b: PolicyState): boolean {
  const x: unknown = a;
  const y: unknown = b;
  if (x instanceof LazyPolicy && y instanceof LazyPolicy) {
    const [p, q] = [x.source, y.source];
    if (p.state !== q.state) return true;
    if (p.state !== 'known' || q.state !== 'known') return false;
    if (p.value === q.value) return false;
    if (typeof p.value === 'string' || typeof q.value === 'string') return true;
    return JSON.stringify(p.value) !== JSON.stringify(q.value);
  }
  return policyText(a) !== policyText(b) || a.state !== b.state;
}

/** `module.a["k"].aws_x.y[0]` -> `module.a.aws_x.y` (configuration addresses carry no instance keys). */
export function configAddress(address: string): string {
  return address.replace(/\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]/g, '');
}

/** Module prefix of a configuration address (`module.a.module.b.`), or ''. */
function modulePrefix(configAddr: string): string {
  const m = /^((?:module\.[^.]+\.)*)/.exec(configAddr);
  return m ? m[1] : '';
}

interface ConfigIndex {
  expressions: Map<string, Record<string, unknown>>;
  outputs: Map<string, string[]>;
}

function indexConfiguration(plan: RawPlan): ConfigIndex {
  const index: ConfigIndex = { expressions: new Map(), outputs: new Map() };
  const walk = (mod: RawConfigModule | undefined, prefix: string): void => {
    if (!mod) return;
    for (const r of mod.resources ?? []) {
      if (r.expressions) index.expressions.set(prefix + r.address, r.expressions);
    }
    const outputs = (mod as { outputs?: Record<string, { expression?: { references?: string[] } }> }).outputs;
    for (const [name, output] of Object.entries(outputs ?? {})) {
      index.outputs.set(`${prefix.slice(0, -1)}.${name}`, output.expression?.references ?? []);
    }
    for (const [name, call] of Object.entries(mod.module_calls ?? {}))
      walk(call.module, `${prefix}module.${name}.`);
  };
  walk(plan.configuration?.root_module, '');
  return index;
}

/** All `references` arrays found anywhere inside an expression tree. */
function collectReferences(expr: unknown, out: string[]): void {
  if (Array.isArray(expr)) {
    for (const item of expr) collectReferences(item, out);
    return;
  }
  if (expr === null || typeof expr !== 'object') return;
  const record = expr as Record<string, unknown>;
  if (Array.isArray(record['references'])) {
    for (const ref of record['references']) if (typeof ref === 'string') out.push(ref);
  }
  for (const [key, value] of Object.entries(record)) if (key !== 'references') collectReferences(value, out);
}

/**
 * Configuration addresses of `targetType` resources an attribute's expression refers to, following
 * module outputs one module deep (`module.irsa.role_arn`).
 */
function referencedAddresses(
  index: ConfigIndex,
  resourceAddress: string,
  attributePath: readonly string[],
  targetType: string,
): string[] {
  const cfg = configAddress(resourceAddress);
  let expr: unknown = index.expressions.get(cfg);
  for (const key of attributePath) {
    if (Array.isArray(expr)) expr = expr[0];
    expr = expr && typeof expr === 'object' ? (expr as Record<string, unknown>)[key] : undefined;
  }
  const refs: string[] = [];
  collectReferences(expr, refs);
  return resolveRefs(index, modulePrefix(cfg), refs, targetType, 0);
}

function resolveRefs(
  index: ConfigIndex,
  prefix: string,
  refs: string[],
  targetType: string,
  depth: number,
): string[] {
  const out = new Set<string>();
  for (const ref of refs) {
    const plain = configAddress(ref);
    const direct = new RegExp(`^(${targetType}\\.[^.]+)`).exec(plain);
    if (direct) {
      out.add(prefix + direct[1]);
      continue;
    }
    const viaModule = /^module\.([^.]+)\.([^.]+)$/.exec(plain);
    if (viaModule && depth < 4) {
      const inner = `${prefix}module.${viaModule[1]}`;
      const innerRefs = index.outputs.get(`${inner}.${viaModule[2]}`) ?? [];
      for (const r of resolveRefs(index, `${inner}.`, innerRefs, targetType, depth + 1)) out.add(r);
    }
  }
  return [...out].sort();
}

const IAM_PARTITION_ARN = /^arn:[^:]+:iam::[^:]*:role\/(?:.*\/)?([^/]+)$/;

/** The role name at the end of a role ARN (paths allowed), or undefined. */
export function roleNameFromArn(arn: string): string | undefined {
  const m = IAM_PARTITION_ARN.exec(arn);
  return m ? m[1] : undefined;
}

function pushTo<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function text(change: Change, which: 'before' | 'after', path: readonly PathStep[]): string | undefined {
  return slotText(side(change, which, path));
}

export function buildModel(plan: RawPlan, source: string): PlanModel {
  const changes: Change[] = [];
  for (const rc of plan.resource_changes ?? []) {
    // Entries that are not resource changes are skipped rather than trusted.
    if (!rc || typeof rc !== 'object' || typeof rc.address !== 'string' || typeof rc.type !== 'string')
      continue;
    if (!rc.change || typeof rc.change !== 'object') continue;
    if (rc.mode === 'data') continue;
    changes.push(toChange(rc));
  }
  const config = indexConfiguration(plan);
  const roles: RoleModel[] = [];
  const serviceAccounts: ServiceAccountModel[] = [];
  const oidcProviders: OidcProviderModel[] = [];
  const policies: PlanModel['policies'] = new Map();
  const byType = new Map<string, Change[]>();
  for (const c of changes) pushTo(byType, c.type, c);
  const ofType = (t: string): Change[] => byType.get(t) ?? [];

  for (const c of ofType('aws_iam_role')) {
    const role: RoleModel = {
      address: c.address,
      change: c,
      trust: {
        before: policyOf(c, 'before', ['assume_role_policy']),
        after: policyOf(c, 'after', ['assume_role_policy']),
      },
      permissions: [],
      managed: [],
      boundaryAfter: side(c, 'after', ['permissions_boundary']),
    };
    const nb = text(c, 'before', ['name']);
    const na = text(c, 'after', ['name']);
    const ab = text(c, 'before', ['arn']);
    const aa = text(c, 'after', ['arn']);
    if (nb) role.nameBefore = nb;
    if (na) role.nameAfter = na;
    if (ab) role.arnBefore = ab;
    if (aa) role.arnAfter = aa;
    const boundaryBefore = text(c, 'before', ['permissions_boundary']);
    if (boundaryBefore) role.boundaryBefore = boundaryBefore;
    // inline_policy blocks on the role itself, matched by name across before/after.
    const inlineNames = new Set<string>();
    const inlineSlots = (which: 'before' | 'after'): Map<string, number> => {
      const slot = side(c, which, ['inline_policy']);
      const out = new Map<string, number>();
      if (slot.state === 'known' && Array.isArray(slot.value)) {
        slot.value.forEach((block, i) => {
          const name =
            block && typeof block === 'object' ? (block as Record<string, unknown>)['name'] : undefined;
          const key = typeof name === 'string' && name !== '' ? name : `#${i + 1}`;
          out.set(key, i);
          inlineNames.add(key);
        });
      }
      return out;
    };
    const ib = inlineSlots('before');
    const ia = inlineSlots('after');
    for (const name of [...inlineNames].sort()) {
      const bi = ib.get(name);
      const ai = ia.get(name);
      role.permissions.push({
        label: `inline_policy "${name}"`,
        address: c.address,
        before:
          bi === undefined ? { state: 'absent' } : policyOf(c, 'before', ['inline_policy', bi, 'policy']),
        after: ai === undefined ? { state: 'absent' } : policyOf(c, 'after', ['inline_policy', ai, 'policy']),
      });
    }
    const mb = slotStrings(side(c, 'before', ['managed_policy_arns']));
    const maSlot = side(c, 'after', ['managed_policy_arns']);
    const ma = slotStrings(maSlot);
    for (const arn of [...new Set([...mb, ...ma])].sort()) {
      role.managed.push({
        arn,
        address: c.address,
        status: mb.includes(arn) && ma.includes(arn) ? 'kept' : ma.includes(arn) ? 'added' : 'removed',
      });
    }
    roles.push(role);
  }

  const rolesByName = new Map<string, RoleModel[]>();
  const rolesByArn = new Map<string, RoleModel>();
  const rolesByConfig = new Map<string, RoleModel[]>();
  for (const r of roles) {
    for (const n of new Set([r.nameBefore, r.nameAfter])) {
      if (n) pushTo(rolesByName, n, r);
    }
    if (r.arnBefore) rolesByArn.set(r.arnBefore, r);
    if (r.arnAfter) rolesByArn.set(r.arnAfter, r);
    pushTo(rolesByConfig, configAddress(r.address), r);
  }

  /** Roles a `role`-like attribute points at: by name or ARN when known, else by configuration reference. */
  const rolesFor = (c: Change, attr: string): RoleModel[] => {
    const which = c.kind === 'delete' ? 'before' : 'after';
    const slot = side(c, which, [attr]);
    const values = slot.state === 'known' ? (Array.isArray(slot.value) ? slot.value : [slot.value]) : [];
    const found = new Set<RoleModel>();
    for (const v of values) {
      if (typeof v !== 'string') continue;
      const byArn = rolesByArn.get(v);
      if (byArn) found.add(byArn);
      for (const r of rolesByName.get(roleNameFromArn(v) ?? v) ?? []) found.add(r);
    }
    if (found.size === 0) {
      for (const addr of referencedAddresses(config, c.address, [attr], 'aws_iam_role')) {
        for (const r of rolesByConfig.get(addr) ?? []) found.add(r);
      }
    }
    return [...found].sort((a, b) => (a.address < b.address ? -1 : 1));
  };

  for (const c of ofType('aws_iam_policy')) {
    const entry: typeof policies extends Map<string, infer V> ? V : never = {
      change: c,
      before: policyOf(c, 'before', ['policy']),
      after: policyOf(c, 'after', ['policy']),
    };
    const ab = text(c, 'before', ['arn']);
    const aa = text(c, 'after', ['arn']);
    if (ab) entry.arnBefore = ab;
    if (aa) entry.arnAfter = aa;
    policies.set(c.address, entry);
  }
  const policiesByArn = new Map<string, string>();
  for (const [addr, p] of policies) {
    if (p.arnBefore) policiesByArn.set(p.arnBefore, addr);
    if (p.arnAfter) policiesByArn.set(p.arnAfter, addr);
  }
  const policyByConfig = new Map<string, string>();
  for (const addr of policies.keys()) policyByConfig.set(configAddress(addr), addr);

  const unlinkedPolicies: PolicyVersions[] = [];
  const unlinkedAttachments: ManagedAttachment[] = [];
  const attachedPolicies = new Set<string>();
  for (const c of ofType('aws_iam_role_policy')) {
    const versions: PolicyVersions = {
      label: c.address,
      address: c.address,
      before: policyOf(c, 'before', ['policy']),
      after: policyOf(c, 'after', ['policy']),
    };
    const owners = rolesFor(c, 'role');
    for (const role of owners) role.permissions.push(versions);
    if (owners.length === 0) unlinkedPolicies.push(versions);
  }

  const attach = (c: Change, role: RoleModel, attr: string): void => {
    const before = text(c, 'before', [attr]);
    const afterSlot = side(c, 'after', [attr]);
    const after = slotText(afterSlot);
    let policyAddress: string | undefined;
    if (afterSlot.state === 'unknown') {
      policyAddress = referencedAddresses(config, c.address, [attr], 'aws_iam_policy')
        .map((a) => policyByConfig.get(a))
        .find((a) => a !== undefined);
    } else if (after) policyAddress = policiesByArn.get(after);
    if (before && before !== after) role.managed.push({ arn: before, address: c.address, status: 'removed' });
    if (after)
      role.managed.push({ arn: after, address: c.address, status: before === after ? 'kept' : 'added' });
    else if (afterSlot.state === 'unknown')
      role.managed.push({
        arn: `${policyAddress ?? c.address} (ARN known after apply)`,
        address: c.address,
        status: 'added',
      });
    if (policyAddress) {
      attachedPolicies.add(policyAddress);
      const p = policies.get(policyAddress);
      if (p)
        role.permissions.push({
          label: policyAddress,
          address: policyAddress,
          before: p.before,
          after: p.after,
        });
    }
  };
  for (const [type, attr] of [
    ['aws_iam_role_policy_attachment', 'role'],
    ['aws_iam_policy_attachment', 'roles'],
  ] as const) {
    for (const c of ofType(type)) {
      const owners = rolesFor(c, attr);
      for (const r of owners) attach(c, r, 'policy_arn');
      const arn = text(c, 'after', ['policy_arn']);
      if (owners.length === 0 && arn !== undefined && c.kind !== 'delete') {
        const before = text(c, 'before', ['policy_arn']);
        unlinkedAttachments.push({ arn, address: c.address, status: before === arn ? 'kept' : 'added' });
      }
    }
  }
  for (const c of ofType('aws_iam_role_policy_attachments_exclusive')) {
    for (const role of rolesFor(c, 'role_name')) {
      const b = slotStrings(side(c, 'before', ['policy_arns']));
      const a = slotStrings(side(c, 'after', ['policy_arns']));
      for (const arn of [...new Set([...b, ...a])].sort()) {
        const status = b.includes(arn) && a.includes(arn) ? 'kept' : a.includes(arn) ? 'added' : 'removed';
        role.managed.push({ arn, address: c.address, status });
      }
    }
  }
  // aws_iam_role_policies_exclusive only names inline policies; their documents come from aws_iam_role_policy.

  for (const r of roles) {
    const seen = new Set<string>();
    r.managed = r.managed
      .filter((m) => {
        const key = `${m.arn}|${m.status}|${m.address}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : a.address < b.address ? -1 : 1));
    r.permissions.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  }

  for (const type of [
    'kubernetes_service_account',
    'kubernetes_service_account_v1',
    'kubernetes_annotations',
  ]) {
    for (const c of ofType(type)) {
      const which = c.kind === 'delete' ? 'before' : 'after';
      const isAnnotations = type === 'kubernetes_annotations';
      if (isAnnotations && text(c, which, ['kind']) !== 'ServiceAccount') continue;
      const annotationPath = isAnnotations ? ['annotations'] : ['metadata', 0, 'annotations'];
      const sa: ServiceAccountModel = {
        address: c.address,
        change: c,
        namespace: text(c, which, ['metadata', 0, 'namespace']) ?? 'default',
        name: text(c, which, ['metadata', 0, 'name']) ?? '(known after apply)',
        roleArn: side(c, which, [...annotationPath, ROLE_ARN_ANNOTATION]),
        roleRefs: [],
        identityKnown: true,
      };
      const namespaceSlot = side(c, which, ['metadata', 0, 'namespace']);
      const nameSlot = side(c, which, ['metadata', 0, 'name']);
      if (
        namespaceSlot.state === 'unknown' ||
        namespaceSlot.state === 'sensitive' ||
        nameSlot.state !== 'known'
      ) {
        sa.identityKnown = false;
        if (namespaceSlot.state === 'unknown' || namespaceSlot.state === 'sensitive')
          sa.namespace = '(known after apply)';
      }
      const annotations = side(c, which, annotationPath);
      if (sa.roleArn.state === 'unknown' || annotations.state === 'unknown') {
        sa.roleArn = { state: 'unknown' };
        const exprPath = isAnnotations ? ['annotations'] : ['metadata', 'annotations'];
        sa.roleRefs = referencedAddresses(config, c.address, exprPath, 'aws_iam_role').flatMap((a) =>
          (rolesByConfig.get(a) ?? []).map((r) => r.address),
        );
      }
      if (sa.roleArn.state === 'absent' && sa.roleRefs.length === 0) continue;
      serviceAccounts.push(sa);
    }
  }

  for (const c of ofType('aws_iam_openid_connect_provider')) {
    const p: OidcProviderModel = { address: c.address, change: c };
    const arn = text(c, 'before', ['arn']);
    const url = text(c, 'before', ['url']);
    if (arn) p.arnBefore = arn;
    if (url) p.issuerBefore = url.replace(/^https:\/\//, '');
    oidcProviders.push(p);
  }

  for (const [address, p] of policies) {
    if (!attachedPolicies.has(address)) {
      unlinkedPolicies.push({ label: address, address, before: p.before, after: p.after });
    }
  }
  unlinkedPolicies.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  unlinkedAttachments.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));

  return {
    source,
    changes,
    roles,
    serviceAccounts,
    oidcProviders,
    policies,
    unlinkedPolicies,
    unlinkedAttachments,
  };
}

interface RoleIndex {
  byArnAfter: Map<string, RoleModel[]>;
  byArnBeforeOnly: Map<string, RoleModel[]>;
  byName: Map<string, RoleModel[]>;
  byAddress: Map<string, RoleModel>;
}
const roleIndexes = new WeakMap<PlanModel, RoleIndex>();

function roleIndex(model: PlanModel): RoleIndex {
  let index = roleIndexes.get(model);
  if (index) return index;
  index = { byArnAfter: new Map(), byArnBeforeOnly: new Map(), byName: new Map(), byAddress: new Map() };
  for (const r of model.roles) {
    if (r.arnAfter) pushTo(index.byArnAfter, r.arnAfter, r);
    else if (r.arnBefore) pushTo(index.byArnBeforeOnly, r.arnBefore, r);
    const name = r.nameAfter ?? r.nameBefore;
    if (name) pushTo(index.byName, name, r);
    index.byAddress.set(r.address, r);
  }
  roleIndexes.set(model, index);
  return index;
}

/** Roles an SA annotation points at: by planned ARN, by role name at the end of the ARN, or by reference. */
export function rolesForServiceAccount(model: PlanModel, sa: ServiceAccountModel): RoleModel[] {
  const index = roleIndex(model);
  const arn = slotText(sa.roleArn);
  if (arn !== undefined) {
    const exact = [...(index.byArnAfter.get(arn) ?? []), ...(index.byArnBeforeOnly.get(arn) ?? [])];
    if (exact.length > 0) return exact;
    const name = roleNameFromArn(arn);
    return name ? (index.byName.get(name) ?? []) : [];
  }
  return sa.roleRefs.map((a) => index.byAddress.get(a)).filter((r): r is RoleModel => r !== undefined);
}
