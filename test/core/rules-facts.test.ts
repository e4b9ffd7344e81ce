/**
 * The facts behind src/validation/rules.ts, stated independently: the AWS partitions an IAM ARN may name
 * (IAM user guide, ARN format; AWS partitions list), the IAM quotas the constructs check (IAM quotas page),
 * and that every rule links to where AWS, Kubernetes or Terraform define it and says what is allowed.
 */
import { NUMBER_RULES, PARTITIONS, QUOTAS, RULES, matchesRule } from '../../src/validation/rules';

const DOCUMENTED_PARTITIONS = [
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
];

test.each(DOCUMENTED_PARTITIONS)('ARNs in partition %s are accepted', (partition) => {
  expect(PARTITIONS).toContain(partition);
  expect(matchesRule(RULES.roleArn, `arn:${partition}:iam::111122223333:role/app`)).toBe(true);
  expect(matchesRule(RULES.policyArn, `arn:${partition}:iam::aws:policy/ReadOnlyAccess`)).toBe(true);
  expect(
    matchesRule(RULES.oidcProviderArn, `arn:${partition}:iam::111122223333:oidc-provider/oidc.example/id/X`),
  ).toBe(true);
});

test.each(['', 'aws-', 'aws-isox', 'aws-iso-g', 'AWS', 'aws-eu'])('partition %j is refused', (partition) => {
  expect(matchesRule(RULES.roleArn, `arn:${partition}:iam::111122223333:role/app`)).toBe(false);
});

test('the IAM quotas the constructs check, as the IAM quotas page states them', () => {
  expect(QUOTAS).toEqual({
    attachedPoliciesDefault: 10,
    attachedPoliciesMax: 20,
    tagsMax: 50,
    inlinePolicyMaxLength: 10240,
    // "Managed policy size: You cannot exceed 6,144 characters."
    managedPolicyMaxLength: 6144,
    metadataKeyPrefixMax: 253,
    // "Client IDs (audiences) per OIDC identity provider: 100"; "Thumbprints per OIDC identity provider: 5".
    oidcClientIdsMax: 100,
    oidcThumbprintsMax: 5,
  });
});

test('every rule says what is allowed and links to its definition', () => {
  const all = { ...RULES, ...NUMBER_RULES } as Record<string, { allowed: string; docs: string }>;
  for (const [name, rule] of Object.entries(all)) {
    expect({ name, allowed: rule.allowed.length > 10 && !rule.allowed.endsWith('.') }).toEqual({
      name,
      allowed: true,
    });
    expect({ name, docs: rule.docs }).toEqual({
      name,
      docs: expect.stringMatching(
        /^https:\/\/(docs\.aws\.amazon\.com|kubernetes\.io|registry\.terraform\.io)\/\S+$/,
      ),
    });
  }
});

test('the rules that use \\p{…} classes carry the u flag; the others need none', () => {
  expect((RULES.tagKey as { flags?: string }).flags).toBe('u');
  expect((RULES.tagValue as { flags?: string }).flags).toBe('u');
  expect(matchesRule(RULES.tagKey, 'Équipe')).toBe(true);
});

test('a rule is compiled once and reused (same answers on repeated calls)', () => {
  for (let i = 0; i < 3; i++) {
    expect(matchesRule(RULES.namespace, 'apps')).toBe(true);
    expect(matchesRule(RULES.namespace, 'bad-')).toBe(false);
  }
});

test('the Kubernetes label and annotation rules link to the labels page, where their syntax is defined', () => {
  const labels =
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set';
  expect(RULES.metadataKey.docs).toBe(labels);
  expect(RULES.labelValue.docs).toBe(labels);
  expect(RULES.namespace.docs).toMatch(
    /^https:\/\/kubernetes\.io\/docs\/concepts\/overview\/working-with-objects\/names\//,
  );
});
