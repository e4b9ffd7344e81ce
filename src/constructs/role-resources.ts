import type { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { createHash } from 'node:crypto';
import {
  Annotations,
  DefaultTokenResolver,
  Fn,
  Lazy,
  StringConcat,
  TerraformStack,
  Token,
  Tokenization,
} from 'cdktf';
import { Construct, Node } from 'constructs';
import { PolicyDocument, PolicyStatement, renderPolicy } from '../policy/document';
import { readableRoleName } from '../policy/role-name';
import type { WellKnownGrant } from '../policy/well-known';
import type { RoleOptions } from '../props';
import { IrsaValidationError, checkAwsManagedPolicy, checkInlinePolicy } from '../validation/validate';
import { QUOTAS, RULES, matchesRule } from '../validation/rules';
import { DEFAULT_INLINE_POLICY_NAME, managedPolicyOptions } from '../validation/role-policy';
import { managedPolicyDocument, managedPolicyParts } from '../policy/managed-policy';
import { iamPolicyClass } from './optional-modules';

export { DEFAULT_INLINE_POLICY_NAME };

/** What permission-granting code needs from an IRSA role, whichever construct made it. */
export interface IIrsaGrantable {
  /** The role's ARN. */
  readonly roleArn: string;
  /** The role's name. */
  readonly roleName: string;
  /** Adds a statement to the role's inline policy for granted permissions. */
  addToPolicy(statement: PolicyStatement): void;
  /** Attaches a managed policy to the role. */
  attachPolicy(policyArn: string): void;
}

/**
 * The Terraform resources of one IRSA role, shared by `IrsaRole` and `IamServiceAccount`. A plain class,
 * not a construct: the resources live directly in the owning construct, which keeps the tree (and synth
 * time) as small as declaring the resources by hand.
 */
export class RoleResources {
  readonly role: IamRole;
  /**
   * `role.name`, read once: each read of a resource attribute creates a token, and CDKTF captures a full
   * stack trace for every token, so the owning construct and every policy resource share this one.
   */
  readonly roleName: string;
  private readonly attachmentIds = new Set<string>();
  /** Attachments so far: 0.1.0's ids of token ARNs were their position. */
  private legacyIds = 0;
  private readonly attachedArns = new Set<string>();
  private grantedStatements?: PolicyStatement[];
  /** The customer-managed policy, with `managedPolicy`. */
  managedPolicy?: IamPolicy;
  /** The managed policy's name, or the inline policy's of `inlinePolicy`. */
  policyName?: string;
  /** The managed policy's JSON, or `inlinePolicy`'s. */
  policy?: string;
  /** Whether the role gets any permissions here (props, add-ons, `addToPolicy`, `attachPolicy`). */
  private hasPermissions: boolean;

  constructor(
    private readonly scope: Construct,
    private readonly options: RoleOptions,
    trustPolicy: PolicyDocument,
    wellKnown: WellKnownGrant,
    /** The readable name's label (see `readableRoleName`): what identifies the role to the user. */
    label: string,
  ) {
    this.role = new IamRole(scope, 'role', {
      name:
        options.roleName ??
        (options.roleNaming === 'readable'
          ? readableRoleName({ label, constructPath: scope.node.path })
          : undefined),
      namePrefix: options.roleNamePrefix,
      path: options.rolePath,
      description: options.description,
      assumeRolePolicy: renderPolicy(trustPolicy),
      permissionsBoundary: options.permissionsBoundary,
      maxSessionDuration: options.maxSessionDuration,
      tags: options.tags === undefined ? undefined : sortedRecord(options.tags),
      provider: options.awsProvider,
    });
    this.roleName = this.role.name;
    this.hasPermissions = grantsPermissions(options, wellKnown);
    scope.node.addValidation({ validate: () => this.permissionsProblem() });
    for (const arn of [...(options.attachPolicyArns ?? []), ...wellKnown.managedPolicyArns]) this.attach(arn);
    if (managedPolicyOptions(options) !== undefined) this.managedPolicyResources(wellKnown);
    else this.inlinePolicies(wellKnown);
  }

  /** `inlinePolicy` and each add-on's statements as inline policies (the default). */
  private inlinePolicies(wellKnown: WellKnownGrant): void {
    const { options, scope } = this;
    const base = options.inlinePolicyName ?? DEFAULT_INLINE_POLICY_NAME;
    if (options.inlinePolicy !== undefined) {
      this.policyName = base;
      this.policy =
        typeof options.inlinePolicy === 'string' ? options.inlinePolicy : renderPolicy(options.inlinePolicy);
      new IamRolePolicy(scope, 'inline-policy', {
        name: base,
        role: this.roleName,
        policy: this.policy,
        provider: options.awsProvider,
      });
    }
    // One inline policy per add-on, so a plan shows which add-on grants what.
    for (const addon of wellKnown.addons) {
      if (addon.statements.length === 0) continue;
      new IamRolePolicy(scope, `addon-${addon.key}`, {
        name: options.addonPolicyNames?.[addon.key] ?? `${base}-${addon.key}`,
        role: this.roleName,
        policy: renderPolicy({ Version: '2012-10-17', Statement: addon.statements }),
        provider: options.awsProvider,
      });
    }
  }

  /**
   * `managedPolicy`: `inlinePolicy` and the add-ons' statements in one `aws_iam_policy`, attached to the role.
   * The ids are fixed words, so switching back and forth never touches the role.
   */
  private managedPolicyResources(wellKnown: WellKnownGrant): void {
    const { options, scope } = this;
    const settings = managedPolicyOptions(options) ?? {};
    this.policy = managedPolicyText(options.inlinePolicy, wellKnown);
    const IamPolicy = iamPolicyClass();
    this.managedPolicy = new IamPolicy(scope, 'managed-policy', {
      // Role names are unique per account, and so are managed policy names.
      name: settings.name ?? this.roleName,
      path: settings.path ?? options.rolePath,
      description: settings.description,
      policy: this.policy,
      tags: options.tags === undefined ? undefined : sortedRecord(options.tags),
      provider: options.awsProvider,
    });
    this.policyName = this.managedPolicy.name;
    new IamRolePolicyAttachment(scope, 'managed-policy-attachment', {
      role: this.roleName,
      policyArn: this.managedPolicy.arn,
      provider: options.awsProvider,
    });
  }

  /** Validated `addToPolicy`: statements go into one extra inline policy, rendered at synth. */
  addToPolicy(statement: PolicyStatement): void {
    checkInlinePolicy(
      this.scope.node.path,
      { Version: '2012-10-17', Statement: [statement] },
      'addToPolicy statement',
    );
    if (!this.grantedStatements) {
      const statements: PolicyStatement[] = [];
      this.grantedStatements = statements;
      new IamRolePolicy(this.scope, 'granted-policy', {
        name: `${this.options.inlinePolicyName ?? DEFAULT_INLINE_POLICY_NAME}-granted`,
        role: this.roleName,
        policy: Lazy.stringValue({
          produce: () => renderPolicy({ Version: '2012-10-17', Statement: statements }),
        }),
        provider: this.options.awsProvider,
      });
    }
    this.grantedStatements.push(statement);
    this.hasPermissions = true;
  }

  /** Records permissions the owning construct grants itself (e.g. on a Pod Identity target role). */
  noteGranted(): void {
    this.hasPermissions = true;
  }

  /** At synth: a role with no permissions at all is an error unless they are managed elsewhere. */
  private permissionsProblem(): string[] {
    if (this.hasPermissions || this.options.permissionsManagedElsewhere === true) return [];
    return [noPermissionsMessage(this.options)];
  }

  /** Validated `attachPolicy`, with the same ARN, duplicate and quota rules as `attachPolicyArns`. */
  attachPolicy(policyArn: string): void {
    const where = this.scope.node.path;
    // JavaScript callers can pass anything; matchesRule would read an array as its joined text.
    const arnText =
      typeof policyArn === 'string' &&
      (Token.isUnresolved(policyArn) || matchesRule(RULES.policyArn, policyArn));
    if (!arnText) {
      throw new IrsaValidationError(
        where,
        'attachPolicy',
        `attachPolicy ${JSON.stringify(policyArn)} is invalid: it must be ${RULES.policyArn.allowed}.`,
      );
    }
    const warning = checkAwsManagedPolicy(where, 'attachPolicy', policyArn);
    if (this.attachedArns.has(policyArn)) {
      throw new IrsaValidationError(
        where,
        'attachPolicy',
        `attachPolicy ${JSON.stringify(policyArn)} is invalid: that policy is already attached.`,
      );
    }
    if (this.attachmentIds.size + (this.managedPolicy ? 1 : 0) >= QUOTAS.attachedPoliciesMax) {
      throw new IrsaValidationError(
        where,
        'attachPolicy',
        `attachPolicy ${JSON.stringify(policyArn)} is invalid: the role already has ${QUOTAS.attachedPoliciesMax} managed policies, the highest quota AWS grants.`,
      );
    }
    if (warning) Annotations.of(this.scope).addWarning(warning);
    this.attach(policyArn);
    this.hasPermissions = true;
  }

  private attach(policyArn: string): void {
    this.attachedArns.add(policyArn);
    const id = uniqueId(attachmentId(this.scope, policyArn), this.attachmentIds);
    this.attachmentIds.add(id);
    const attachment = new IamRolePolicyAttachment(this.scope, id, {
      role: this.roleName,
      policyArn,
      provider: this.options.awsProvider,
    });
    // 0.1.0 gave an ARN that is a token the id `attachment-<position>`: move it from there on upgrade.
    const legacyId = Token.isUnresolved(policyArn) ? `attachment-${this.legacyIds}` : id;
    this.legacyIds++;
    if (legacyId === id) return;
    const legacy = logicalIdAt(this.scope, legacyId);
    if (legacy === undefined) {
      Annotations.of(this.scope).addWarning(
        `The attachment of ${policyArn} has a new address and no moved block from 0.1.0's (${legacyId}): the stack's allocateLogicalId does not accept a construct path. On upgrade, see docs/upgrading.md.`,
      );
      return;
    }
    attachment.moveFromId(`${attachment.terraformResourceType}.${legacy}`);
  }
}

/**
 * Role attributes the constructs expose but rarely read, each read once on first use: every read of a
 * resource attribute creates a token, and CDKTF captures (and keeps) a full stack trace for each, which was
 * two of the nine per service account. One token per attribute, so two reads give the same string.
 */
export class LazyRoleAttributes {
  private cachedUniqueId?: string;
  private cachedPath?: string;

  constructor(private readonly role: IamRole) {}

  /** `role.uniqueId`. */
  get uniqueId(): string {
    this.cachedUniqueId ??= this.role.uniqueId;
    return this.cachedUniqueId;
  }

  /** `role.path`. */
  get path(): string {
    this.cachedPath ??= this.role.path;
    return this.cachedPath;
  }
}

/**
 * The managed policy's JSON text: the merged document, or, when `inlinePolicy` is JSON known only at apply,
 * a Terraform expression that appends the add-ons' statements to its `Statement`.
 */
function managedPolicyText(inlinePolicy: RoleOptions['inlinePolicy'], wellKnown: WellKnownGrant): string {
  if (typeof inlinePolicy === 'string' && Token.isUnresolved(inlinePolicy)) {
    const addons = managedPolicyParts(undefined, wellKnown.addons).flatMap((p) => p.statements);
    if (addons.length === 0) return inlinePolicy;
    const decoded = Fn.jsondecode(inlinePolicy);
    return Fn.jsonencode({
      Version: Fn.lookup(decoded, 'Version', '2012-10-17'),
      Statement: Fn.concat([
        Fn.flatten([Fn.lookup(decoded, 'Statement', [])]),
        Fn.lookup(
          Fn.jsondecode(rawUnlessToken(renderPolicy({ Version: '2012-10-17', Statement: addons }))),
          'Statement',
        ),
      ]),
    });
  }
  const inline =
    inlinePolicy === undefined
      ? undefined
      : typeof inlinePolicy === 'string'
        ? (JSON.parse(inlinePolicy) as PolicyDocument)
        : inlinePolicy;
  return renderPolicy(managedPolicyDocument(inline, managedPolicyParts(inline, wellKnown.addons)));
}

/** JSON text as a Terraform string literal (escaped); text with tokens in it is rendered as a template. */
function rawUnlessToken(text: string): string {
  return Token.isUnresolved(text) ? text : Fn.rawString(text);
}

/**
 * The construct id (and so the Terraform address) of the attachment of `policyArn`, from strings known at
 * synth, never from list positions: `attachment-<what follows ":iam::">` (e.g. `attachment-aws-policy-
 * AmazonEKS_CNI_Policy`) when that part of the ARN is literal, even when the partition is a token; else
 * `attachment-<the Terraform expression of the ARN>` (e.g. `attachment-var-policy_arn` for `var.policy_arn`).
 */
export function attachmentId(scope: Construct, policyArn: string): string {
  const at = policyArn.lastIndexOf(':iam::');
  const tail = at < 0 ? policyArn : policyArn.slice(at + ':iam::'.length);
  if (!Token.isUnresolved(tail)) return `attachment-${idText(tail)}`;
  const expression = Tokenization.resolve(policyArn, {
    scope,
    preparing: false,
    resolver: new DefaultTokenResolver(new StringConcat()),
  }) as unknown;
  const text = String(expression).replace(/^\$\{(.*)\}$/s, '$1');
  const clean = idText(text);
  return clean.length <= 60
    ? `attachment-${clean}`
    : `attachment-${clean.slice(0, 50)}-${createHash('sha256').update(text).digest('hex').slice(0, 8)}`;
}

/** Characters construct ids keep readable in addresses. */
function idText(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
}

/** `base`, or `base-2`, `base-3`… when taken (the same policy attached twice, e.g. by two add-ons). */
function uniqueId(base: string, taken: ReadonlySet<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * The logical id the stack gives a resource with construct id `id` in `scope` (what `moved` needs), from the
 * construct path as CDKTF's default `allocateLogicalId` reads it; undefined when an override cannot.
 */
function logicalIdAt(scope: Construct, id: string): string | undefined {
  const scopes = [...scope.node.scopes, { node: { id } }];
  try {
    const logicalId = TerraformStack.of(scope).getLogicalId({ scopes } as unknown as Node);
    return typeof logicalId === 'string' && logicalId !== '' ? logicalId : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the props grant anything (a token list may: its length is known only at apply). */
function grantsPermissions(options: RoleOptions, wellKnown: WellKnownGrant): boolean {
  const arns = options.attachPolicyArns;
  return (
    (arns !== undefined && (Token.isUnresolved(arns) || arns.length > 0)) ||
    options.inlinePolicy !== undefined ||
    wellKnown.managedPolicyArns.length > 0 ||
    wellKnown.statements.length > 0
  );
}

export const PERMISSIONS_DOCS = 'https://github.com/cdktf-irsa/cdktf-irsa/blob/main/docs/permissions.md';

/** The synth error for a role without permissions, naming the props that were given empty. */
export function noPermissionsMessage(options: RoleOptions): string {
  const empty: string[] = [];
  if (Array.isArray(options.attachPolicyArns)) empty.push('attachPolicyArns is []');
  if (options.wellKnownPolicies !== undefined) {
    empty.push(`wellKnownPolicies ${JSON.stringify(options.wellKnownPolicies)} grants nothing`);
  }
  const given = empty.length === 0 ? 'none was given' : empty.join(', ');
  return `permissions: the role has none (${given}), so every AWS call of its pods would be denied. Give at least one of attachPolicyArns, inlinePolicy or wellKnownPolicies, or call addToPolicy or attachPolicy; if its policies are attached elsewhere, set permissionsManagedElsewhere: true (${PERMISSIONS_DOCS}).`;
}

/** A copy with keys in sorted order, so synthesized JSON does not depend on insertion order. */
export function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  if (Token.isUnresolved(record)) return record;
  const out: Record<string, T> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key];
  return out;
}

/** The path a construct will have, known before it is created (validation runs before `super`). */
export function childPath(scope: Construct, id: string): string {
  return scope.node.path ? `${scope.node.path}/${id}` : id;
}
