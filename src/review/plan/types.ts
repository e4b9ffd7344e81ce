/**
 * The parts of Terraform's JSON plan format (format_version 1.x) the reviewer reads.
 * https://developer.hashicorp.com/terraform/internals/json-format
 */

export interface RawChange {
  actions: string[];
  before?: unknown;
  after?: unknown;
  after_unknown?: unknown;
  before_sensitive?: unknown;
  after_sensitive?: unknown;
  replace_paths?: unknown[][];
  importing?: { id?: string; identity?: unknown } | null;
}

export interface RawResourceChange {
  address: string;
  module_address?: string;
  mode?: string;
  type: string;
  name: string;
  index?: string | number;
  previous_address?: string;
  action_reason?: string;
  change: RawChange;
}

export interface RawExpression {
  constant_value?: unknown;
  references?: string[];
}

export interface RawConfigResource {
  address: string;
  mode?: string;
  type: string;
  name: string;
  expressions?: Record<string, unknown>;
}

export interface RawConfigModule {
  resources?: RawConfigResource[];
  module_calls?: Record<string, { module?: RawConfigModule }>;
}

export interface RawPlan {
  format_version: string;
  terraform_version?: string;
  resource_changes?: RawResourceChange[];
  configuration?: { root_module?: RawConfigModule };
  [key: string]: unknown;
}
