/** Rules over the permissions a changed role gets: IRSA009, IRSA010, IRSA011, IRSA014. */
import type { Statement } from '../../iam/document';
import { actionMatches } from '../../iam/evaluate';
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
  for (const s of changedPermissionStatements(context)) {
    if (s.statement.effect !== 'Allow' || !(s.statement.resource ?? []).includes('*')) continue;
    const broad = (s.statement.action ?? []).filter((x) => x === '*' || /^[^:]+:\*$/.test(x));
    if (broad.length > 0) {
      out.push(
        finding(
          context,
          'IRSA009',
          'medium',
          s.address,
          `${where(s)} allows ${broad.join(', ')} on Resource "*"`,
        ),
      );
    }
  }
  return out;
};

export const passRoleEverywhere: Rule = (context) => {
  const out: Finding[] = [];
  for (const s of changedPermissionStatements(context)) {
    if (s.statement.effect !== 'Allow' || !(s.statement.resource ?? []).includes('*')) continue;
    if (!actionMatches(s.statement.action ?? [], 'iam:PassRole')) continue;
    out.push(
      finding(
        context,
        'IRSA010',
        'high',
        s.address,
        `${where(s)} allows iam:PassRole on Resource "*" (can pass any role, including admin roles)`,
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
