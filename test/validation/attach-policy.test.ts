/** IrsaRole.attachPolicy from JavaScript: a value that is not a string is refused with the usual error. */
import { IrsaRole } from '../../src';
import { IrsaValidationError } from '../../src/validation/error';
import { roleProps, testStack } from '../support/stacks';

test.each([
  [['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess']],
  [42],
  [{ arn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }],
])('attachPolicy(%j) is refused, not a TypeError', (value) => {
  const role = new IrsaRole(testStack().stack, 'role', roleProps());
  const call = () => role.attachPolicy(value as never);
  expect(call).toThrow(IrsaValidationError);
  expect(call).toThrow(`attachPolicy ${JSON.stringify(value)} is invalid: it must be `);
});
