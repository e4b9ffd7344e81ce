/**
 * Readable role names (`roleNaming: "readable"`) as a pure function: IAM's role-name characters and
 * 64-character limit (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html), and a
 * hash suffix stated here independently: the first 8 hex digits of the SHA-256 of the construct path and
 * the label, one per line (nothing a documented change alters: no OIDC provider, no cluster).
 */
import { createHash } from 'node:crypto';
import { readableRoleName, roleNameLabel } from '../../src/policy/role-name';

const IAM_ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const sha8 = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8);

describe('roleNameLabel', () => {
  test.each([
    ['kube-system-external-dns', 'kube-system-external-dns'],
    ['a', 'a'],
    // characters IAM refuses become one "-", runs of "-" collapse
    ['ns/app name', 'ns-app-name'],
    ['ns--app', 'ns-app'],
    ['a!!!b', 'a-b'],
    // IAM's other allowed characters stay
    ['a+b=c,d.e@f_g', 'a+b=c,d.e@f_g'],
    // leading and trailing "-" and "." are trimmed
    ['-app-', 'app'],
    ['..app..', 'app'],
    ['.-app-.', 'app'],
    // nothing left: a fixed fallback
    ['', 'irsa'],
    ['---', 'irsa'],
    ['é', 'irsa'],
  ])('%j becomes %j', (input, expected) => {
    expect(roleNameLabel(input)).toBe(expected);
  });

  test('is cut to 64 - 8 - 1 = 55 characters, then trimmed', () => {
    expect(roleNameLabel('x'.repeat(100))).toBe('x'.repeat(55));
    expect(roleNameLabel(`${'x'.repeat(54)}-yyy`)).toBe('x'.repeat(54));
    expect(roleNameLabel(`${'x'.repeat(55)}yyy`)).toHaveLength(55);
  });
});

describe('readableRoleName', () => {
  test('label, "-", then the first 8 hex digits of sha256(path + label, one per line)', () => {
    const name = readableRoleName({ label: 'shop-app', constructPath: 'stack/role' });
    expect(name).toBe(`shop-app-${sha8('stack/role\nshop-app')}`);
    expect(name).toMatch(IAM_ROLE_NAME);
  });

  test('path and label both count', () => {
    const base = readableRoleName({ label: 'l', constructPath: 'stack/role' });
    expect(readableRoleName({ label: 'l', constructPath: 'stack/other' })).not.toBe(base);
    expect(readableRoleName({ label: 'm', constructPath: 'stack/role' })).not.toBe(base);
    expect(readableRoleName({ label: 'l', constructPath: 'stack/role' })).toBe(base);
  });

  test('the hash covers the label as given, before it is cut', () => {
    const long = 'n'.repeat(200);
    const name = readableRoleName({ label: long, constructPath: 's/r' });
    expect(name).toBe(`${'n'.repeat(55)}-${sha8(`s/r\n${long}`)}`);
    expect(name).toHaveLength(64);
    expect(name).toMatch(IAM_ROLE_NAME);
  });
});
