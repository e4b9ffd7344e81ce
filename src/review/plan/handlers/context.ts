/**
 * What a resource handler works with while the change model is built: the model so far, the indexed
 * configuration, and lookups of the roles and managed policies the plan holds.
 */
import {
  addressMatches,
  configAddress,
  rawReferences,
  referencedAddresses,
  referenceLink,
  type ConfigIndex,
} from '../config';
import { side, type Change } from '../change';
import type { ManagedPolicyModel, PlanModel, RoleModel, UnverifiedLink } from '../model';
import { roleAccount, roleArnParts } from '../arn';

/**
 * One resource type's contribution to the model. Handlers run stage by stage: `owners` (roles, managed
 * policies) before `links` (what attaches policies to roles) before `consumers` (what uses a role), so a
 * handler can look up anything an earlier stage added.
 */
export interface ResourceHandler {
  readonly types: readonly string[];
  readonly stage: 'owners' | 'links' | 'consumers';
  handle(change: Change, context: BuildContext): void;
}

export class BuildContext {
  /** Managed policies some role in the plan attaches (the others are checked on their own). */
  readonly attachedPolicies = new Set<string>();
  private roleIndex:
    | {
        byName: Map<string, RoleModel[]>;
        byArn: Map<string, RoleModel[]>;
        byConfig: Map<string, RoleModel[]>;
      }
    | undefined;
  private policyIndex: { byArn: Map<string, string>; byConfig: Map<string, string[]> } | undefined;

  constructor(
    readonly model: PlanModel,
    readonly config: ConfigIndex,
  ) {}

  /** Addresses of `targetType` resources an attribute's expression refers to (instance keys kept). */
  references(change: Change, path: readonly string[], targetType: string): string[] {
    return referencedAddresses(this.config, change.address, path, targetType);
  }

  /** Every reference an attribute's expression names, as written. */
  rawReferences(change: Change, path: readonly string[]): string[] {
    return rawReferences(this.config, change.address, path);
  }

  private roles() {
    if (this.roleIndex) return this.roleIndex;
    const index = {
      byName: new Map<string, RoleModel[]>(),
      byArn: new Map<string, RoleModel[]>(),
      byConfig: new Map<string, RoleModel[]>(),
    };
    for (const r of this.model.roles) {
      for (const n of new Set([r.nameBefore, r.nameAfter])) if (n) pushTo(index.byName, n, r);
      for (const a of new Set([r.arnBefore, r.arnAfter])) if (a) pushTo(index.byArn, a, r);
      pushTo(index.byConfig, configAddress(r.address), r);
    }
    return (this.roleIndex = index);
  }

  /** Roles at the instance addresses a reference (possibly unkeyed) names. */
  rolesAtReference(reference: string): RoleModel[] {
    return (this.roles().byConfig.get(configAddress(reference)) ?? []).filter((r) =>
      addressMatches(reference, r.address),
    );
  }

  /**
   * Roles a role name or ARN names: by exact ARN, else by name when the ARN's account is unknown or is
   * the account of the role with that name (a role in another account is not the local one).
   */
  rolesNamed(value: string): RoleModel[] {
    const index = this.roles();
    const exact = index.byArn.get(value);
    if (exact) return exact;
    const parts = roleArnParts(value);
    if (!parts) return index.byName.get(value) ?? [];
    return (index.byName.get(parts.name) ?? []).filter((r) => {
      const own = roleAccount(r);
      return own === undefined || own === parts.account;
    });
  }

  /** Roles a `role`-like attribute points at: by name or ARN when known, else by configuration reference. */
  rolesFor(change: Change, attr: string): RoleModel[] {
    return this.roleLinkFor(change, attr).roles;
  }

  /**
   * As {@link rolesFor}, and when the value is not known at plan and its expression picks the role by an
   * index the plan does not show: no roles, and the link as unverified (recorded in the model).
   */
  roleLinkFor(change: Change, attr: string): { roles: RoleModel[]; unverified?: UnverifiedLink } {
    const slot = side(change, change.kind === 'delete' ? 'before' : 'after', [attr]);
    const values = slot.state === 'known' ? (Array.isArray(slot.value) ? slot.value : [slot.value]) : [];
    const found = new Set<RoleModel>();
    for (const v of values) if (typeof v === 'string') for (const r of this.rolesNamed(v)) found.add(r);
    if (found.size > 0) return { roles: sortedByAddress(found, (r) => r.address) };
    const hidden = slot.state === 'unknown' || slot.state === 'sensitive';
    return this.roleReferences(change, [attr], attr, hidden);
  }

  /**
   * Roles an attribute's expression refers to. When `unknownValue` (the value is known only after apply)
   * and the instance key is only assumed (`aws_iam_role.x[each.key]` reads as `aws_iam_role.x`,
   * `each.key`), the link is unverified: no roles, and the roles it may name as candidates.
   */
  roleReferences(
    change: Change,
    path: readonly string[],
    attribute: string,
    unknownValue: boolean,
  ): { roles: RoleModel[]; unverified?: UnverifiedLink } {
    const { found, unverified } = this.linkByReference(change, path, attribute, unknownValue, {
      type: 'aws_iam_role',
      at: (reference) => this.rolesAtReference(reference),
      address: (r) => r.address,
    });
    return { roles: found, unverified };
  }

  /**
   * The `target.type` resources of the plan an attribute's expression refers to, sorted by address. When
   * `unknownValue` and the instance key is only assumed (see {@link referenceLink}), the link is unverified:
   * nothing found, and every instance it may name recorded in the model as a candidate.
   */
  private linkByReference<T>(
    change: Change,
    path: readonly string[],
    attribute: string,
    unknownValue: boolean,
    target: { type: string; at: (reference: string) => T[]; address: (t: T) => string; name?: 'policy' },
  ): { found: T[]; unverified?: UnverifiedLink } {
    const link = referenceLink(this.config, change.address, path, target.type);
    const at = (refs: readonly string[]): T[] => {
      const found = new Set<T>();
      for (const ref of refs) for (const t of target.at(ref)) found.add(t);
      return sortedByAddress(found, target.address);
    };
    if (unknownValue && link.ownKeyAssumed) {
      const candidates = at(link.candidates).map(target.address);
      if (candidates.length > 0) {
        const unverified: UnverifiedLink = {
          address: change.address,
          attribute,
          references: link.references,
          candidates,
          ...(target.name === undefined ? {} : { target: target.name }),
        };
        this.model.unverifiedLinks.push(unverified);
        return { found: [], unverified };
      }
    }
    return { found: at(link.addresses) };
  }

  private policies() {
    if (this.policyIndex) return this.policyIndex;
    const index = { byArn: new Map<string, string>(), byConfig: new Map<string, string[]>() };
    for (const [addr, p] of this.model.policies) {
      if (p.arnBefore) index.byArn.set(p.arnBefore, addr);
      if (p.arnAfter) index.byArn.set(p.arnAfter, addr);
      pushTo(index.byConfig, configAddress(addr), addr);
    }
    return (this.policyIndex = index);
  }

  /** The managed policy of the plan with this ARN. */
  policyByArn(arn: string): [string, ManagedPolicyModel] | undefined {
    const address = this.policies().byArn.get(arn);
    const policy = address === undefined ? undefined : this.model.policies.get(address);
    return address !== undefined && policy ? [address, policy] : undefined;
  }

  /** Managed policies of the plan at the instance addresses a reference (possibly unkeyed) names. */
  policiesAtReference(reference: string): string[] {
    return (this.policies().byConfig.get(configAddress(reference)) ?? []).filter((a) =>
      addressMatches(reference, a),
    );
  }

  /**
   * The plan's managed policies an attribute's expression refers to (for a value known only after apply),
   * sorted. A reference without an instance key (`aws_iam_policy.p[var.i]` reads as `aws_iam_policy.p`,
   * `var.i`) names every instance, as a role reference does. A key taken only from `each.key` or
   * `count.index` is not confirmed (see UnverifiedLink): no policies, and the link recorded as unverified.
   */
  policiesByReference(change: Change, attr: string): string[] {
    return this.linkByReference(change, [attr], attr, true, {
      type: 'aws_iam_policy',
      at: (reference) => this.policiesAtReference(reference),
      address: (a) => a,
      name: 'policy',
    }).found;
  }
}

/** Roles or policies of the plan in address order (addresses are unique, so the order is total). */
function sortedByAddress<T>(items: Iterable<T>, address: (t: T) => string): T[] {
  return [...items].sort((a, b) => (address(a) < address(b) ? -1 : 1));
}

export function pushTo<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
