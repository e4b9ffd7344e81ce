/**
 * What a permission policy allows, asked as "does it allow this action on every resource of a kind?"
 * rather than "is Resource literally "*"?". Statements are read the way the evaluator reads them
 * (./evaluate): Action/NotAction and Resource/NotResource are sets and complements, a missing Resource
 * applies to every resource, and an unconditional Deny that covers the same actions and resources wins.
 * A resource pattern covers a kind when it contains the kind's pattern (./patterns, `patternContains`).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
import type { PolicyDocument, Statement } from './document';
import { patternContains, patternsOverlap, wildcardMatch } from './patterns';

/**
 * Patterns standing for "every resource of a kind"; `{partition}`, `{region}` and `{account}` are filled
 * in (with `*` and with the values the statements' resource ARNs name).
 */
export type ResourceKind = readonly string[];

/** Every resource there is. */
export const EVERY_RESOURCE: ResourceKind = ['arn:{partition}:*'];

const serviceKinds = new Map<string, ResourceKind>();

/**
 * Every ARN of one service, in any of the ARN shapes services use. The same array is returned for the
 * same service, so the patterns filled in for it are cached (`kindPatterns`).
 */
export function serviceResources(service: string): ResourceKind {
  let kind = serviceKinds.get(service);
  if (!kind) {
    kind = [
      `arn:{partition}:${service}:*`,
      `arn:{partition}:${service}:*:*:*`,
      `arn:{partition}:${service}:::*`,
      `arn:{partition}:${service}::{account}:*`,
      `arn:{partition}:${service}:*:{account}:*`,
    ];
    if (serviceKinds.size < 2000) serviceKinds.set(service, kind);
  }
  return kind;
}

/** Every IAM role of an account. */
export const EVERY_ROLE: ResourceKind = ['arn:{partition}:iam::{account}:role/*'];

export interface BroadAllow {
  /** Index of the Allow statement granting it. */
  index: number;
  statement: Statement;
  /** Resources of the kind it does not reach (NotResource entries, Deny statements on some of them). */
  except: string[];
  /** The Allow statement has conditions: it grants this only when they hold. */
  conditional: boolean;
  /** NotResource entries that name no resource of the kind (another service's ARNs): they except nothing. */
  outside?: string[];
}

/** `arn:partition:service:region:account:resource` split into its six fields, or undefined. */
function arnFields(arn: string): string[] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

/**
 * Can `entry` (a resource ARN pattern) name a resource of the kind pattern `kind`? Field by field, as IAM
 * matches ARNs (a wildcard does not reach across the colons of the first five fields); patterns that are
 * not full ARNs (`*`, `arn:*`) are compared whole.
 */
export function namesResourceOf(entry: string, kind: string): boolean {
  const e = arnFields(entry);
  const k = arnFields(kind);
  if (!e || !k) return patternsOverlap(entry, kind);
  return e.every((field, i) => patternsOverlap(field, k[i]));
}

const lower = (s: string): string => s.toLowerCase();

/** Does the statement's action part cover every action `action` (an action or action pattern) matches? */
export function coversActions(statement: Statement, action: string): boolean {
  const a = lower(action);
  if (statement.action) return statement.action.some((p) => patternContains(lower(p), a));
  if (statement.notAction) return !statement.notAction.some((p) => patternsOverlap(lower(p), a));
  return false;
}

/** Does the statement's action part match some action `action` matches? */
export function touchesActions(statement: Statement, action: string): boolean {
  const a = lower(action);
  if (statement.action) return statement.action.some((p) => patternsOverlap(lower(p), a));
  if (statement.notAction) return !statement.notAction.some((p) => patternContains(lower(p), a));
  return false;
}

/** Field `n` (from 0) of a colon-separated ARN, as `arn.split(':')[n]` gives it, without the array. */
export function arnField(arn: string, n: number): string | undefined {
  let start = 0;
  for (let i = 0; i < n; i++) {
    const colon = arn.indexOf(':', start);
    if (colon < 0) return undefined;
    start = colon + 1;
  }
  const end = arn.indexOf(':', start);
  return end < 0 ? arn.slice(start) : arn.slice(start, end);
}

/** Filled-in patterns by kind and by the partitions and accounts (in order) they were filled with. */
const filledKinds = new WeakMap<ResourceKind, Map<string, string[]>>();

/**
 * The kind's patterns, its placeholders filled with the partitions and accounts the statements' resource
 * ARNs name. Read on every call (statements are plain mutable arrays, so a cache keyed on them could go
 * stale); the filling is cached by its content.
 */
function kindPatterns(kind: ResourceKind, statements: readonly Statement[]): string[] {
  const partitions = new Set(['aws', '*']);
  const accounts = new Set(['*']);
  const regions = new Set(['*']);
  const byRegion = kind.some((t) => t.includes('{region}'));
  const collect = (resources: readonly string[] | undefined): void => {
    if (!resources) return;
    for (const r of resources) {
      if (!r.startsWith('arn:')) continue;
      // A short ARN names its partition too: `arn:aws-cn:*` is every resource of that partition.
      const partition = arnField(r, 1);
      if (partition) partitions.add(partition);
      const account = arnField(r, 4);
      if (account) accounts.add(account);
      const region = byRegion ? arnField(r, 3) : undefined;
      if (region) regions.add(region);
    }
  };
  for (const s of statements) {
    collect(s.resource);
    collect(s.notResource);
  }
  // Most policies of a plan name the same partitions and accounts: fill the templates once for them.
  const signature = JSON.stringify([[...partitions], [...accounts], [...regions]]);
  let byFill = filledKinds.get(kind);
  if (!byFill) filledKinds.set(kind, (byFill = new Map()));
  const cached = byFill.get(signature);
  if (cached) return cached;
  const out: string[] = [];
  for (const template of kind)
    for (const p of partitions)
      for (const a of template.includes('{account}') ? accounts : ['*'])
        for (const r of template.includes('{region}') ? regions : ['*'])
          out.push(template.replace('{partition}', p).replace('{account}', a).replace('{region}', r));
  if (byFill.size < 1000) byFill.set(signature, out);
  return out;
}

type Coverage = { full: false } | { full: true; except: string[] };

/** How a statement's resource part covers the kind (one of its patterns). */
function resourceCoverage(statement: Statement, kinds: readonly string[]): Coverage {
  if (statement.resource) {
    for (const k of kinds)
      if (statement.resource.some((r) => patternContains(r, k))) return { full: true, except: [] };
    return { full: false };
  }
  if (statement.notResource) {
    // Everything but the listed resources: broad unless an exclusion swallows one shape of the kind.
    const nr = statement.notResource;
    if (kinds.some((k) => nr.some((r) => patternContains(r, k)))) return { full: false };
    return { full: true, except: nr.filter((r) => kinds.some((k) => namesResourceOf(r, k))) };
  }
  return { full: true, except: [] }; // no Resource element: the evaluator applies it to every resource
}

/**
 * Allow statements of `document` that allow every action `action` matches on every resource of `kind`
 * (perhaps minus some exceptions), after the Deny statements of the document and of `otherDenies`
 * (the other policies of the same role). A Deny with conditions is not assumed to apply.
 */
export function broadAllows(
  document: PolicyDocument,
  action: string,
  kind: ResourceKind,
  otherDenies: readonly Statement[] = [],
): BroadAllow[] {
  const denies = [...document.statements.filter((s) => s.effect === 'Deny'), ...otherDenies];
  const kinds = kindPatterns(kind, [...document.statements, ...otherDenies]);
  const out: BroadAllow[] = [];
  document.statements.forEach((statement, index) => {
    if (statement.effect !== 'Allow' || !coversActions(statement, action)) return;
    const coverage = resourceCoverage(statement, kinds);
    if (!coverage.full) return;
    const except = [...coverage.except];
    for (const d of denies) {
      if (d.conditions.length > 0 || !touchesActions(d, action)) continue;
      const deniedAll = coversActions(d, action);
      const dc = resourceCoverage(d, kinds);
      if (deniedAll && dc.full && dc.except.length === 0) return; // cancelled outright
      if (deniedAll && dc.full) return; // denied on all but a few resources: nothing broad is left
      if (d.resource) except.push(...d.resource.filter((r) => kinds.some((k) => namesResourceOf(r, k))));
    }
    const allow: BroadAllow = {
      index,
      statement,
      except: [...new Set(except)].sort(),
      conditional: statement.conditions.length > 0,
    };
    const outside = (statement.notResource ?? []).filter((r) => !coverage.except.includes(r));
    if (!statement.resource && outside.length > 0) allow.outside = outside;
    out.push(allow);
  });
  return out;
}

/**
 * Allow statements that only together allow every action on every resource (e.g. `NotAction: "iam:*"`
 * next to `Action: "iam:*"`), each on every resource and none cancelled by a Deny; empty when no such set
 * exists or when one statement alone does it (that is {@link broadAllows}'s). Decided by evaluating a
 * universe of actions drawn from the document: every action it names, one instance of every pattern it
 * names, and actions of a service it does not name.
 */
export function everyActionTogether(
  document: PolicyDocument,
  otherDenies: readonly Statement[] = [],
): number[] {
  if (broadAllows(document, '*', EVERY_RESOURCE, otherDenies).length > 0) return [];
  const kinds = kindPatterns(EVERY_RESOURCE, [...document.statements, ...otherDenies]);
  const denies = [...document.statements.filter((s) => s.effect === 'Deny'), ...otherDenies];
  const wide = document.statements
    .map((statement, index) => ({ statement, index }))
    .filter(({ statement }) => {
      if (statement.effect !== 'Allow') return false;
      return resourceCoverage(statement, kinds).full;
    });
  if (wide.length < 2) return [];
  const named = document.statements.flatMap((s) => [...(s.action ?? []), ...(s.notAction ?? [])]);
  const probes = new Set(['zzsvc:ZzProbe', ...named, ...named.map((a) => a.replace(/[*?]/g, 'Zz'))]);
  const used = new Set<number>();
  for (const action of probes) {
    if (action.includes('*') || action.includes('?')) continue;
    const by = wide.find(({ statement }) => coversActions(statement, action));
    if (!by) return [];
    const denied = denies.some((d) => {
      if (d.conditions.length > 0 || !coversActions(d, action)) return false;
      return resourceCoverage(d, kinds).full;
    });
    if (denied) return [];
    used.add(by.index);
  }
  return used.size > 1 ? [...used].sort((a, b) => a - b) : [];
}

/**
 * Does the document allow `action` (a concrete action) on some resource, not cancelled by an
 * unconditional Deny on every resource? Returns the index of the first Allow statement granting it.
 */
export function allowsAction(
  document: PolicyDocument,
  action: string,
  otherDenies: readonly Statement[] = [],
): number | undefined {
  const denies = [...document.statements.filter((s) => s.effect === 'Deny'), ...otherDenies];
  const kinds = kindPatterns(EVERY_RESOURCE, document.statements);
  const cancelled = denies.some(
    (d) =>
      d.conditions.length === 0 &&
      coversActions(d, action) &&
      (() => {
        const c = resourceCoverage(d, kinds);
        return c.full && c.except.length === 0;
      })(),
  );
  if (cancelled) return undefined;
  const index = document.statements.findIndex(
    (s) =>
      s.effect === 'Allow' &&
      (s.action
        ? s.action.some((p) => wildcardMatch(p, action, true))
        : s.notAction
          ? !s.notAction.some((p) => wildcardMatch(p, action, true))
          : false) &&
      !(s.resource && s.resource.length === 0),
  );
  return index < 0 ? undefined : index;
}

/**
 * IAM actions that let a principal raise its own privileges, from Rhino Security Labs, "AWS IAM
 * Privilege Escalation – Methods and Mitigation" (2018):
 * https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/
 * (iam:PassRole is covered with the compute actions it combines with, below.)
 */
export const PRIVILEGE_ESCALATION_ACTIONS: readonly string[] = [
  'iam:AddUserToGroup',
  'iam:AttachGroupPolicy',
  'iam:AttachRolePolicy',
  'iam:AttachUserPolicy',
  'iam:CreateAccessKey',
  'iam:CreateLoginProfile',
  'iam:CreatePolicyVersion',
  'iam:PutGroupPolicy',
  'iam:PutRolePolicy',
  'iam:PutUserPolicy',
  'iam:SetDefaultPolicyVersion',
  'iam:UpdateAssumeRolePolicy',
  'iam:UpdateLoginProfile',
];

/** Actions that run code with a passed role: with iam:PassRole they escalate (same source). */
export const PASS_ROLE_COMPUTE_ACTIONS: readonly string[] = [
  'cloudformation:CreateStack',
  'datapipeline:CreatePipeline',
  'ec2:RunInstances',
  'ecs:RunTask',
  'glue:CreateDevEndpoint',
  'lambda:CreateFunction',
];
