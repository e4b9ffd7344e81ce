/**
 * The subject helpers against the literal token format EKS documents: the projected service-account token's
 * sub claim is "system:serviceaccount:<namespace>:<name>", and its default aud "sts.amazonaws.com".
 */
import {
  DEFAULT_AUDIENCE,
  SERVICE_ACCOUNT_SUBJECT_PREFIX,
  formatServiceAccountRef,
  hasWildcard,
  parseServiceAccountRef,
  serviceAccountSubject,
} from '../../src/policy/subjects';

test('the sub claim and the default audience, as EKS documents them', () => {
  expect(SERVICE_ACCOUNT_SUBJECT_PREFIX).toBe('system:serviceaccount:');
  expect(DEFAULT_AUDIENCE).toBe('sts.amazonaws.com');
  expect(serviceAccountSubject({ namespace: 'kube-system', name: 'aws-node' })).toBe(
    'system:serviceaccount:kube-system:aws-node',
  );
});

test('formatServiceAccountRef and parseServiceAccountRef are inverse', () => {
  expect(formatServiceAccountRef({ namespace: 'apps', name: 'api' })).toBe('apps:api');
  expect(parseServiceAccountRef(formatServiceAccountRef({ namespace: 'a-b', name: 'c.d' }))).toEqual({
    namespace: 'a-b',
    name: 'c.d',
  });
});

test.each([
  ['*', true],
  ['?', true],
  ['team-*:app', true],
  ['apps:job-?', true],
  ['apps:api', false],
  ['', false],
  ['a.b-c', false],
])('hasWildcard(%j) is %s', (text, expected) => {
  expect(hasWildcard(text)).toBe(expected);
});
