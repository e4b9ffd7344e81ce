/**
 * More cases for the review rules, on the same small hand-written plans as rules-unit.test.ts: the
 * boundaries a mutation run of src/review/rules showed the unit tests left open (see MUTATION.md).
 */
import { actionsToCheck, wildcardSubjectSeverity } from '../../src/review/rules';
import fc from 'fast-check';
import * as actionCatalog from '../../src/iam/action-catalog';
import { catalogServiceNames } from '../../src/iam/action-catalog';
import { parsePolicyDocument } from '../../src/iam/document';
import { broadAllows, serviceResources } from '../../src/iam/permissions';
import { adminAccess } from '../../src/review/rules/permissions';
import { assertProperty, scaled } from '../support/property';
import { buildModel } from '../../src/review/plan/build';
import { analyseRole } from '../../src/review/analysis';
import { serviceAccountChange } from './support/kubernetes';
import { ISSUER, plan, PROVIDER_ARN } from './support/synthetic';
import {
  ACCOUNT,
  allow,
  attachment,
  aud,
  doc,
  f,
  findings,
  ISSUER2,
  messages,
  newRole,
  OTHER_ACCOUNT,
  oidcProvider,
  podTrust,
  PROVIDER2_ARN,
  review,
  role,
  roleArn,
  rolePolicy,
  scoped,
  SAFE_TRUST,
  SOURCE,
  STS,
  sub,
  web,
  type Condition,
  type Json,
} from './support/rules';

const sa = (name: string) => `system:serviceaccount:shop:${name}`;
/** A web-identity Allow statement for the second cluster's provider. */
const second = (condition: Condition) => web(condition, { Principal: { Federated: PROVIDER2_ARN } });
const sub2 = `${ISSUER2}:sub`;
const aud2 = `${ISSUER2}:aud`;

describe('IRSA006: what the message lists', () => {
  test('an issuer whose access only narrows is not listed next to one that widens', async () => {
    const before = {
      trust: doc(scoped(sa('app')), second({ StringEquals: { [sub2]: [sa('a'), sa('b')], [aud2]: STS } })),
    };
    const after = {
      trust: doc(scoped([sa('app'), sa('new')]), second({ StringEquals: { [sub2]: sa('a'), [aud2]: STS } })),
    };
    expect(await findings('IRSA006', [role('r', 'update', before, after)])).toEqual([
      f('IRSA006', 'high', 'aws_iam_role.r', `access widened: newly admitted ${ISSUER}: shop:new`),
    ]);
  });

  test('several subjects newly admitted for one issuer are comma-separated', async () => {
    const after = { trust: doc(scoped([sa('app'), sa('b'), sa('c')])) };
    expect(await messages('IRSA006', [role('r', 'update', { trust: SAFE_TRUST }, after)])).toEqual([
      `high aws_iam_role.r: access widened: newly admitted ${ISSUER}: shop:b, shop:c`,
    ]);
  });

  test('a service account of the plan that the trust admits neither before nor after is not named', async () => {
    const after = { trust: doc(scoped([sa('app'), sa('new')])) };
    const other = serviceAccountChange({ name: 'other', namespace: 'shop', roleArn: roleArn('r') });
    expect(await messages('IRSA006', [role('r', 'update', { trust: SAFE_TRUST }, after), other])).toEqual([
      `high aws_iam_role.r: access widened: newly admitted ${ISSUER}: shop:new`,
    ]);
  });

  test("a service account is added for each issuer that newly admits it, sorted with the issuers' parts", async () => {
    // Both issuers newly admit shop:app2: the first names it literally, the second by a pattern. The
    // second issuer's entry must still name it, although the first issuer's part mentions shop:app2.
    const after = {
      trust: doc(
        scoped([sa('app'), sa('app2')]),
        second({ StringLike: { [sub2]: sa('app*') }, StringEquals: { [aud2]: STS } }),
      ),
    };
    const sa2 = serviceAccountChange({ name: 'app2', namespace: 'shop', roleArn: roleArn('r') });
    expect(await messages('IRSA006', [role('r', 'update', { trust: SAFE_TRUST }, after), sa2])).toEqual([
      `high aws_iam_role.r: access widened: newly admitted ${ISSUER2}: shop:app*; ${ISSUER2}: shop:app2; ${ISSUER}: shop:app2`,
    ]);
  });
});

describe('IRSA013: which roles trust the removed provider', () => {
  test('a role whose trust names only another issuer (by its condition keys) does not count', async () => {
    // Principal "*" with conditions on the second cluster's keys: the entry for that issuer has no
    // provider ARN, and it is not the deleted provider's issuer.
    const trust = doc({
      Effect: 'Allow',
      Principal: '*',
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [sub2]: sa('app'), [aud2]: STS } },
    });
    expect(await findings('IRSA013', [oidcProvider('eks', 'delete'), newRole('other', { trust })])).toEqual(
      [],
    );
    // A role that does trust it is still named next to it.
    expect(
      await messages('IRSA013', [oidcProvider('eks', 'delete'), newRole('other', { trust }), newRole('r')]),
    ).toEqual([
      'medium aws_iam_openid_connect_provider.eks: OIDC provider is deleted while aws_iam_role.r trusts it: web-identity sign-in fails until it exists again',
    ]);
  });
});

describe('IRSA009/010/011/014/016: changed permission policies', () => {
  test('an aws_iam_role_policy resource named inline_policy is reported at its own address', async () => {
    const policy = doc(allow('*'), { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' });
    const changes = [newRole('r'), rolePolicy('inline_policy', 'r', policy)];
    expect(await messages('IRSA009', changes)).toEqual([
      'high aws_iam_role_policy.inline_policy: statement 1 allows every action on every resource',
      'high aws_iam_role_policy.inline_policy: statement 2 allows every action of every service except iam on every resource',
    ]);
    expect(await messages('IRSA011', changes)).toEqual([
      'medium aws_iam_role_policy.inline_policy: statement 2 allows everything except iam:* (NotAction with Allow)',
    ]);
  });

  test('every changed policy of a role is checked, not only the first', async () => {
    const changes = [
      newRole('r', { inline: { a: doc(allow('*')), b: doc(allow('iam:PassRole')) } }),
      rolePolicy('p', 'r', doc(allow('s3:*'))),
    ];
    expect(await messages('IRSA009', changes)).toEqual([
      'high aws_iam_role.r: inline_policy "a" statement 1 allows every action on every resource',
      'medium aws_iam_role_policy.p: statement 1 allows s3:* on every s3 resource',
    ]);
    // Policy "a" statement 1 is IRSA009's (every action, iam:PassRole included): said once.
    expect(await messages('IRSA010', changes)).toEqual([
      'high aws_iam_role.r: inline_policy "b" statement 1 allows iam:PassRole on every role (can pass any role, including admin roles)',
    ]);
  });

  test("another policy's Allow statements do not cut back a grant (only its Deny statements do)", async () => {
    const changes = [newRole('r', { inline: { a: doc(allow('*')), b: doc(allow('s3:GetObject')) } })];
    expect(await messages('IRSA009', changes)).toEqual([
      'high aws_iam_role.r: inline_policy "a" statement 1 allows every action on every resource',
    ]);
    const denied = [
      newRole('r', {
        inline: {
          a: doc(allow('*')),
          b: doc({ Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::audit' }),
        },
      }),
    ];
    expect(await messages('IRSA009', denied)).toEqual([
      'high aws_iam_role.r: inline_policy "a" statement 1 allows every action on every resource except arn:aws:s3:::audit',
    ]);
  });

  test('several resources a Deny keeps out are all listed, comma-separated', async () => {
    const policy = doc(allow('*'), {
      Effect: 'Deny',
      Action: 's3:*',
      Resource: ['arn:aws:s3:::audit', 'arn:aws:s3:::logs'],
    });
    expect(await messages('IRSA009', [newRole('r'), rolePolicy('p', 'r', policy)])).toEqual([
      'high aws_iam_role_policy.p: statement 1 allows every action on every resource except arn:aws:s3:::audit, arn:aws:s3:::logs',
    ]);
  });

  test('an admin policy newly attached to a role that itself does not change fires', async () => {
    const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
    expect(await messages('IRSA009', [role('r', 'no-op', {}), attachment('a', 'r', ADMIN)])).toEqual([
      `high aws_iam_role.r: attaches ${ADMIN}`,
    ]);
  });

  test('policies and attachments planned for a role this plan deletes are not reviewed', async () => {
    const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
    const policy = doc(
      allow('*'),
      { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
      allow('iam:PutRolePolicy'),
    );
    const changes = [role('r', 'delete', {}), rolePolicy('p', 'r', policy), attachment('a', 'r', ADMIN)];
    const report = await review(changes, { 'iam:PutRolePolicy': 'unknown-action' });
    expect(report.findings.filter((x) => x.ruleId !== 'IRSA008')).toEqual([]);
    const model = buildModel(plan(changes), SOURCE);
    expect(
      actionsToCheck({ model, analyses: model.roles.map((r) => analyseRole(r, [])), links: [] }),
    ).toEqual([]);
  });

  test('actionsToCheck sorts the actions whatever order the policy names them in', () => {
    const model = buildModel(
      plan([
        newRole('r'),
        rolePolicy('p', 'r', doc(allow(['s3:PutObject', 'ec2:RunInstances', 'iam:GetRole']))),
      ]),
      SOURCE,
    );
    expect(
      actionsToCheck({ model, analyses: model.roles.map((r) => analyseRole(r, [])), links: [] }),
    ).toEqual(['ec2:RunInstances', 'iam:GetRole', 's3:PutObject']);
  });
});

describe('IRSA009: whole services reached by a pattern or NotAction, not only by "service:*"', () => {
  const policyFindings = (...statements: Json[]) =>
    messages('IRSA009', [newRole('r'), rolePolicy('p', 'r', doc(...statements))]);
  const notAction = (action: string | string[], extra: Json = { Resource: '*' }): Json => ({
    Effect: 'Allow',
    NotAction: action,
    ...extra,
  });
  // The review sorts all findings by message (src/review/findings.ts); ruleOrder reads the rule's own
  // findings, in its order.
  const ruleOrder = (...statements: Json[]): string[] => {
    const model = buildModel(plan([newRole('r', { inline: { a: doc(...statements) } })]), SOURCE);
    const context = {
      model,
      analyses: model.roles.map((r) => analyseRole(r, [])),
      links: [],
      actionVerdicts: new Map(),
    };
    return adminAccess(context).map((x) => x.message);
  };

  test('a pattern reaching several services is one finding listing them (case-insensitive)', async () => {
    expect(await policyFindings(allow('S3*'))).toEqual([
      'medium aws_iam_role_policy.p: statement 1 allows every action of s3, s3-object-lambda, s3-outposts, s3express, s3files, s3tables, s3vectors on every resource of those services',
    ]);
    // A wildcard before the service part: every service ending in "3".
    expect(await policyFindings(allow('*3:*'))).toEqual([
      'medium aws_iam_role_policy.p: statement 1 allows every action of route53, s3 on every resource of those services',
    ]);
  });

  test('a pattern reaching one service reads as that service\'s "service:*"', async () => {
    expect(await policyFindings(allow('s?:*'))).toEqual([
      'medium aws_iam_role_policy.p: statement 1 allows s3:* on every s3 resource',
    ]);
    expect(await policyFindings(allow('S3:*'), allow('s3:**'))).toEqual([
      'medium aws_iam_role_policy.p: statement 1 allows s3:* on every s3 resource',
      'medium aws_iam_role_policy.p: statement 2 allows s3:* on every s3 resource',
    ]);
    // "*" on every bucket: every S3 action on every S3 resource, and no other service.
    expect(await policyFindings(allow('*', 'arn:aws:s3:::*'))).toEqual([
      'medium aws_iam_role_policy.p: statement 1 allows s3:* on every s3 resource',
    ]);
  });

  test('a pattern that reaches no service entirely is quiet', async () => {
    expect(await policyFindings(allow(['s3:Get*', '*:Describe*', 'zzz*:*']))).toEqual([]);
    expect(await policyFindings(allow('s3*', 'arn:aws:s3:::bucket/*'))).toEqual([]);
  });

  test('the services of a list are sorted, whichever statement names one first', async () => {
    expect(await policyFindings(allow('ec2messages:*', 'arn:aws:ec2messages:*:*:x'), allow('ec2*'))).toEqual([
      'medium aws_iam_role_policy.p: statement 2 allows every action of ec2, ec2-instance-connect, ec2messages on every resource of those services',
    ]);
  });

  test('a service named as "service:*" keeps its own finding next to a pattern\'s list', async () => {
    expect(await policyFindings(allow(['sqs:*', 'ec2*']))).toEqual([
      'medium aws_iam_role_policy.p: statement 1 allows every action of ec2, ec2-instance-connect, ec2messages on every resource of those services',
      'medium aws_iam_role_policy.p: statement 1 allows sqs:* on every sqs resource',
    ]);
  });

  test("an action that writes its service out (s3:**) is that service's own finding, next to a list", async () => {
    expect(await policyFindings(allow(['s3:**', 'SQS:*', 's3*']))).toEqual([
      'medium aws_iam_role_policy.p: statement 1 allows every action of s3-object-lambda, s3-outposts, s3express, s3files, s3tables, s3vectors on every resource of those services',
      'medium aws_iam_role_policy.p: statement 1 allows s3:* on every s3 resource',
      'medium aws_iam_role_policy.p: statement 1 allows sqs:* on every sqs resource',
    ]);
    // A pattern in the action part that does not cover the whole service names nothing.
    expect(await policyFindings(allow(['s3:*Object', 's3:G*', 'sqs*']))).toEqual([
      'medium aws_iam_role_policy.p: statement 1 allows sqs:* on every sqs resource',
    ]);
  });

  test('NotAction on every resource is one high finding naming the services it leaves out', async () => {
    expect(await policyFindings(notAction(['iam:*']))).toEqual([
      'high aws_iam_role_policy.p: statement 1 allows every action of every service except iam on every resource',
    ]);
    // Leaving out one action leaves out only part of its service: every other service is reached.
    expect(await policyFindings(notAction('s3:GetObject'))).toEqual([
      'high aws_iam_role_policy.p: statement 1 allows every action of every service except s3 on every resource',
    ]);
    expect(await policyFindings(notAction(['iam:*', 'organizations:*', 'account:*']))).toEqual([
      'high aws_iam_role_policy.p: statement 1 allows every action of every service except account, iam, organizations on every resource',
    ]);
  });

  test('"*:*" is every action of every service', async () => {
    expect(await policyFindings(allow('*:*'))).toEqual([
      'high aws_iam_role_policy.p: statement 1 allows every action of every service on every resource',
    ]);
  });

  test('NotAction: exceptions, Deny statements and conditions are named', async () => {
    expect(
      await policyFindings(notAction('iam:*', { NotResource: 'arn:aws:s3:::audit', Sid: 'Ops' }), {
        Effect: 'Deny',
        Action: 'ec2:*',
        Resource: '*',
      }),
    ).toEqual([
      'high aws_iam_role_policy.p: statement "Ops" allows every action of every service except ec2, iam on every resource except arn:aws:s3:::audit',
    ]);
    const when = { Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } };
    expect(await policyFindings(notAction('iam:*', when), allow('ec2*', '*', when))).toEqual([
      'high aws_iam_role_policy.p: statement 1 allows every action of every service except iam on every resource (when its conditions hold)',
      'medium aws_iam_role_policy.p: statement 2 allows every action of ec2, ec2-instance-connect, ec2messages on every resource of those services (when its conditions hold)',
    ]);
  });

  test('NotAction on the resources of one service reads as that service\'s "service:*"', async () => {
    expect(await policyFindings(notAction('iam:*', { Resource: 'arn:aws:s3:::*' }))).toEqual([
      'medium aws_iam_role_policy.p: statement 1 allows s3:* on every s3 resource',
    ]);
  });

  test('a Deny statement proposes no service: only Allow statements are read for candidates', async () => {
    // zzz is no AWS service: named only by a Deny, it is not a service the Allow is checked against.
    expect(
      await policyFindings(notAction('iam:*'), {
        Effect: 'Deny',
        Action: 'zzz:*',
        Resource: 'arn:aws:zzz:::keep',
      }),
    ).toEqual([
      'high aws_iam_role_policy.p: statement 1 allows every action of every service except iam on every resource',
    ]);
    // A service the catalog does not list is still checked when an Allow action or resource names it.
    expect(await policyFindings(allow('*', 'arn:aws:zzz:::*'))).toEqual([
      'medium aws_iam_role_policy.p: statement 1 allows zzz:* on every zzz resource',
    ]);
    expect(await policyFindings(allow(['zzz:Get', 'z*:*'], 'arn:aws:zzz:::*'))).toEqual([
      'medium aws_iam_role_policy.p: statement 1 allows zzz:* on every zzz resource',
    ]);
  });

  test('a statement naming most services as "service:*" is one high finding too', async () => {
    // The rule reads the catalog for this only above 200 services: it must list more than 400.
    const catalog = catalogServiceNames();
    expect(catalog.length).toBeGreaterThan(400);
    const some = catalog.slice(0, Math.floor(catalog.length / 2) + 1);
    const rest = catalog.slice(some.length);
    expect(await policyFindings(allow(some.map((x) => `${x}:*`)))).toEqual([
      `high aws_iam_role_policy.p: statement 1 allows every action of every service except ${rest.join(', ')} on every resource`,
    ]);
    // Half of them or fewer: one finding per service.
    const half = catalog.slice(0, Math.floor(catalog.length / 2));
    expect(await policyFindings(allow(half.map((x) => `${x}:*`)))).toHaveLength(half.length);
  });

  test('property: each service a statement allows entirely is named by exactly its findings', () => {
    const catalog = catalogServiceNames();
    const statement = fc
      .record({
        effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
        notAction: fc.boolean(),
        actions: fc.subarray(
          [
            '*',
            '*:*',
            's3:*',
            'S3:*',
            's3:**',
            's3*',
            '*3:*',
            's?:*',
            'ec2*',
            'iam:*',
            's3:GetObject',
            'zzz:*',
            'z*:*',
          ],
          { minLength: 1, maxLength: 3 },
        ),
        notResource: fc.boolean(),
        resources: fc.subarray(
          ['*', 'arn:*', 'arn:aws:s3:::*', 'arn:aws:s3:::b/*', 'arn:aws:ec2:*:*:*', 'arn:aws:zzz:::*'],
          { minLength: 1, maxLength: 2 },
        ),
      })
      .map((x) => ({
        Effect: x.effect,
        [x.notAction ? 'NotAction' : 'Action']: x.actions,
        [x.notResource ? 'NotResource' : 'Resource']: x.resources,
      }));
    assertProperty(
      fc.property(fc.array(statement, { minLength: 1, maxLength: 3 }), (statements) => {
        const policy = doc(...statements);
        const found = ruleOrder(...statements);
        const parsed = parsePolicyDocument(policy);
        if (!parsed.ok) throw new Error(parsed.error);
        const document = parsed.document;
        // The services the rule considers: the catalog's, and one an Allow statement names (zzz).
        const namesZzz = document.statements.some(
          (st) =>
            st.effect === 'Allow' &&
            [...(st.action ?? []), ...(st.resource ?? []), ...(st.notResource ?? [])].some((x) =>
              /^(arn:aws:)?zzz:/.test(x),
            ),
        );
        const all = namesZzz ? [...catalog, 'zzz'] : catalog;
        const together = found
          .map((m) => /^inline_policy "a" statements ([\d, ]+) together/.exec(m))
          .flatMap((m) => (m ? m[1].split(', ').map((x) => Number(x) - 1) : []));
        document.statements.forEach((_, i) => {
          const prefix = `inline_policy "a" statement ${i + 1} allows `;
          const mine = found.filter((m) => m.startsWith(prefix)).map((m) => m.slice(prefix.length));
          const reached = new Set(
            all.filter((x) =>
              broadAllows(document, `${x}:*`, serviceResources(x)).some((b) => b.index === i),
            ),
          );
          if (mine.some((m) => m.startsWith('every action on every resource')) || together.includes(i)) {
            expect(mine.filter((m) => !m.startsWith('every action on every resource'))).toEqual([]);
            return;
          }
          const named = new Set<string>();
          let groups = 0;
          for (const m of mine) {
            const one = /^([^ :]+):\* on every ([^ ]+) resource/.exec(m);
            const list = /^every action of ((?:[^ ,]+, )+[^ ,]+) on every resource of those services/.exec(m);
            const most =
              /^every action of every service(?: except ((?:[^ ,]+, )*[^ ,]+))? on every resource/.exec(m);
            if (one) {
              expect(one[2]).toBe(one[1]);
              named.add(one[1]);
            } else if (list) {
              groups++;
              for (const x of list[1].split(', ')) named.add(x);
            } else if (most) {
              groups++;
              const except = new Set(most[1]?.split(', ') ?? []);
              for (const x of catalog) if (!except.has(x)) named.add(x);
              if (reached.has('zzz')) named.add('zzz');
            } else throw new Error(`unexpected IRSA009 message: ${m}`);
          }
          expect(groups).toBeLessThanOrEqual(1);
          expect([...named].sort()).toEqual([...reached].sort());
        });
      }),
      scaled(150),
    );
  });

  test('statements that together allow every action are not reported again per service', async () => {
    expect(await policyFindings(notAction('s3:*'), allow('s3:*'))).toEqual([
      'high aws_iam_role_policy.p: statements 1, 2 together allow every action on every resource',
    ]);
  });

  test('a service the catalog does not list, written out with a pattern ("zzz:**"), is still checked', async () => {
    expect(await policyFindings(allow('zzz:**'))).toEqual([
      'medium aws_iam_role_policy.p: statement 1 allows zzz:* on every zzz resource',
    ]);
  });

  test('only service names written out count as candidates: not a pattern, a short ARN or a non-ARN', async () => {
    // "st*" reaches the catalog's services starting with "st" and nothing named by these resources:
    // "arn:aws" has no service part, "x:y:stzz" is not an ARN, "st*" in an ARN is a pattern.
    const st = catalogServiceNames().filter((x) => x.startsWith('st'));
    expect(st.length).toBeGreaterThan(1);
    expect(await policyFindings(allow('st*', ['*', 'arn:aws', 'x:y:stzz', 'arn:aws:st*:*:*:*']))).toEqual([
      `medium aws_iam_role_policy.p: statement 1 allows every action of ${st.join(', ')} on every resource of those services`,
    ]);
  });

  test("an action naming one action of a service does not make it that service's own finding", async () => {
    expect(await policyFindings(allow(['s3:GetObject', 'S3*']))).toEqual([
      'medium aws_iam_role_policy.p: statement 1 allows every action of s3, s3-object-lambda, s3-outposts, s3express, s3files, s3tables, s3vectors on every resource of those services',
    ]);
  });

  test("a list's exceptions from several services are sorted together", async () => {
    // Each exception belongs to one service (no wildcard reaches into another's ARNs); ec2's comes first in
    // service order, ec2messages' first in text order ("-" sorts before ":").
    const deny = {
      Effect: 'Deny',
      Action: '*',
      Resource: [
        'arn:aws:ec2:us-east-1:111122223333:instance/z',
        'arn:aws-cn:ec2messages:us-east-1:111122223333:a',
      ],
    };
    expect(await policyFindings(allow('ec2*'), deny)).toEqual([
      'medium aws_iam_role_policy.p: statement 1 allows every action of ec2, ec2-instance-connect, ec2messages on every resource of those services except arn:aws-cn:ec2messages:us-east-1:111122223333:a, arn:aws:ec2:us-east-1:111122223333:instance/z',
    ]);
  });

  test('the rule orders its findings by service, then by statement, whichever statement reaches a service first', () => {
    expect(ruleOrder(allow(['s3:*', 'sts:*']), allow('sqs:*'))).toEqual([
      'inline_policy "a" statement 1 allows s3:* on every s3 resource',
      'inline_policy "a" statement 2 allows sqs:* on every sqs resource',
      'inline_policy "a" statement 1 allows sts:* on every sts resource',
    ]);
    expect(ruleOrder(allow('s3:*'), allow('S3:*'))).toEqual([
      'inline_policy "a" statement 1 allows s3:* on every s3 resource',
      'inline_policy "a" statement 2 allows s3:* on every s3 resource',
    ]);
    // Statement 2's list (keyed by its first service) comes first; the two s3 findings in statement order.
    const ac = catalogServiceNames().filter((x) => x.startsWith('ac'));
    expect(ruleOrder(allow('s3:*'), allow(['s3:*', 'ac*']))).toEqual([
      `inline_policy "a" statement 2 allows every action of ${ac.join(', ')} on every resource of those services`,
      'inline_policy "a" statement 1 allows s3:* on every s3 resource',
      'inline_policy "a" statement 2 allows s3:* on every s3 resource',
    ]);
  });

  test('the rule puts the finding for every service before the per-service ones, whatever their names', () => {
    expect(ruleOrder(allow('0zz:*'), notAction('iam:*'))).toEqual([
      'inline_policy "a" statement 2 allows every action of every service except iam on every resource',
      'inline_policy "a" statement 1 allows 0zz:* on every 0zz resource',
    ]);
  });

  describe('the catalog is read only for a NotAction or a wildcard pattern, or more than 200 services', () => {
    let read: jest.SpyInstance;
    beforeEach(() => {
      read = jest.spyOn(actionCatalog, 'catalogServiceNames');
    });
    afterEach(() => read.mockRestore());

    test('"service:*" and plain actions do not read it', async () => {
      expect(
        await policyFindings(
          allow(['s3:*', 'SQS:*', 'ec2:DescribeInstances']),
          allow('sts:GetCallerIdentity'),
        ),
      ).toEqual([
        'medium aws_iam_role_policy.p: statement 1 allows s3:* on every s3 resource',
        'medium aws_iam_role_policy.p: statement 1 allows sqs:* on every sqs resource',
      ]);
      expect(read).not.toHaveBeenCalled();
    });

    test('exactly 200 services named as "service:*" do not read it; 201 do', async () => {
      const services = Array.from({ length: 201 }, (_, i) => `zz${String(i).padStart(3, '0')}`);
      expect(await policyFindings(allow(services.slice(0, 200).map((x) => `${x}:*`)))).toHaveLength(200);
      expect(read).not.toHaveBeenCalled();
      expect(await policyFindings(allow(services.map((x) => `${x}:*`)))).toHaveLength(201);
      expect(read).toHaveBeenCalled();
    });

    test('a pattern or a NotAction reads it', async () => {
      await policyFindings(allow('s3*'));
      expect(read).toHaveBeenCalled();
      read.mockClear();
      // "s3:*Object" is a pattern, not "service:*".
      await policyFindings(allow('s3:*Object'));
      expect(read).toHaveBeenCalled();
      read.mockClear();
      await policyFindings(notAction('iam:*'));
      expect(read).toHaveBeenCalled();
    });
  });
});

describe('IRSA018/IRSA020: a trust that was not readable before', () => {
  test('an update from an unparseable trust to an unscoped Pod Identity trust is IRSA018', async () => {
    const found = (await review([role('r', 'update', { trust: '{not json' }, { trust: podTrust() })]))
      .findings;
    expect(found.filter((x) => ['IRSA018', 'IRSA020'].includes(x.ruleId))).toEqual([
      f(
        'IRSA018',
        'medium',
        'aws_iam_role.r',
        'trusts pods.eks.amazonaws.com without conditions on the session tags: any EKS Pod Identity association in the account (any cluster, namespace and service account) can give pods this role',
      ),
    ]);
  });
});

describe('IRSA003: severity and which patterns count', () => {
  test('a pattern that does not start with system:serviceaccount: is high, whatever follows', () => {
    expect(wildcardSubjectSeverity('system?serviceaccount:shop:app-*')).toBe('high');
    expect(wildcardSubjectSeverity('*ystem:serviceaccount:shop:app-*')).toBe('high');
    // The same tail after the real prefix is narrower.
    expect(wildcardSubjectSeverity('system:serviceaccount:shop:app-*')).toBe('medium');
  });

  test('a pattern a Deny cuts back for its own issuer is quiet, even when Principal "*" admits other issuers', async () => {
    const trust = doc(
      web({ StringLike: { [sub]: sa('*') }, StringEquals: { [aud]: STS } }),
      { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRoleWithWebIdentity' },
      {
        Effect: 'Deny',
        Principal: { Federated: PROVIDER_ARN },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringLike: { [sub]: sa('*') } },
      },
    );
    expect(await findings('IRSA003', [newRole('r', { trust })])).toEqual([]);
  });

  test('a :sub key whose issuer part is not a host name is checked against the access of unnamed issuers', async () => {
    const key = 'localhost:8080:sub';
    // Principal "*": tokens of that issuer get in (the condition is not modelled, so read as true).
    const everyone = doc({
      Effect: 'Allow',
      Principal: '*',
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringLike: { [key]: sa('*') } },
    });
    expect(await messages('IRSA003', [newRole('r', { trust: everyone })])).toEqual([
      `high aws_iam_role.r: statement 1: StringLike ${key} = "${sa('*')}" admits a whole namespace or more`,
    ]);
    // Only the synthetic cluster's provider is trusted: no access entry applies to that key's issuer.
    const federated = doc(
      web({ StringLike: { [key]: sa('*') }, StringEquals: { [sub]: sa('app'), [aud]: STS } }),
    );
    expect(await findings('IRSA003', [newRole('r', { trust: federated })])).toEqual([]);
  });

  test('an operator IAM does not know, even one ending in StringLike, is not read as StringLike', async () => {
    const trust = doc(
      web({ NotStringLike: { [sub]: sa('*') }, StringEquals: { [aud]: STS } }),
      web({ StringEquals: { [aud]: STS } }),
    );
    expect(await findings('IRSA003', [newRole('r', { trust })])).toEqual([]);
  });
});

describe('IRSA001: which Allow patterns make an open trust IRSA003s instead', () => {
  const onlyExcludes = `trust for ${ISSUER} only excludes some subjects on :sub (StringNotEquals/StringNotLike): any service account in that cluster can assume this role`;
  /** Refuses every subject that is not a service account: every service account is still admitted. */
  const denyNonServiceAccounts = {
    Effect: 'Deny',
    Principal: { Federated: PROVIDER_ARN },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringNotLike: { [sub]: 'system:serviceaccount:*' } },
  };

  test('a wildcard :sub pattern listed next to a literal subject is IRSA003s', async () => {
    const trust = doc(
      web({ StringLike: { [sub]: ['system:serviceaccount:*', sa('app')] }, StringEquals: { [aud]: STS } }),
    );
    expect(await findings('IRSA001', [newRole('r', { trust })])).toEqual([]);
  });

  test('one statement with the open pattern is enough, whatever the other statements say', async () => {
    const trust = doc(
      web({ StringLike: { [sub]: 'system:serviceaccount:*' }, StringEquals: { [aud]: STS } }),
      scoped(sa('app')),
    );
    expect(await findings('IRSA001', [newRole('r', { trust })])).toEqual([]);
  });

  test('a wildcard pattern that does not match the other service accounts does not count', async () => {
    const trust = doc(
      web({ StringEquals: { [aud]: STS } }),
      web({ StringLike: { [sub]: 'system:serviceaccount:kube-system:*' }, StringEquals: { [aud]: STS } }),
      denyNonServiceAccounts,
    );
    expect(await messages('IRSA001', [newRole('r', { trust })])).toEqual([
      `high aws_iam_role.r: ${onlyExcludes}`,
    ]);
  });

  test('a "*" in StringEquals on :sub is literal and does not count as a pattern', async () => {
    const trust = doc(
      web({ StringEquals: { [aud]: STS } }),
      web({ StringEquals: { [sub]: 'system:serviceaccount:*', [aud]: STS } }),
      denyNonServiceAccounts,
    );
    expect(await messages('IRSA001', [newRole('r', { trust })])).toEqual([
      `high aws_iam_role.r: ${onlyExcludes}`,
    ]);
  });

  test('an operator IAM does not know, even one ending in StringLike, does not count', async () => {
    const trust = doc(
      web({ StringEquals: { [aud]: STS } }),
      web({ NotStringLike: { [sub]: 'system:serviceaccount:*' }, StringEquals: { [aud]: STS } }),
      denyNonServiceAccounts,
    );
    expect(await messages('IRSA001', [newRole('r', { trust })])).toEqual([
      `high aws_iam_role.r: ${onlyExcludes}`,
    ]);
  });

  test('a StringLike pattern on another key (:aud) does not count', async () => {
    const trust = doc(web({ StringLike: { [aud]: '*' } }), denyNonServiceAccounts);
    expect(await messages('IRSA001', [newRole('r', { trust })])).toEqual([
      `high aws_iam_role.r: ${onlyExcludes}`,
    ]);
  });

  test('a Deny statement pattern does not count', async () => {
    // The second Deny also has a condition the access model does not read, so it is not applied:
    // service accounts calling from elsewhere still get in.
    const trust = doc(web({ StringEquals: { [aud]: STS } }), denyNonServiceAccounts, {
      Effect: 'Deny',
      Principal: { Federated: PROVIDER_ARN },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringLike: { [sub]: 'system:serviceaccount:*' },
        IpAddress: { 'aws:SourceIp': '10.0.0.0/8' },
      },
    });
    expect(await messages('IRSA001', [newRole('r', { trust })])).toEqual([
      `high aws_iam_role.r: ${onlyExcludes}`,
    ]);
  });
});

describe('IRSA005: the detail of Principal "*" with several issuers', () => {
  test('every issuer whose :sub condition restricts the subjects is named, comma-separated', async () => {
    const everyone = (condition: Condition) => ({
      Effect: 'Allow',
      Principal: '*',
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: condition,
    });
    const trust = doc(
      everyone({ StringEquals: { [sub]: sa('app') } }),
      everyone({ StringEquals: { [sub2]: sa('app') } }),
    );
    expect(await messages('IRSA005', [newRole('r', { trust })])).toEqual([
      `high aws_iam_role.r: statement 1 trusts every principal ("*"): pods of ${ISSUER2}, ${ISSUER} matching its :sub condition can assume it, and so can any other principal whose request matches the conditions`,
      `high aws_iam_role.r: statement 2 trusts every principal ("*"): pods of ${ISSUER2}, ${ISSUER} matching its :sub condition can assume it, and so can any other principal whose request matches the conditions`,
    ]);
  });
});

describe("IRSA015: the role's account and the principal's", () => {
  const awsTrust = (principal: string) =>
    doc(scoped(), { Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' });
  const tail = ': it can assume this role directly, without a service account';

  test("the role's own ARN gives its account, before the OIDC provider ARN its trust names", async () => {
    // The role lives in another account than the provider it trusts.
    const p = `arn:aws:iam::${ACCOUNT}:root`;
    expect(
      await messages('IRSA015', [newRole('r', { trust: awsTrust(p), arn: roleArn('r', OTHER_ACCOUNT) })]),
    ).toEqual([
      `high aws_iam_role.r: trust newly admits AWS principal ${p} from account ${ACCOUNT}, not this role's account ${OTHER_ACCOUNT}${tail}`,
    ]);
  });

  test('a principal that only contains an ARN is not read as one', async () => {
    const p = `user/arn:aws:iam::${OTHER_ACCOUNT}:root`;
    expect(await messages('IRSA015', [newRole('r', { trust: awsTrust(p) })])).toEqual([
      `medium aws_iam_role.r: trust newly admits AWS principal ${p} from a principal whose account cannot be told${tail}`,
    ]);
  });

  test('a provider "ARN" that only contains an ARN gives no account', async () => {
    const fakeProvider = `x:arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}`;
    const p = roleArn('x', OTHER_ACCOUNT);
    const trust = doc(
      web({ StringEquals: { [sub]: sa('app'), [aud]: STS } }, { Principal: { Federated: fakeProvider } }),
      { Effect: 'Allow', Principal: { AWS: p }, Action: 'sts:AssumeRole' },
    );
    expect(await messages('IRSA015', [newRole('r', { trust, arn: null })])).toEqual([
      `medium aws_iam_role.r: trust newly admits AWS principal ${p} from account ${OTHER_ACCOUNT} (this role's account is not known in the plan)${tail}`,
    ]);
  });

  test("a principal whose account cannot be told is reported when the role's account is not known either", async () => {
    const p = 'AIDAEXAMPLEUSERID0000';
    const trust = doc({ Effect: 'Allow', Principal: { AWS: p }, Action: 'sts:AssumeRole' });
    expect(await findings('IRSA015', [newRole('r', { trust, arn: null })])).toEqual([
      f(
        'IRSA015',
        'medium',
        'aws_iam_role.r',
        `trust newly admits AWS principal ${p} from a principal whose account cannot be told${tail}`,
      ),
    ]);
  });

  test('an empty AWS principal is reported as one whose account cannot be told', async () => {
    expect(await messages('IRSA015', [newRole('r', { trust: awsTrust('') })])).toEqual([
      `medium aws_iam_role.r: trust newly admits AWS principal  from a principal whose account cannot be told${tail}`,
    ]);
  });
});
