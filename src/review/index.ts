/**
 * The plan reviewer behind `irsa-review`: read `terraform show -json` plans, review the IAM and IRSA changes
 * and write the report (Markdown, JSON, SARIF or text). Programmatic API of the `irsa-review` command.
 * @packageDocumentation
 * @module cdktf-irsa/review
 */
export { reviewPlans, failsThreshold, IRSA_RESOURCE_TYPES } from './review';
export type { Report, RoleReport, SummaryRow, ReviewOptions, NotAnalysed } from './review';
export { RULES, type Finding, type Severity, type RuleInfo } from './findings';
export { BadInputError, parsePlanText, readPlanInputs, validatePlan, type PlanInput } from './plan/read';
export { buildModel } from './plan/build';
export type { PlanModel } from './plan/model';
export type { RawPlan } from './plan/types';
export {
  writeReport,
  writeMarkdown,
  writeJson,
  writeSarif,
  writeText,
  FORMATS,
  type Format,
  renderMermaid,
  GRAPH_OPTIONS,
  type GraphOption,
} from './writers';
export { buildAccessGraph, type AccessGraph, type GraphNode, type GraphEdge } from './graph/build';
export { main, parseArgs, USAGE, type CliIo } from './cli';
