/** Rules over the permissions a changed role gets: IRSA009, IRSA010, IRSA011, IRSA014, IRSA016. */
import type { PolicyDocument, Statement } from '../../iam/document';
import { patternsOverlap } from '../../iam/patterns';
import {
  allowsAction,
  broadAllows,
  everyActionTogether,
  EVERY_RESOURCE,
  EVERY_ROLE,
  PASS_ROLE_COMPUTE_ACTIONS,
  PRIVILEGE_ESCALATION_ACTIONS,
  serviceResources,
  type BroadAllow,
} from '../../iam/permissions';
import type { Finding } from '../findings';
import { policyChanged, type PolicyState } from '../plan/model';
import { finding, type Rule, type RuleContext } from './context';

const ADMIN_POLICY = /^arn:aws[a-z-]*:iam::aws:policy\/(AdministratorAccess|PowerUserAccess|IAMFullAccess)$/;

export interface ChangedStatement {
  address: string;
  label: string;
  statement: Statement;
  index: number;
}

/** Allow/Deny statements of every permission policy this plan adds or changes, after the change. */
export function changedPermissionStatements(context: RuleContext): ChangedStatement[] {
  const out: ChangedStatement[] = [];
  const seen = new Set<string>();
  for (const a of context.analyses) {
    if (a.kind === 'delete') continue;
    for (const change of a.permissionChanges) {
      const p = a.role.permissions.find((x) => x.label === change.label);
      const after: PolicyState | undefined = p?.after;
      if (!p || after?.state !== 'known') continue;
      // A managed policy attached to several roles is reported once, on the policy.
      const key = `${p.address}|${p.label}`;
      if (seen.has(key)) continue;
      seen.add(key);
      after.document.statements.forEach((statement, index) =>
        out.push({
          address: p.label.startsWith('inline_policy') ? a.role.address : p.address,
          label: p.label,
          statement,
          index,
        }),
      );
    }
  }
  for (const p of context.model.unlinkedPolicies) {
    const changed = policyChanged(p.before, p.after);
    const after = p.after;
    if (!changed || after.state !== 'known') continue;
    after.document.statements.forEach((statement, index) =>
      out.push({ address: p.address, label: p.label, statement, index }),
    );
  }
  return out;
}

const where = (s: ChangedStatement): string =>
  `${s.label.startsWith('inline_policy') ? `${s.label} ` : ''}${s.statement.sid !== undefined ? `statement "${s.statement.sid}"` : `statement ${s.index + 1}`}`;

/** A changed permission policy with the Deny statements of the role's other policies. */
interface ChangedPolicy {
  address: string;
  label: string;
  document: PolicyDocument;
  otherDenies: Statement[];
}

/** Every permission policy this plan adds, changes or newly attaches, after the change. */
const changedPoliciesCache = new WeakMap<RuleContext['analyses'], ChangedPolicy[]>();

export function changedPolicies(context: RuleContext): ChangedPolicy[] {
  const cached = changedPoliciesCache.get(context.analyses);
  if (cached) return cached;
  const computed = computeChangedPolicies(context);
  changedPoliciesCache.set(context.analyses, computed);
  return computed;
}

function computeChangedPolicies(context: RuleContext): ChangedPolicy[] {
  const out: ChangedPolicy[] = [];
  const seen = new Set<string>();
  for (const a of context.analyses) {
    if (a.kind === 'delete') continue;
    const documents = a.role.permissions
      .map((p) => (p.after.state === 'known' ? p.after.document : undefined))
      .filter((d): d is PolicyDocument => d !== undefined);
    for (const change of a.permissionChanges) {
      const p = a.role.permissions.find((x) => x.label === change.label);
      const after: PolicyState | undefined = p?.after;
      if (!p || after?.state !== 'known') continue;
      const address = p.label.startsWith('inline_policy') ? a.role.address : p.address;
      const key = `${address}|${p.label}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const otherDenies = documents
        .filter((d) => d !== after.document)
        .flatMap((d) => d.statements.filter((s) => s.effect === 'Deny'));
      out.push({ address, label: p.label, document: after.document, otherDenies });
    }
  }
  for (const p of context.model.unlinkedPolicies) {
    const after = p.after;
    if (!policyChanged(p.before, p.after) || after.state !== 'known') continue;
    out.push({ address: p.address, label: p.label, document: after.document, otherDenies: [] });
  }
  return out;
}

const whereIn = (p: ChangedPolicy, b: { index: number; statement: Statement }): string =>
  where({ address: p.address, label: p.label, statement: b.statement, index: b.index });

function reach(b: BroadAllow, what: string): string {
  let text = `on ${what}`;
  if (b.except.length > 0) text += ` except ${b.except.join(', ')}`;
  if (b.conditional) text += ' (when its conditions hold)';
  return text;
}

/** Services whose every action a statement allows (`s3:*`, or `*` for all). */
function serviceWildcards(statement: Statement): string[] {
  const out = new Set<string>();
  for (const a of statement.action ?? []) {
    const m = /^([^:*?]+):\*$/.exec(a);
    if (m) out.add(m[1].toLowerCase());
  }
  return [...out].sort();
}

export const adminAccess: Rule = (context) => {
  const out: Finding[] = [];
  for (const a of context.analyses) {
    if (a.kind === 'delete') continue;
    for (const m of a.role.managed) {
      if (m.status === 'removed' || !ADMIN_POLICY.test(m.arn)) continue;
      if (m.status === 'kept' && a.kind === 'no-op') continue;
      out.push(finding(context, 'IRSA009', 'high', a.role.address, `attaches ${m.arn}`));
    }
  }
  for (const m of context.model.unlinkedAttachments) {
    if (m.status === 'added' && ADMIN_POLICY.test(m.arn)) {
      out.push(
        finding(context, 'IRSA009', 'high', m.address, `attaches ${m.arn} (to a role outside this plan)`),
      );
    }
  }
  for (const p of changedPolicies(context)) {
    const admin = broadAllows(p.document, '*', EVERY_RESOURCE, p.otherDenies);
    const adminAt = new Set(admin.map((b) => b.index));
    for (const b of admin) {
      out.push(
        finding(
          context,
          'IRSA009',
          'high',
          p.address,
          `${whereIn(p, b)} allows every action ${reach(b, 'every resource')}`,
        ),
      );
    }
    const together = everyActionTogether(p.document, p.otherDenies);
    if (together.length > 0) {
      const labels = together.map((i) => {
        const st = p.document.statements[i];
        return st.sid !== undefined ? `"${st.sid}"` : String(i + 1);
      });
      out.push(
        finding(
          context,
          'IRSA009',
          'high',
          p.address,
          `${p.label.startsWith('inline_policy') ? `${p.label} ` : ''}statements ${labels.join(', ')} together allow every action on every resource`,
        ),
      );
    }
    const services = new Set<string>();
    for (const s of p.document.statements)
      if (s.effect === 'Allow') for (const x of serviceWildcards(s)) services.add(x);
    for (const service of [...services].sort()) {
      for (const b of broadAllows(p.document, `${service}:*`, serviceResources(service), p.otherDenies)) {
        if (adminAt.has(b.index)) continue;
        out.push(
          finding(
            context,
            'IRSA009',
            'medium',
            p.address,
            `${whereIn(p, b)} allows ${service}:* ${reach(b, `every ${service} resource`)}`,
          ),
        );
      }
    }
  }
  return out;
};

export const passRoleEverywhere: Rule = (context) => {
  const out: Finding[] = [];
  for (const p of changedPolicies(context)) {
    for (const b of broadAllows(p.document, 'iam:PassRole', EVERY_ROLE, p.otherDenies)) {
      out.push(
        finding(
          context,
          'IRSA010',
          'high',
          p.address,
          `${whereIn(p, b)} allows iam:PassRole ${reach(b, 'every role')} (can pass any role, including admin roles)`,
        ),
      );
    }
  }
  return out;
};

/**
 * IRSA016: actions known to let a principal raise its own privileges (list and source in
 * src/iam/permissions.ts), outside statements IRSA009 already reports as allowing every IAM action.
 */
export const privilegeEscalation: Rule = (context) => {
  const out: Finding[] = [];
  for (const p of changedPolicies(context)) {
    const broad = (s: Statement): boolean =>
      (s.action ?? []).some((x) => x === '*' || x.toLowerCase() === 'iam:*');
    // Only statements that can reach an IAM action matter (most policies name none).
    const reachesIam = p.document.statements.some(
      (s) =>
        s.effect === 'Allow' &&
        (s.notAction !== undefined ||
          (s.action ?? []).some((a) => patternsOverlap(a.toLowerCase(), 'iam:*'))),
    );
    if (!reachesIam) continue;
    const found: string[] = [];
    for (const action of PRIVILEGE_ESCALATION_ACTIONS) {
      const i = allowsAction(p.document, action, p.otherDenies);
      if (i !== undefined && !broad(p.document.statements[i])) found.push(action);
    }
    // iam:PassRole escalates when it can pass any role (a role named in Resource is the fix, not a risk).
    const passAny = broadAllows(p.document, 'iam:PassRole', EVERY_ROLE, p.otherDenies);
    const pass = passAny.length > 0 ? passAny[0].index : undefined;
    if (pass !== undefined && !broad(p.document.statements[pass])) {
      const compute = PASS_ROLE_COMPUTE_ACTIONS.filter(
        (c) => allowsAction(p.document, c, p.otherDenies) !== undefined,
      );
      if (compute.length > 0) found.push(`iam:PassRole with ${compute.join(', ')}`);
    }
    if (found.length === 0) continue;
    out.push(
      finding(
        context,
        'IRSA016',
        'high',
        p.address,
        `${p.label.startsWith('inline_policy') ? `${p.label} ` : ''}allows privilege-escalation actions: ${found.join('; ')}`,
      ),
    );
  }
  return out;
};

export const notActionAllow: Rule = (context) =>
  changedPermissionStatements(context)
    .filter((s) => s.statement.effect === 'Allow' && s.statement.notAction)
    .map((s) =>
      finding(
        context,
        'IRSA011',
        'medium',
        s.address,
        `${where(s)} allows everything except ${(s.statement.notAction ?? []).join(', ')} (NotAction with Allow)`,
      ),
    );

/** Allowed actions of changed permission policies: what IRSA014 needs looked up in the catalog. */
export function actionsToCheck(context: Omit<RuleContext, 'actionVerdicts'>): string[] {
  const out = new Set<string>();
  for (const s of changedPermissionStatements({ ...context, actionVerdicts: new Map() })) {
    if (s.statement.effect === 'Allow') for (const a of s.statement.action ?? []) out.add(a);
  }
  return [...out].sort();
}

export const unknownAction: Rule = (context) => {
  const out: Finding[] = [];
  for (const s of changedPermissionStatements(context)) {
    if (s.statement.effect !== 'Allow') continue;
    for (const action of s.statement.action ?? []) {
      const verdict = context.actionVerdicts.get(action);
      if (verdict === undefined || verdict === 'known') continue;
      const why = verdict === 'unknown-service' ? 'its service prefix is unknown' : 'no such action exists';
      out.push(
        finding(
          context,
          'IRSA014',
          'medium',
          s.address,
          `${where(s)} allows "${action}": ${why}, so it grants nothing`,
        ),
      );
    }
  }
  return out;
};
