/**
 * Unit tests of src/iam/permissions.ts that pin the exact results of its resource-kind filling, its
 * Deny handling and `allowsAction`, on hand-written statements.
 */
import { checkActionSync } from '../../src/iam/action-catalog';
import type { PolicyDocument, Statement } from '../../src/iam/document';
import {
  allowsAction,
  broadAllows,
  coversActions,
  everyActionTogether,
  EVERY_RESOURCE,
  EVERY_ROLE,
  PASS_ROLE_COMPUTE_ACTIONS,
  PRIVILEGE_ESCALATION_ACTIONS,
  serviceResources,
  touchesActions,
  type ResourceKind,
} from '../../src/iam/permissions';

const allow = (fields: Partial<Statement> = {}): Statement => ({
  effect: 'Allow',
  conditions: [],
  ...fields,
});
const deny = (fields: Partial<Statement> = {}): Statement => ({ effect: 'Deny', conditions: [], ...fields });
const docOf = (...statements: Statement[]): PolicyDocument => ({ version: '2012-10-17', statements });
const CONDITION = [{ operator: 'Bool', key: 'aws:SecureTransport', values: ['true'] }];
const ROLE_X = 'arn:aws:iam::111122223333:role/x';

describe('serviceResources', () => {
  it('lists the five ARN shapes of a service', () => {
    expect(serviceResources('s3')).toEqual([
      'arn:{partition}:s3:*',
      'arn:{partition}:s3:*:*:*',
      'arn:{partition}:s3:::*',
      'arn:{partition}:s3::{account}:*',
      'arn:{partition}:s3:*:{account}:*',
    ]);
  });

  it('returns the same array for the same service', () => {
    expect(serviceResources('sqs')).toBe(serviceResources('sqs'));
  });

  it('remembers at most 2000 services', () => {
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const fresh = require('../../src/iam/permissions') as typeof import('../../src/iam/permissions');
      for (let i = 0; i < 2000; i++) fresh.serviceResources(`svc${i}`);
      expect(fresh.serviceResources('svc1999')).toBe(fresh.serviceResources('svc1999'));
      expect(fresh.serviceResources('svc2000')).not.toBe(fresh.serviceResources('svc2000'));
      expect(fresh.serviceResources('svc2000')).toEqual(fresh.serviceResources('svc2000'));
    });
  });
});

describe('coversActions and touchesActions', () => {
  it('a statement with neither Action nor NotAction covers and touches nothing', () => {
    expect(coversActions(allow(), 's3:GetObject')).toBe(false);
    expect(touchesActions(allow(), 's3:GetObject')).toBe(false);
  });

  it('a NotAction that contains the action does not touch it, one that does not contain it does', () => {
    const s = allow({ notAction: ['ec2:*', 's3:*'] });
    expect(touchesActions(s, 's3:GetObject')).toBe(false);
    expect(touchesActions(s, 'sqs:SendMessage')).toBe(true);
    expect(touchesActions(allow({ notAction: ['s3:Get*'] }), 's3:*')).toBe(true);
  });

  it('compares actions by lower case, not by upper case', () => {
    // 'ß'.toUpperCase() is 'SS': upper-casing would make these two different names equal.
    expect(coversActions(allow({ action: ['s3:GetSS'] }), 's3:Getß')).toBe(false);
    expect(coversActions(allow({ action: ['S3:GETOBJECT'] }), 's3:getobject')).toBe(true);
  });
});

describe('broadAllows: resource kinds filled from the document', () => {
  it('a statement without Resource covers every resource with no exception', () => {
    expect(broadAllows(docOf(allow({ action: ['*'] })), '*', EVERY_RESOURCE)).toEqual([
      { index: 0, statement: allow({ action: ['*'] }), except: [], conditional: false },
    ]);
  });

  it('Resource "*" covers every resource with no exception', () => {
    const s = allow({ action: ['*'], resource: ['*'] });
    expect(broadAllows(docOf(s), '*', EVERY_RESOURCE)).toEqual([
      { index: 0, statement: s, except: [], conditional: false },
    ]);
  });

  it('"arn:aws:*" covers every resource of the aws partition', () => {
    expect(
      broadAllows(docOf(allow({ action: ['*'], resource: ['arn:aws:*'] })), '*', EVERY_RESOURCE),
    ).toHaveLength(1);
  });

  it.each(['arn:aws-cn:*', 'arn:aws-us-gov:*', 'arn:aws-cn:s3:*'])(
    '%j names its partition: every resource of it (or of its service) is covered',
    (resource) => {
      const s = allow({ action: ['*'], resource: [resource] });
      const [kind, action] = resource.endsWith(':s3:*')
        ? [serviceResources('s3'), 's3:*']
        : [EVERY_RESOURCE, '*'];
      expect(broadAllows(docOf(s), action, kind)).toEqual([
        { index: 0, statement: s, except: [], conditional: false },
      ]);
    },
  );

  it('a NotResource on ARNs with an empty partition leaves every resource but those', () => {
    const s = allow({ action: ['*'], notResource: ['arn::*'] });
    expect(broadAllows(docOf(s), '*', EVERY_RESOURCE)).toEqual([
      { index: 0, statement: s, except: ['arn::*'], conditional: false },
    ]);
  });

  it('a NotResource on the roles with an empty account leaves every role but those', () => {
    const s = allow({ action: ['iam:PassRole'], notResource: ['arn:aws:iam:::role/*'] });
    expect(broadAllows(docOf(s), 'iam:PassRole', EVERY_ROLE)).toEqual([
      { index: 0, statement: s, except: ['arn:aws:iam:::role/*'], conditional: false },
    ]);
  });

  it('an ARN with an empty partition does not make "arn::*" every resource', () => {
    const s = allow({ action: ['*'], resource: ['arn::*', 'arn::s3:::b'] });
    expect(broadAllows(docOf(s), '*', EVERY_RESOURCE)).toEqual([]);
  });

  it('a non-ARN pattern covers no resource kind', () => {
    expect(broadAllows(docOf(allow({ action: ['*'], resource: ['S*'] })), '*', EVERY_RESOURCE)).toEqual([]);
  });

  it('the partition of a full ARN is used to fill the kind', () => {
    const s = allow({ action: ['s3:*'], resource: ['arn:aws-cn:s3:::*'] });
    expect(broadAllows(docOf(s), 's3:*', serviceResources('s3'))).toEqual([
      { index: 0, statement: s, except: [], conditional: false },
    ]);
  });

  it('a kind filled for one set of partitions is not reused for another', () => {
    const kind: ResourceKind = ['arn:{partition}:kinesis:*:*:*'];
    const aws = allow({ action: ['kinesis:*'], resource: ['arn:aws:kinesis:*:*:*'] });
    expect(broadAllows(docOf(aws), 'kinesis:*', kind)).toHaveLength(1);
    const gov = allow({ action: ['kinesis:*'], resource: ['arn:aws-us-gov:kinesis:*:*:*'] });
    expect(broadAllows(docOf(gov), 'kinesis:*', kind)).toHaveLength(1);
  });

  it('NotResource exceptions keep only the entries of the kind, sorted', () => {
    const s = allow({
      action: ['iam:PassRole'],
      notResource: ['arn:aws:s3:::b', 'arn:aws:iam::111122223333:role/z', ROLE_X],
    });
    expect(broadAllows(docOf(s), 'iam:PassRole', EVERY_ROLE)).toEqual([
      {
        index: 0,
        statement: s,
        except: [ROLE_X, 'arn:aws:iam::111122223333:role/z'],
        conditional: false,
        outside: ['arn:aws:s3:::b'],
      },
    ]);
  });

  it('a NotResource entry of one account is an exception even when another account is named', () => {
    const s = allow({ action: ['iam:PassRole'], notResource: [ROLE_X] });
    const other = allow({ action: ['s3:GetObject'], resource: ['arn:aws:iam::444455556666:role/y'] });
    expect(broadAllows(docOf(s, other), 'iam:PassRole', EVERY_ROLE)).toEqual([
      { index: 0, statement: s, except: [ROLE_X], conditional: false },
    ]);
  });
});

describe('broadAllows: statements and Deny statements', () => {
  it('reports only Allow statements covering the action', () => {
    const d = docOf(
      deny({ action: ['*'], resource: ['arn:aws:s3:::b'] }),
      allow({ action: ['s3:*'] }),
      allow({ action: ['*'] }),
    );
    expect(broadAllows(d, '*', EVERY_RESOURCE).map((b) => b.index)).toEqual([2]);
  });

  it('a Deny with conditions does not cancel', () => {
    const d = docOf(allow({ action: ['*'] }), deny({ action: ['*'], conditions: CONDITION }));
    expect(broadAllows(d, '*', EVERY_RESOURCE)).toEqual([
      { index: 0, statement: d.statements[0], except: [], conditional: false },
    ]);
  });

  it('a Deny on another action adds no exception', () => {
    const d = docOf(allow({ action: ['iam:PassRole'] }), deny({ action: ['s3:*'], resource: [ROLE_X] }));
    expect(broadAllows(d, 'iam:PassRole', EVERY_ROLE)).toEqual([
      { index: 0, statement: d.statements[0], except: [], conditional: false },
    ]);
  });

  it('a Deny on resources of another kind adds no exception', () => {
    const d = docOf(
      allow({ action: ['iam:PassRole'] }),
      deny({ action: ['iam:PassRole'], resource: ['arn:aws:s3:::b'] }),
    );
    expect(broadAllows(d, 'iam:PassRole', EVERY_ROLE)).toEqual([
      { index: 0, statement: d.statements[0], except: [], conditional: false },
    ]);
  });

  it('a Deny on a role of one account is an exception even when another account is named', () => {
    const d = docOf(
      allow({ action: ['iam:PassRole'] }),
      deny({ action: ['iam:PassRole'], resource: [ROLE_X] }),
      allow({ action: ['s3:GetObject'], resource: ['arn:aws:iam::444455556666:role/y'] }),
    );
    expect(broadAllows(d, 'iam:PassRole', EVERY_ROLE)).toEqual([
      { index: 0, statement: d.statements[0], except: [ROLE_X], conditional: false },
    ]);
  });

  it('a Deny of another policy on every role of an account it names cancels', () => {
    const d = docOf(allow({ action: ['iam:PassRole'], resource: ['*'] }));
    const other = [deny({ action: ['iam:PassRole'], resource: ['arn:aws:iam::444455556666:role/*'] })];
    expect(broadAllows(d, 'iam:PassRole', EVERY_ROLE, other)).toEqual([]);
    expect(broadAllows(d, 'iam:PassRole', EVERY_ROLE)).toHaveLength(1);
  });

  it('conditional is true exactly when the Allow has conditions', () => {
    const d = docOf(allow({ action: ['*'] }), allow({ action: ['*'], conditions: CONDITION }));
    expect(broadAllows(d, '*', EVERY_RESOURCE).map((b) => b.conditional)).toEqual([false, true]);
  });
});

describe('everyActionTogether', () => {
  const complement = [
    allow({ notAction: ['iam:*'], resource: ['*'] }),
    allow({ action: ['iam:*'], resource: ['*'] }),
  ];

  it('NotAction "iam:*" next to Action "iam:*" together allow every action', () => {
    expect(everyActionTogether(docOf(...complement))).toEqual([0, 1]);
  });

  it('is empty when one statement alone allows every action', () => {
    expect(everyActionTogether(docOf(allow({ action: ['s3:*'] }), allow({ action: ['*'] })))).toEqual([]);
  });

  it('a Deny of another policy on a whole partition it names cancels', () => {
    const other = [deny({ action: ['iam:*'], resource: ['arn:aws-cn:*', 'arn:aws-cn:s3:::b'] })];
    expect(everyActionTogether(docOf(...complement), other)).toEqual([]);
  });

  it('a Deny of the document on a named action cancels', () => {
    expect(
      everyActionTogether(docOf(...complement, deny({ action: ['iam:PassRole'], resource: ['*'] }))),
    ).toEqual([]);
  });

  it('a Deny with conditions does not cancel', () => {
    const d = docOf(
      ...complement,
      deny({ action: ['iam:PassRole'], resource: ['*'], conditions: CONDITION }),
    );
    expect(everyActionTogether(d)).toEqual([0, 1]);
  });

  it('a Deny statement is never one of the statements', () => {
    const d = docOf(deny({ action: ['x:*'], resource: ['*'], conditions: CONDITION }), ...complement);
    expect(everyActionTogether(d)).toEqual([1, 2]);
  });

  it('an Allow on some resources only is not one of the statements', () => {
    const d = docOf(
      allow({ notAction: ['iam:*'], resource: ['*'] }),
      allow({ action: ['iam:*'], resource: [ROLE_X] }),
    );
    expect(everyActionTogether(d)).toEqual([]);
  });

  it('NotAction "z*" next to Action "zz*" leave other z actions out', () => {
    expect(everyActionTogether(docOf(allow({ notAction: ['z*'] }), allow({ action: ['zz*'] })))).toEqual([]);
  });

  it('Action "s3:" is not every s3 action', () => {
    expect(everyActionTogether(docOf(allow({ notAction: ['s3:*'] }), allow({ action: ['s3:'] })))).toEqual(
      [],
    );
  });

  it('lists the statements in document order', () => {
    const d = docOf(
      allow({ action: ['s3:*'] }),
      allow({ action: ['iam:*'] }),
      allow({ notAction: ['iam:*', 's3:*'] }),
    );
    expect(everyActionTogether(d)).toEqual([0, 1, 2]);
    const r = docOf(
      allow({ notAction: ['iam:*', 's3:*'] }),
      allow({ action: ['s3:*'] }),
      allow({ action: ['iam:*'] }),
    );
    expect(everyActionTogether(r)).toEqual([0, 1, 2]);
  });
});

describe('allowsAction', () => {
  it('returns the index of the first Allow statement granting the action', () => {
    expect(allowsAction(docOf(allow({ action: ['s3:GetObject'] })), 's3:GetObject')).toBe(0);
    const d = docOf(
      deny({ action: ['s3:PutObject'] }),
      allow({ action: ['s3:PutObject', 's3:GetObject'], resource: ['arn:aws:s3:::b/*'] }),
    );
    expect(allowsAction(d, 's3:GetObject')).toBe(1);
  });

  it('is undefined when no statement grants the action', () => {
    expect(allowsAction(docOf(allow({ action: ['s3:PutObject'] })), 's3:GetObject')).toBeUndefined();
    expect(allowsAction(docOf(allow()), 's3:GetObject')).toBeUndefined();
    expect(
      allowsAction(docOf(deny({ action: ['s3:GetObject'], resource: ['arn:aws:s3:::b'] })), 's3:GetObject'),
    ).toBeUndefined();
  });

  it('matches actions case-insensitively', () => {
    expect(allowsAction(docOf(allow({ action: ['S3:getobject'] })), 's3:GetObject')).toBe(0);
    expect(allowsAction(docOf(allow({ notAction: ['S3:getobject'] })), 's3:GetObject')).toBeUndefined();
  });

  it('NotAction grants every action it does not list', () => {
    expect(allowsAction(docOf(allow({ notAction: ['s3:PutObject'] })), 's3:GetObject')).toBe(0);
    expect(
      allowsAction(docOf(allow({ notAction: ['s3:PutObject', 's3:GetObject'] })), 's3:GetObject'),
    ).toBeUndefined();
  });

  it('an empty Resource list grants nothing; a missing one grants every resource', () => {
    expect(
      allowsAction(docOf(allow({ action: ['s3:GetObject'], resource: [] })), 's3:GetObject'),
    ).toBeUndefined();
    expect(allowsAction(docOf(allow({ action: ['s3:GetObject'] })), 's3:GetObject')).toBe(0);
  });

  it('an unconditional Deny of the action on every resource cancels it', () => {
    expect(
      allowsAction(
        docOf(allow({ action: ['s3:*'] }), deny({ action: ['s3:GetObject'], resource: ['*'] })),
        's3:GetObject',
      ),
    ).toBeUndefined();
    expect(
      allowsAction(docOf(allow({ action: ['s3:*'] })), 's3:GetObject', [deny({ action: ['s3:*'] })]),
    ).toBeUndefined();
  });

  it('a Deny with conditions, on another action, on some resources or with a NotResource does not cancel', () => {
    const grant = allow({ action: ['s3:*'] });
    const cases: Statement[] = [
      deny({ action: ['s3:GetObject'], conditions: CONDITION }),
      deny({ action: ['s3:PutObject'] }),
      deny({ action: ['s3:GetObject'], resource: ['arn:aws:s3:::b/*'] }),
      deny({ action: ['s3:GetObject'], notResource: ['arn:aws:s3:::b/*'] }),
    ];
    for (const d of cases) {
      expect(allowsAction(docOf(grant, d), 's3:GetObject')).toBe(0);
      expect(allowsAction(docOf(grant), 's3:GetObject', [d])).toBe(0);
    }
  });
});

describe('privilege escalation action lists', () => {
  // Checked against the offline IAM catalog and the published escalation paths (Rhino Security Labs,
  // "AWS IAM Privilege Escalation – Methods and Mitigation"), not against a copy of the list.
  const real = (list: readonly string[]) =>
    list.map((action) => ({
      action,
      verdict: checkActionSync(action).verdict,
      wildcard: /[*?]/.test(action),
    }));

  it('every IAM action that raises a principal’s own privileges is a real iam: action, once, in order', () => {
    expect(real(PRIVILEGE_ESCALATION_ACTIONS)).toEqual(
      PRIVILEGE_ESCALATION_ACTIONS.map((action) => ({ action, verdict: 'known', wildcard: false })),
    );
    expect(PRIVILEGE_ESCALATION_ACTIONS.every((a) => a.startsWith('iam:'))).toBe(true);
    expect([...new Set(PRIVILEGE_ESCALATION_ACTIONS)].sort()).toEqual(PRIVILEGE_ESCALATION_ACTIONS);
    for (const known of [
      'iam:CreatePolicyVersion',
      'iam:AttachRolePolicy',
      'iam:PutRolePolicy',
      'iam:UpdateAssumeRolePolicy',
    ])
      expect(PRIVILEGE_ESCALATION_ACTIONS).toContain(known);
  });

  it('every compute action that runs code with a passed role is a real action outside iam:, once, in order', () => {
    expect(real(PASS_ROLE_COMPUTE_ACTIONS)).toEqual(
      PASS_ROLE_COMPUTE_ACTIONS.map((action) => ({ action, verdict: 'known', wildcard: false })),
    );
    expect(PASS_ROLE_COMPUTE_ACTIONS.some((a) => a.startsWith('iam:'))).toBe(false);
    expect([...new Set(PASS_ROLE_COMPUTE_ACTIONS)].sort()).toEqual(PASS_ROLE_COMPUTE_ACTIONS);
    for (const known of ['lambda:CreateFunction', 'ec2:RunInstances', 'cloudformation:CreateStack'])
      expect(PASS_ROLE_COMPUTE_ACTIONS).toContain(known);
  });
});

describe('broadAllows: Deny statements with several actions, and resources that are not ARNs', () => {
  const S3 = serviceResources('s3');

  it('a Deny naming the action among others cancels it', () => {
    const document = docOf(
      allow({ action: ['s3:*'], resource: ['*'] }),
      deny({ action: ['ec2:*', 's3:*'], resource: ['*'] }),
    );
    expect(broadAllows(document, 's3:*', S3)).toEqual([]);
  });

  it('a resource that is not an ARN names no partition', () => {
    // "*:zz:*" matches no resource of a real partition: it excludes nothing, and covers nothing.
    const excluded = docOf(allow({ action: ['s3:*'], notResource: ['*:zz:*'] }));
    expect(broadAllows(excluded, 's3:*', S3)).toEqual([
      { index: 0, statement: excluded.statements[0], except: ['*:zz:*'], conditional: false },
    ]);
    expect(broadAllows(docOf(allow({ action: ['s3:*'], resource: ['*:zz:s3:*'] })), 's3:*', S3)).toEqual([]);
  });

  it('a NotResource that matches no ARN leaves the statement broad', () => {
    const document = docOf(allow({ action: ['s3:*'], notResource: ['Str*'] }));
    expect(broadAllows(document, 's3:*', S3)).toEqual([
      { index: 0, statement: document.statements[0], except: [], conditional: false, outside: ['Str*'] },
    ]);
  });
});
