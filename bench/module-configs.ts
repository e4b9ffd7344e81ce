/**
 * Terraform root configurations for the module-plan benchmark: the generated AWS-only module called with
 * `for_each` over N service accounts, and the same N roles and attachments as plain resources.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AWS_PROVIDER_CONSTRAINT, OFFLINE_AWS_PROVIDER_HCL } from '../tools/terraform';
import {
  BENCH_ISSUER,
  BENCH_POLICY_ARN,
  BENCH_PROVIDER_ARN,
  namespaceName,
  serviceAccountName,
} from './apps/shared';

function header(): string {
  return `terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "${AWS_PROVIDER_CONSTRAINT}"
    }
  }
}

${OFFLINE_AWS_PROVIDER_HCL}
locals {
  service_accounts = {
`;
}

function serviceAccounts(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(`    "${serviceAccountName(i)}" = "${namespaceName(i)}"`);
  return `${lines.join('\n')}\n  }\n}\n`;
}

export function writeModuleConfig(dir: string, n: number, modulePath: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const text = `${header()}${serviceAccounts(n)}
module "irsa" {
  source   = ${JSON.stringify(modulePath)}
  for_each = local.service_accounts

  role_name = each.key
  oidc_providers = {
    main = {
      provider_arn               = "${BENCH_PROVIDER_ARN}"
      namespace_service_accounts = ["\${each.value}:\${each.key}"]
    }
  }
  policy_arns = {
    s3 = "${BENCH_POLICY_ARN}"
  }
}
`;
  fs.writeFileSync(path.join(dir, 'main.tf'), text);
}

export function writePlainConfig(dir: string, n: number): void {
  fs.mkdirSync(dir, { recursive: true });
  const text = `${header()}${serviceAccounts(n)}
resource "aws_iam_role" "irsa" {
  for_each = local.service_accounts

  name = each.key
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = "${BENCH_PROVIDER_ARN}" }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "${BENCH_ISSUER}:aud" = "sts.amazonaws.com"
          "${BENCH_ISSUER}:sub" = "system:serviceaccount:\${each.value}:\${each.key}"
        }
      }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "irsa" {
  for_each = local.service_accounts

  role       = aws_iam_role.irsa[each.key].name
  policy_arn = "${BENCH_POLICY_ARN}"
}
`;
  fs.writeFileSync(path.join(dir, 'main.tf'), text);
}
