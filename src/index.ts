export * from './policy';
export * from './props';
export { IrsaValidationError } from './validation/error';
export { RULES, NUMBER_RULES, QUOTAS, PARTITIONS, matchesRule } from './validation/rules';
export type { StringRule, NumberRule } from './validation/rules';
export { OidcProvider } from './constructs/oidc-provider';
export type {
  OidcProviderFromIssuerOptions,
  OidcProviderFromClusterOptions,
} from './constructs/oidc-provider';
export { EksOidcProvider } from './constructs/eks-oidc-provider';
export type { EksOidcProviderProps } from './constructs/eks-oidc-provider';
export { IrsaRole } from './constructs/irsa-role';
export { IamServiceAccount } from './constructs/iam-service-account';
export type { IIrsaGrantable } from './constructs/role-resources';
