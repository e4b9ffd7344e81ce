/** What every rule receives: the plan model plus the analyses computed once for it. */
import type { ActionVerdict } from '../../iam/action-catalog';
import type { RoleAnalysis } from '../analysis';
import type { Finding, Severity } from '../findings';
import type { PlanModel, RoleModel, ServiceAccountModel } from '../plan/model';

export interface ServiceAccountLink {
  serviceAccount: ServiceAccountModel;
  roles: RoleModel[];
}

export interface RuleContext {
  model: PlanModel;
  analyses: RoleAnalysis[];
  links: ServiceAccountLink[];
  /** Catalog verdicts for every action allowed by a changed permission policy. */
  actionVerdicts: ReadonlyMap<string, ActionVerdict>;
}

export type Rule = (context: RuleContext) => Finding[];

export function finding(
  context: RuleContext,
  ruleId: string,
  severity: Severity,
  address: string,
  message: string,
): Finding {
  return { ruleId, severity, source: context.model.source, address, message };
}
