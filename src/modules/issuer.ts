/**
 * The constructs' issuer rule (EKS_ISSUER in src/validation/rules.ts, eksIssuerVerdict in
 * src/validation/issuer.ts) as HCL: an issuer that starts like an EKS cluster's (`oidc.eks.`) but is malformed
 * is a `validation` error with eksIssuerVerdict's words; any other issuer is trusted as given, and a `check`
 * warns. Issuers here are without `https://` (the tail of an OIDC provider ARN).
 */
import { EKS_ISSUER, RULES } from '../validation/rules';
import { quote } from './hcl';
import { Validation, literalText } from './validation';

/** The words both sides share: what an EKS issuer looks like. */
const SHAPE = RULES.eksIssuerUrl.allowed;

/** HCL string: the issuer of the OIDC provider ARN `arn` (the part after "oidc-provider/"), "" without one. */
export const arnIssuerHcl = (arn: string) => `try(split("oidc-provider/", ${arn})[1], "")`;

/** HCL boolean: `issuer` looks like an EKS cluster's (its host starts with "oidc.eks."). */
export const looksEksHcl = (issuer: string) => `startswith(${issuer}, ${quote(EKS_ISSUER.prefix)})`;

/** HCL boolean: `issuer` is not EKS-looking, or is a well-formed EKS issuer (the validation's condition). */
export function eksIssuerOkHcl(issuer: string): string {
  return `!${looksEksHcl(issuer)} || can(regex(${quote(`^${EKS_ISSUER.hostPath}$`)}, ${issuer}))`;
}

/**
 * HCL string: why the EKS-looking `issuer` is malformed, in eksIssuerVerdict's words (after "<shape>: "),
 * ending with "." unless it is a question.
 */
function reasonHcl(issuer: string): string {
  const host = `split("/", ${issuer})[0]`;
  const region = `try(regex("^oidc\\\\.eks\\\\.([^/]*)\\\\.amazonaws\\\\.com(\\\\.cn)?$", ${host})[0], "")`;
  const path = `substr(${issuer}, length(${host}), -1)`;
  const id = `try(split("/", ${issuer})[2], "")`;
  const regionFix = `can(regex("^[a-z]{2,4}(-[a-z]+)+[0-9]+$", ${region})) ? "; did you mean \${jsonencode(replace(${region}, "/^([a-z]{2,4}(?:-[a-z]+)+)([0-9]+)$/", "$1-$2"))}?" : " (such as \\"us-east-1\\")."`;
  return [
    `!can(regex("^oidc\\\\.eks\\\\.[^/]*\\\\.amazonaws\\\\.com(\\\\.cn)?$", ${host})) ? "the host \${jsonencode(${host})} is not oidc.eks.<region>.amazonaws.com."`,
    `!can(regex(${quote(`^${EKS_ISSUER.region}$`)}, ${region})) ? "\${jsonencode(${region})} is not a Region code\${${regionFix}}"`,
    `!can(regex("^/id/[^/]*$", ${path})) ? "the path must be /id/<cluster ID>, not \${jsonencode(${path} == "" ? "/" : ${path})}."`,
    `"the cluster ID \${jsonencode(${id})} has \${length(${id})} characters, not 32 hexadecimal digits."`,
  ].join(' : ');
}

export interface EksIssuerValidationOptions {
  /** The `for` clause over the inputs, e.g. `key, provider in var.oidc_providers`. */
  readonly loop: string;
  /** HCL string (never null here): the issuer of one element, without https://. */
  readonly issuer: string;
  /** HCL guard per element: true when the element is checked elsewhere (null, or not of the ARN's shape). */
  readonly skip: string;
  /** Template text naming the element and its value, e.g. `oidc_providers[${jsonencode(key)}].provider_arn …`. */
  readonly subject: string;
  /** Template text: what precedes the shape after "is invalid: " (e.g. "it must be"). */
  readonly mustBe: string;
  /** Template text when no element can be named. */
  readonly fallback: string;
}

/** Every element's issuer passes the EKS issuer rule; the message names the first that does not, and why. */
export function eksIssuerValidation(o: EksIssuerValidationOptions): Validation {
  const ok = `${o.skip} ? true : (${eksIssuerOkHcl(o.issuer)})`;
  const message = `"${o.subject} is invalid: ${o.mustBe} ${literalText(SHAPE)}: \${${reasonHcl(o.issuer)}}"`;
  return {
    condition: `alltrue([for ${o.loop} : ${ok}])`,
    errorMessage: `try([for ${o.loop} : ${message} if !(${ok})][0], "${o.fallback} is invalid: ${o.mustBe} ${literalText(SHAPE)}.")`,
  };
}

/** The words of the non-EKS warning, after the subject (as the constructs word it). */
export const NON_EKS_WARNING = `does not look like an EKS issuer (${SHAPE})`;

/** The words after "is invalid: " for an ARN's issuer, as OidcProvider.fromArn words them. */
export const ARN_ISSUER_MUST_BE = literalText(
  'the part after "oidc-provider/" is the issuer without "https://", and it must be',
);
