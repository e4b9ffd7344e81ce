/**
 * Builds the change model (./model) in one pass over a plan's resource_changes: each change goes to the
 * handler of its resource type (./handlers), stage by stage, so that owners (roles, policies) exist
 * before the links and consumers that point at them.
 */
import { toChange, type Change } from './change';
import { indexConfiguration } from './config';
import { BuildContext, HANDLERS, type ResourceHandler } from './handlers';
import type { PlanModel } from './model';
import { podIdentityAgentFacts } from './pod-identity-agent';
import type { RawPlan, RawResourceChange } from './types';
import { roleArnParts } from './arn';
import { planAccounts } from './accounts';

const STAGES: readonly ResourceHandler['stage'][] = ['owners', 'links', 'consumers'];

const byAddress = (a: { address: string }, b: { address: string }): number =>
  a.address < b.address ? -1 : a.address > b.address ? 1 : 0;

export function buildModel(plan: RawPlan, source: string): PlanModel {
  const changes: Change[] = [];
  const byType = new Map<string, Change[]>();
  const policyDocuments = new Map<string, RawResourceChange>();
  for (const rc of Array.isArray(plan.resource_changes) ? plan.resource_changes : []) {
    if (
      rc?.mode === 'data' &&
      rc.type === 'aws_iam_policy_document' &&
      typeof rc.address === 'string' &&
      rc.change &&
      typeof rc.change === 'object'
    )
      policyDocuments.set(rc.address, rc);
    const c = toChange(rc);
    if (!c) continue;
    changes.push(c);
    const list = byType.get(c.type);
    if (list) list.push(c);
    else byType.set(c.type, [c]);
  }
  const model: PlanModel = {
    source,
    changes,
    roles: [],
    serviceAccounts: [],
    oidcProviders: [],
    podIdentityAssociations: [],
    policies: new Map(),
    policyDocuments,
    unlinkedPolicies: [],
    unlinkedAttachments: [],
    unverifiedLinks: [],
    accounts: planAccounts(plan, changes),
    podIdentityAgent: podIdentityAgentFacts(plan, changes),
  };
  const context = new BuildContext(model, indexConfiguration(plan));
  for (const stage of STAGES) {
    for (const handler of HANDLERS) {
      if (handler.stage !== stage) continue;
      for (const type of handler.types) for (const c of byType.get(type) ?? []) handler.handle(c, context);
    }
  }

  for (const r of model.roles) {
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
  for (const [address, p] of model.policies) {
    if (!context.attachedPolicies.has(address))
      model.unlinkedPolicies.push({ label: address, address, before: p.before, after: p.after });
  }
  model.unlinkedPolicies.sort(byAddress);
  model.unlinkedAttachments.sort(byAddress);
  // Last resort, for plans that create everything: the role ARNs their associations write out.
  if (model.accounts.length === 0) model.accounts = [...new Set(consumerAccounts(model))].sort();
  return model;
}

/**
 * Accounts of the role ARNs Pod Identity associations of the plan write out for roles the plan creates
 * (whose own ARN is known only after apply): `role_arn = "arn:aws:iam::111122223333:role/app"` for the
 * plan's role `app`. An association's role is in its cluster's account (EKS passes it with iam:PassRole).
 * ServiceAccount annotations do not count: they may name a role of another account with the same name.
 */
function consumerAccounts(model: PlanModel): string[] {
  const pending = new Set(
    model.roles
      .filter((r) => r.change.kind !== 'delete' && r.arnAfter === undefined && r.arnBefore === undefined)
      .map((r) => r.nameAfter)
      .filter((n): n is string => n !== undefined),
  );
  const out: string[] = [];
  const add = (arn: string | undefined): void => {
    const parts = arn === undefined ? undefined : roleArnParts(arn);
    if (parts && /^\d{12}$/.test(parts.account) && pending.has(parts.name)) out.push(parts.account);
  };
  for (const a of model.podIdentityAssociations) for (const side of [a.before, a.after]) add(side?.roleArn);
  return out;
}
