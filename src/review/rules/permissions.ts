/** Rules over the permissions a changed role gets: IRSA009, IRSA010, IRSA011, IRSA014, IRSA016. */
import type { PolicyDocument, Statement } from '../../iam/document';
import { catalogServiceNames } from '../../iam/action-catalog';
import { hasWildcard, patternContains, patternsOverlap } from '../../iam/patterns';
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
import { SENSITIVE_ACTIONS } from '../../iam/sensitive-actions';
import { SEVERITY_RANK, type Finding, type Severity } from '../findings';
import { policyChanged, type PolicyState } from '../plan/model';
import { finding, type Rule, type RuleContext } from './context';

export const ADMIN_POLICY =
  /^arn:aws[a-z-]*:iam::aws:policy\/(AdministratorAccess|PowerUserAccess|IAMFullAccess)$/;

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
  const outside = b.outside ?? [];
  if (outside.length > 0)
    text += ` (its NotResource also lists ${outside.join(', ')}, ${outside.length === 1 ? 'which is' : 'which are'} not of that kind)`;
  return text;
}

/** An action written `service:*` (in any case): the service, named. */
const SERVICE_WILDCARD = /^([^:*?]+):\*$/;

/** The catalog lists more than twice this many services (a test in rules-mutants.test.ts keeps it true). */
const MOST_SERVICES_FLOOR = 200;

/**
 * The catalog's services when `count` services are most of them. Up to MOST_SERVICES_FLOOR cannot be
 * most of the catalog, so it is not read for them.
 */
function mostServices(count: number): readonly string[] | undefined {
  if (count <= MOST_SERVICES_FLOOR) return undefined;
  const catalog = catalogServiceNames();
  return count * 2 > catalog.length ? catalog : undefined;
}

/**
 * Services whose every action an Allow statement may allow (broadAllows decides which it does): those
 * named as `service:*`; and, when an Allow statement has a NotAction or another action with a wildcard
 * (`s3*`, `*:*`, `s?:*`), every service of the IAM catalog whose `service:*` it may reach, plus the
 * services its actions and resource ARNs name (one the catalog does not list yet). The catalog is read
 * only then.
 */
function candidateServices(statements: readonly Statement[]): string[] {
  const named = new Set<string>();
  const literal = new Set<string>();
  const patterns: string[] = [];
  let notAction = false;
  for (const s of statements) {
    if (s.effect !== 'Allow') continue;
    if (s.notAction) notAction = true;
    for (const a of s.action ?? []) {
      const m = SERVICE_WILDCARD.exec(a);
      if (m) {
        named.add(m[1].toLowerCase());
        continue;
      }
      const action = a.toLowerCase();
      if (hasWildcard(action)) patterns.push(action);
      const service = action.slice(0, Math.max(0, action.indexOf(':')));
      if (service && !hasWildcard(service)) literal.add(service);
    }
    for (const r of [...(s.resource ?? []), ...(s.notResource ?? [])]) {
      const service = r.startsWith('arn:') ? (r.split(':')[2] ?? '').toLowerCase() : '';
      if (service && !hasWildcard(service)) literal.add(service);
    }
  }
  if (!notAction && patterns.length === 0) return [...named].sort();
  const catalog = catalogServiceNames();
  for (const service of catalog)
    if (notAction || patterns.some((x) => patternsOverlap(x, `${service}:*`))) named.add(service);
  for (const service of literal) named.add(service);
  return [...named].sort();
}

/**
 * Of `services`, those an action of the statement reaches with its service part written out (`s3:*`,
 * `S3:*`, `s3:**`): each is reported as that service's own finding.
 */
function namedServices(statement: Statement, services: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const a of statement.action ?? []) {
    const action = a.toLowerCase();
    const colon = action.indexOf(':');
    if (colon <= 0 || hasWildcard(action.slice(0, colon))) continue;
    const service = action.slice(0, colon);
    if (services.includes(service) && patternContains(action, `${service}:*`)) out.add(service);
  }
  return out;
}

/** One BroadAllow for several services of one statement: their exceptions together. */
function mergeReach(statement: Statement, index: number, found: readonly BroadAllow[]): BroadAllow {
  return {
    index,
    statement,
    except: [...new Set(found.flatMap((b) => b.except))].sort(),
    conditional: statement.conditions.length > 0,
  };
}

/** IRSA009 reports a statement that IRSA010 would report too (every action, or iam:* with iam:PassRole). */
type PassRoleNote = 'covered';

const PASS_ROLE_TEXT = 'can pass any role, including admin roles';

interface AdminResult {
  findings: Finding[];
  /** Per changed policy document, per statement index. */
  notes: Map<PolicyDocument, Map<number, PassRoleNote>>;
  /** Per document and statement index, the services IRSA009 reports it for (`*`: every action) and how. */
  reported: Map<PolicyDocument, Map<number, Map<string, Severity>>>;
}

const adminCache = new WeakMap<RuleContext['analyses'], AdminResult>();

function adminResult(context: RuleContext): AdminResult {
  const cached = adminCache.get(context.analyses);
  if (cached) return cached;
  const notes = new Map<PolicyDocument, Map<number, PassRoleNote>>();
  const reported = new Map<PolicyDocument, Map<number, Map<string, Severity>>>();
  const computed = { findings: computeAdmin(context, notes, reported), notes, reported };
  adminCache.set(context.analyses, computed);
  return computed;
}

const passRoleAllows = (p: ChangedPolicy): BroadAllow[] =>
  broadAllows(p.document, 'iam:PassRole', EVERY_ROLE, p.otherDenies);

export const adminAccess: Rule = (context) => adminResult(context).findings;

function computeAdmin(
  context: RuleContext,
  notes: AdminResult['notes'],
  reported: AdminResult['reported'],
): Finding[] {
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
    // Whole services: per statement, each service it allows entirely. A statement already reported as
    // allowing every action (alone or with others) is not reported again per service.
    const skip = new Set([...adminAt, ...together]);
    // IRSA010 is not repeated for a statement reported here as allowing every action; a statement that
    // passes every role and allows iam:* is IRSA010's alone, which names the iam:* too (said once).
    const passesAny = new Set(passRoleAllows(p).map((b) => b.index));
    const note = new Map<number, PassRoleNote>();
    notes.set(p.document, note);
    for (const i of skip) if (passesAny.has(i)) note.set(i, 'covered');
    const byIndex = new Map<number, Map<string, Severity>>();
    reported.set(p.document, byIndex);
    const record = (index: number, service: string, severity: Severity): void => {
      const m = byIndex.get(index) ?? new Map<string, Severity>();
      m.set(service, severity);
      byIndex.set(index, m);
    };
    for (const i of skip) record(i, '*', 'high');
    const services = candidateServices(p.document.statements);
    const byStatement = new Map<number, { service: string; b: BroadAllow }[]>();
    for (const service of services) {
      for (const b of broadAllows(p.document, `${service}:*`, serviceResources(service), p.otherDenies)) {
        if (skip.has(b.index)) continue;
        const list = byStatement.get(b.index) ?? [];
        list.push({ service, b });
        byStatement.set(b.index, list);
      }
    }
    const perService: { key: string; index: number; finding: Finding }[] = [];
    for (const [index, all] of byStatement) {
      const statement = p.document.statements[index];
      const at = whereIn(p, { index, statement });
      const list = all;
      // Most services of the catalog (NotAction, "*:*"): one finding naming the catalog's services it
      // leaves out.
      const catalog = mostServices(list.length);
      if (catalog) {
        const reached = new Set(list.map((x) => x.service));
        if (passesAny.has(index) && reached.has('iam')) note.set(index, 'covered');
        for (const service of reached) record(index, service, 'high');
        const missing = catalog.filter((x) => !reached.has(x));
        const merged = mergeReach(
          statement,
          index,
          list.map((x) => x.b),
        );
        const text = `${at} allows every action of every service${missing.length > 0 ? ` except ${missing.join(', ')}` : ''} ${reach(merged, 'every resource')}`;
        perService.push({ key: '', index, finding: finding(context, 'IRSA009', 'high', p.address, text) });
        continue;
      }
      // Passing every role through iam:* is IRSA010's risk, said here once: high, and named.
      const passes = passesAny.has(index) && list.some((x) => x.service === 'iam');
      if (passes) note.set(index, 'covered');
      const severityOf = (services: readonly string[]): Severity =>
        passes && services.includes('iam') ? 'high' : 'medium';
      const passText = (services: readonly string[]): string =>
        passes && services.includes('iam')
          ? ` (including iam:PassRole on every role: ${PASS_ROLE_TEXT})`
          : '';
      for (const x of list) record(index, x.service, severityOf([x.service]));
      // A service an action writes out ("s3:*", "s3:**"), or the only one a pattern reaches: one finding each.
      const named = namedServices(
        statement,
        list.map((x) => x.service),
      );
      const rest = list.filter((x) => !named.has(x.service));
      for (const { service, b } of list) {
        if (!named.has(service) && rest.length > 1) continue;
        const text = `${at} allows ${service}:* ${reach(b, `every ${service} resource`)}${passText([service])}`;
        perService.push({
          key: service,
          index,
          finding: finding(context, 'IRSA009', severityOf([service]), p.address, text),
        });
      }
      // Several services reached by patterns ("s3*"): one finding listing them.
      if (rest.length > 1) {
        const merged = mergeReach(
          statement,
          index,
          rest.map((x) => x.b),
        );
        const names = rest.map((x) => x.service);
        const text = `${at} allows every action of ${names.join(', ')} ${reach(merged, 'every resource of those services')}${passText(names)}`;
        perService.push({
          key: rest[0].service,
          index,
          finding: finding(context, 'IRSA009', severityOf(names), p.address, text),
        });
      }
    }
    perService.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.index - y.index));
    for (const x of perService) out.push(x.finding);
  }
  return out;
}

export const passRoleEverywhere: Rule = (context) => {
  const out: Finding[] = [];
  const { notes } = adminResult(context);
  for (const p of changedPolicies(context)) {
    for (const b of passRoleAllows(p)) {
      if (notes.get(p.document)?.get(b.index) === 'covered') continue;
      out.push(
        finding(
          context,
          'IRSA010',
          'high',
          p.address,
          `${whereIn(p, b)} allows iam:PassRole ${reach(b, 'every role')} (${PASS_ROLE_TEXT})`,
        ),
      );
    }
  }
  return out;
};

/**
 * IRSA040: actions one workload should not hold on every resource of their kind (the list, with a reason
 * and a source per entry, is src/iam/sensitive-actions.ts). One finding per statement, naming each entry it
 * matches. A statement IRSA009 already reports for every action, or for the entry's whole service, is not
 * reported again for that entry.
 */
export const sensitiveEverywhere: Rule = (context) => {
  const out: Finding[] = [];
  for (const p of changedPolicies(context)) {
    const allows = p.document.statements.some((s) => s.effect === 'Allow');
    if (!allows) continue;
    const reported = adminResult(context).reported.get(p.document);
    // Said once: not for a statement IRSA009 reports, for every action or for the entry's whole service,
    // at the entry's severity or above (sts:* on "*" is IRSA009 medium, and IRSA040 high for sts:AssumeRole).
    const saidBy009 = (index: number, service: string, severity: Severity): boolean => {
      const m = reported?.get(index);
      const by = m?.get('*') ?? m?.get(service);
      return by !== undefined && SEVERITY_RANK[by] >= SEVERITY_RANK[severity];
    };
    const byStatement = new Map<number, { text: string; severity: Severity }[]>();
    for (const entry of SENSITIVE_ACTIONS) {
      const service = entry.actions[0].slice(0, entry.actions[0].indexOf(':'));
      const found = new Map<number, BroadAllow>();
      for (const action of entry.actions)
        for (const b of broadAllows(p.document, action, entry.kind, p.otherDenies))
          if (!saidBy009(b.index, service, entry.severity) && !found.has(b.index)) found.set(b.index, b);
      for (const [index, b] of found) {
        const list = byStatement.get(index) ?? [];
        list.push({
          text: `${entry.name} ${reach(b, `every ${entry.every}`)} (${entry.reason})`,
          severity: entry.severity,
        });
        byStatement.set(index, list);
      }
    }
    for (const index of [...byStatement.keys()].sort((x, y) => x - y)) {
      const list = byStatement.get(index) ?? [];
      const severity: Severity = list.some((x) => x.severity === 'high') ? 'high' : 'medium';
      const at = whereIn(p, { index, statement: p.document.statements[index] });
      out.push(
        finding(
          context,
          'IRSA040',
          severity,
          p.address,
          `${at} allows ${list.map((x) => x.text).join('; ')}`,
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
