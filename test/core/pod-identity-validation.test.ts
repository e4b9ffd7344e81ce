/** One test per Pod Identity validation message: exact text, and nothing added to the stack. */
import { IamServiceAccount, IamServiceAccountProps, IrsaRole, IrsaRoleProps, OidcProvider } from '../../src';
import { provider1, testStack } from '../support/stacks';

function expectRoleError(props: Partial<IrsaRoleProps>, message: string) {
  const { stack } = testStack();
  expect(() => new IrsaRole(stack, 'role', props as IrsaRoleProps)).toThrow(`test/role: ${message}`);
  expect(stack.node.children.length).toBe(0);
}

/** Props as a JavaScript caller might pass them: any mix, unchecked by TypeScript. */
function expectSaError(props: Record<string, unknown>, message: string) {
  const { stack } = testStack();
  expect(
    () => new IamServiceAccount(stack, 'sa', { name: 'app', ...props } as unknown as IamServiceAccountProps),
  ).toThrow(`test/sa: ${message}`);
  expect(stack.node.children.length).toBe(0);
}

const POD = { identity: 'pod-identity', clusterName: 'prod' };
const CLUSTER_RULE =
  'an EKS cluster name: 1 to 100 letters, digits, "-" or "_", starting with a letter or digit';

describe('IrsaRole Pod Identity validation messages', () => {
  const entry = { clusterName: 'prod', serviceAccounts: ['apps:api'] };
  const org = { test: 'StringEquals', variable: 'aws:PrincipalOrgID', values: ['o-1'] };
  test('podIdentityTrustConditions without podIdentity', () =>
    expectRoleError(
      { trust: [{ oidcProvider: provider1(), serviceAccounts: ['a:b'] }], podIdentityTrustConditions: [org] },
      'podIdentityTrustConditions cannot be combined with a role without podIdentity entries: they narrow the Pod Identity trust.',
    ));
  test('podIdentityTrustConditions not a list', () =>
    expectRoleError(
      { podIdentity: [entry], podIdentityTrustConditions: org as never },
      'podIdentityTrustConditions {"test":"StringEquals","variable":"aws:PrincipalOrgID","values":["o-1"]} is invalid: it must be a list of { test, variable, values } objects.',
    ));
  test('podIdentityTrustConditions entry key', () =>
    expectRoleError(
      { podIdentity: [entry], podIdentityTrustConditions: [{ ...org, operator: 'x' } as never] },
      'podIdentityTrustConditions[0].operator',
    ));
  test('podIdentityTrustConditions entry without a test', () =>
    expectRoleError(
      { podIdentity: [entry], podIdentityTrustConditions: [{ ...org, test: '' }] },
      'podIdentityTrustConditions[0] {"test":"","variable":"aws:PrincipalOrgID","values":["o-1"]} is invalid: it must be an object with a test (operator) and a variable (condition key), both non-empty strings.',
    ));
  test('podIdentityTrustConditions values', () =>
    expectRoleError(
      { podIdentity: [entry], podIdentityTrustConditions: [{ ...org, values: [] }] },
      'podIdentityTrustConditions[0].values [] is invalid: it must be a non-empty list of strings.',
    ));
  test('podIdentityTrustConditions repeating a scoping condition', () =>
    expectRoleError(
      {
        podIdentity: [entry],
        podIdentityTrustConditions: [
          { test: 'StringEquals', variable: 'aws:RequestTag/kubernetes-namespace', values: ['jobs'] },
        ],
      },
      'podIdentityTrustConditions[0] "StringEquals aws:RequestTag/kubernetes-namespace" is invalid: it must be a new operator and key: this one is given twice or repeats a scoping condition (StringEquals on eks-cluster-name, kubernetes-namespace or kubernetes-service-account), whose values IAM would OR, widening the trust.',
    ));
  test('podIdentityTrustConditions on an IRSA-only service account', () =>
    expectSaError(
      { identity: 'irsa', oidcProvider: provider1(), podIdentityTrustConditions: [org] },
      'podIdentityTrustConditions cannot be combined with identity "irsa"',
    ));
  const ci = {
    sid: 'CI',
    actions: ['sts:AssumeRole'],
    principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111122223333:role/ci'] }],
  };
  test('podIdentityTrustStatements without podIdentity', () =>
    expectRoleError(
      { trust: [{ oidcProvider: provider1(), serviceAccounts: ['a:b'] }], podIdentityTrustStatements: [ci] },
      'podIdentityTrustStatements cannot be combined with a role without podIdentity entries: they add to the Pod Identity trust.',
    ));
  test('podIdentityTrustStatements not a list', () =>
    expectRoleError(
      { podIdentity: [entry], podIdentityTrustStatements: ci as never },
      'podIdentityTrustStatements {"sid":"CI","actions":["sts:AssumeRole"],"principals":[{"type":"AWS","identifiers":["arn:aws:iam::111122223333:role/ci"]}]} is invalid: it must be a list of trust statement objects.',
    ));
  test('podIdentityTrustStatements entry not an object', () =>
    expectRoleError(
      { podIdentity: [entry], podIdentityTrustStatements: ['x' as never] },
      'podIdentityTrustStatements[0] "x" is invalid: it must be an object with effect, actions or notActions, principals or notPrincipals.',
    ));
  test('podIdentityTrustStatements unknown keys: statement, principal, condition', () => {
    expectRoleError(
      { podIdentity: [entry], podIdentityTrustStatements: [{ ...ci, action: ['x'] } as never] },
      'podIdentityTrustStatements[0].action',
    );
    expectRoleError(
      {
        podIdentity: [entry],
        podIdentityTrustStatements: [{ ...ci, principals: [{ type: 'AWS', identifier: ['x'] } as never] }],
      },
      'podIdentityTrustStatements[0].principals[0].identifier',
    );
    expectRoleError(
      {
        podIdentity: [entry],
        podIdentityTrustStatements: [{ ...ci, conditions: [{ ...org, key: 'k' } as never] }],
      },
      'podIdentityTrustStatements[0].conditions[0].key',
    );
  });
  const stmtError = (statement: object, reason: string) =>
    expectRoleError(
      { podIdentity: [entry], podIdentityTrustStatements: [statement as never] },
      `podIdentityTrustStatements[0] ${JSON.stringify(statement)} is invalid: it ${reason}.`,
    );
  test('podIdentityTrustStatements effect', () =>
    stmtError({ ...ci, effect: 'allow' }, 'effect "allow" is not "Allow" or "Deny"'));
  test('podIdentityTrustStatements actions and notActions', () =>
    stmtError({ ...ci, notActions: ['sts:TagSession'] }, 'needs actions or notActions (one of the two)'));
  test('podIdentityTrustStatements without principals', () =>
    stmtError(
      { sid: 'CI', actions: ['sts:AssumeRole'] },
      'needs principals or notPrincipals (one of the two)',
    ));
  test('podIdentityTrustStatements Allow with notPrincipals', () =>
    stmtError(
      {
        actions: ['sts:AssumeRole'],
        notPrincipals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111122223333:root'] }],
      },
      'is an Allow with notPrincipals, which admits every other principal',
    ));
  test('podIdentityTrustStatements Allow for every principal', () =>
    stmtError(
      { actions: ['sts:AssumeRole'], principals: [{ type: 'AWS', identifiers: ['*'] }] },
      'is an Allow whose AWS principal "*" admits every principal',
    ));
  test('podIdentityTrustStatements Allow for the Pod Identity service', () =>
    stmtError(
      {
        actions: ['sts:AssumeRole'],
        principals: [{ type: 'Service', identifiers: ['pods.eks.amazonaws.com'] }],
      },
      'is an Allow for pods.eks.amazonaws.com, which would bypass the Pod Identity scoping',
    ));
  test('podIdentityTrustStatements principal type', () =>
    stmtError(
      { actions: ['sts:AssumeRole'], principals: [{ type: 'CanonicalUser', identifiers: ['abc'] }] },
      'principal type "CanonicalUser" is not one of AWS, Service, Federated',
    ));
  test('podIdentityTrustStatements on an IRSA-only service account', () =>
    expectSaError(
      { identity: 'irsa', oidcProvider: provider1(), podIdentityTrustStatements: [ci] },
      'podIdentityTrustStatements cannot be combined with identity "irsa"',
    ));
  test('trust empty beside podIdentity', () =>
    expectRoleError(
      { trust: [], podIdentity: [entry] },
      'trust [] is invalid: it must be a non-empty list of { oidcProvider, serviceAccounts } entries, or left out for a Pod Identity-only role.',
    ));
  test('neither trust nor podIdentity', () =>
    expectRoleError(
      {},
      'trust undefined is invalid: it must be a non-empty list of { oidcProvider, serviceAccounts } entries (or give podIdentity entries for EKS Pod Identity).',
    ));
  test('podIdentityTrust without podIdentity', () =>
    expectRoleError(
      {
        trust: [{ oidcProvider: provider1(), serviceAccounts: ['a:b'] }],
        podIdentityTrust: 'any-association',
      },
      'podIdentityTrust cannot be combined with a role without podIdentity entries: it scopes the Pod Identity trust.',
    ));
  test('podIdentity empty', () =>
    expectRoleError(
      { podIdentity: [] },
      'podIdentity [] is invalid: it must be a non-empty list of { clusterName, serviceAccounts } entries.',
    ));
  test('cluster name missing', () =>
    expectRoleError(
      { podIdentity: [{ serviceAccounts: ['a:b'] } as never] },
      `podIdentity[0].clusterName undefined is invalid: it must be ${CLUSTER_RULE}.`,
    ));
  test('cluster name not an EKS name', () =>
    expectRoleError(
      { podIdentity: [{ clusterName: 'my.cluster', serviceAccounts: ['a:b'] }] },
      `podIdentity[0].clusterName "my.cluster" is invalid: it must be ${CLUSTER_RULE}.`,
    ));
  test('service accounts empty', () =>
    expectRoleError(
      { podIdentity: [{ clusterName: 'prod', serviceAccounts: [] }] },
      'podIdentity[0].serviceAccounts [] is invalid: it must be a non-empty list of "namespace:name" strings.',
    ));
  test('wildcard subject', () =>
    expectRoleError(
      { podIdentity: [{ clusterName: 'prod', serviceAccounts: ['apps:*'] }] },
      'podIdentity[0].serviceAccounts[0] "apps:*" is invalid: it must be an exact "namespace:name" (it has a wildcard "*" or "?"; a Pod Identity association names one service account).',
    ));
  test('duplicate subject', () =>
    expectRoleError(
      { podIdentity: [{ clusterName: 'prod', serviceAccounts: ['a:b', 'a:b'] }] },
      'podIdentity[0].serviceAccounts "a:b" is invalid: it must be a list without duplicates (this one is listed twice).',
    ));
  test('duplicate cluster', () =>
    expectRoleError(
      { podIdentity: [entry, { clusterName: 'prod', serviceAccounts: ['x:y'] }] },
      'podIdentity "prod" is invalid: it must be one entry per cluster (this cluster is listed twice; put all its service accounts in one entry).',
    ));
  test('podIdentityTrust not a known scope', () =>
    expectRoleError(
      { podIdentity: [entry], podIdentityTrust: 'open' as never },
      'podIdentityTrust "open" is invalid: it must be "scoped" or "any-association".',
    ));
  test('partition unknown', () =>
    expectRoleError(
      { podIdentity: [entry], partition: 'aws-mars' },
      'partition "aws-mars" is invalid: it must be one of "aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc".',
    ));
  test('partition other than the OIDC provider’s', () =>
    expectRoleError(
      {
        trust: [{ oidcProvider: provider1(), serviceAccounts: ['a:b'] }],
        podIdentity: [entry],
        partition: 'aws-cn',
      },
      'partition "aws-cn" is invalid: it must be the OIDC provider\'s partition "aws" (or left out).',
    ));
});

describe('IamServiceAccount identity validation messages', () => {
  test('identity unknown', () =>
    expectSaError(
      { identity: 'kiam', oidcProvider: provider1() },
      'identity "kiam" is invalid: it must be "irsa", "pod-identity" or "both".',
    ));
  test('both without oidcProvider', () =>
    expectSaError(
      { identity: 'both', clusterName: 'prod' },
      'oidcProvider undefined is invalid: it must be an OidcProvider (identity "both" needs one, and clusterName).',
    ));
  test.each(['oidcProvider', 'additionalOidcProviders', 'audience', 'stsRegionalEndpoints'])(
    'IRSA prop %s with pod-identity',
    (key) => {
      const value = {
        oidcProvider: provider1(),
        additionalOidcProviders: [provider1()],
        audience: 'x',
        stsRegionalEndpoints: true,
      }[key];
      expectSaError(
        { ...POD, [key]: value },
        `${key} cannot be combined with identity "pod-identity": it configures IRSA; set identity "both" to use IRSA and Pod Identity.`,
      );
    },
  );
  test.each([
    ['pod-identity', 'pod-identity'],
    ['both', 'both'],
  ])('clusterName missing with %s', (identity) =>
    expectSaError(
      { identity, oidcProvider: identity === 'both' ? provider1() : undefined },
      `clusterName undefined is invalid: it must be ${CLUSTER_RULE} (identity "${identity}" needs the cluster for the Pod Identity association).`,
    ),
  );
  test('clusterName not an EKS name', () =>
    expectSaError(
      { ...POD, clusterName: '-prod' },
      `clusterName "-prod" is invalid: it must be ${CLUSTER_RULE}.`,
    ));
  test.each([
    ['clusterName', 'prod'],
    ['podIdentityTrust', 'scoped'],
    ['targetRoleArn', 'arn:aws:iam::111122223333:role/t'],
    ['disableSessionTags', false],
    ['associationTags', { a: 'b' }],
    ['partition', 'aws'],
  ])('Pod Identity prop %s with irsa', (key, value) =>
    expectSaError(
      { oidcProvider: provider1(), [key]: value },
      `${key} cannot be combined with identity "irsa": it configures EKS Pod Identity; set identity "pod-identity" or "both".`,
    ),
  );
  test('targetRoleArn not a role ARN', () =>
    expectSaError(
      { ...POD, targetRoleArn: 'arn:aws:iam::111122223333:user/x' },
      'targetRoleArn "arn:aws:iam::111122223333:user/x" is invalid: it must be an IAM role ARN: arn:<partition>:iam::<12-digit account>:role/<path and name>.',
    ));
  test('disableSessionTags not a boolean', () =>
    expectSaError(
      { ...POD, disableSessionTags: 'yes' },
      'disableSessionTags "yes" is invalid: it must be true or false.',
    ));
  test('disableSessionTags with the scoped trust', () =>
    expectSaError(
      { ...POD, disableSessionTags: true },
      'disableSessionTags cannot be combined with the scoped Pod Identity trust (podIdentityTrust "scoped", the default): the trust conditions on the session tags eks-cluster-name, kubernetes-namespace and kubernetes-service-account, which disabling removes, so no pod could use the role. Set podIdentityTrust "any-association" to trust every association in the account instead.',
    ));
  test('podIdentityTrust not a known scope', () =>
    expectSaError(
      { ...POD, podIdentityTrust: 'none' },
      'podIdentityTrust "none" is invalid: it must be "scoped" or "any-association".',
    ));
  test('associationTags key', () =>
    expectSaError(
      { ...POD, associationTags: { 'aws:x': 'y' } },
      'associationTags key "aws:x" is invalid: it must be 1 to 128 letters, digits, spaces or any of _ . : / = + - @, not starting with "aws:".',
    ));
  test('associationTags value', () =>
    expectSaError(
      { ...POD, associationTags: { a: 'x'.repeat(257) } },
      `associationTags["a"] "${'x'.repeat(257)}" is invalid`,
    ));
  test('too many associationTags', () =>
    expectSaError(
      { ...POD, associationTags: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])) },
      'associationTags "51 tags" is invalid: it must be at most 50 tags per EKS Pod Identity association.',
    ));
  test('overrideExistingServiceAccount with pod-identity', () =>
    expectSaError(
      { ...POD, overrideExistingServiceAccount: true },
      'overrideExistingServiceAccount cannot be combined with identity "pod-identity": Pod Identity needs no annotation on the ServiceAccount; use roleOnly to leave an existing ServiceAccount alone.',
    ));
  test.each([
    ['podIdentityTrust', 'any-association'],
    ['partition', 'aws'],
  ])('%s with attachRoleArn', (key, value) =>
    expectSaError(
      { ...POD, attachRoleArn: 'arn:aws:iam::111122223333:role/x', [key]: value },
      `${key} cannot be combined with attachRoleArn: the attached role is managed elsewhere and no role is created.`,
    ),
  );
});

describe('accepted combinations', () => {
  test('roleOnly with attachRoleArn is allowed for Pod Identity: the association is still created', () => {
    const { stack } = testStack();
    expect(
      () =>
        new IamServiceAccount(stack, 'sa', {
          identity: 'pod-identity',
          clusterName: 'prod',
          name: 'app',
          roleOnly: true,
          attachRoleArn: 'arn:aws:iam::111122223333:role/x',
        }),
    ).not.toThrow();
  });
  test('disableSessionTags with an attached role (its trust is managed elsewhere)', () => {
    const { stack } = testStack();
    expect(
      () =>
        new IamServiceAccount(stack, 'sa', {
          identity: 'pod-identity',
          clusterName: 'prod',
          name: 'app',
          disableSessionTags: true,
          attachRoleArn: 'arn:aws:iam::111122223333:role/x',
        }),
    ).not.toThrow();
  });
  test('TypeScript: identity selects the required props', () => {
    // @ts-expect-error pod-identity needs clusterName
    const missingCluster: IamServiceAccountProps = { identity: 'pod-identity', name: 'a' };
    // @ts-expect-error both needs oidcProvider
    const missingProvider: IamServiceAccountProps = { identity: 'both', clusterName: 'c', name: 'a' };
    // @ts-expect-error irsa takes no clusterName
    const irsaWithCluster: IamServiceAccountProps = {
      oidcProvider: provider1(),
      clusterName: 'c',
      name: 'a',
    };
    expect([missingCluster, missingProvider, irsaWithCluster]).toHaveLength(3);
    expect(OidcProvider).toBeDefined();
  });
});
