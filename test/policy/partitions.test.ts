/**
 * The DNS suffix of each AWS partition (the `dnsSuffix` of the partitions table the AWS SDKs ship,
 * e.g. botocore's endpoints.json), used for service principals such as `ec2.<suffix>` in add-on
 * policies. Stated here independently of src/policy/addons/model.ts.
 */
import { DNS_SUFFIXES, renderAddon } from '../../src/policy/addons/model';
import { ADDONS } from '../../src/policy/addons';

const DOCUMENTED: Record<string, string> = {
  aws: 'amazonaws.com',
  'aws-cn': 'amazonaws.com.cn',
  'aws-us-gov': 'amazonaws.com',
  'aws-iso': 'c2s.ic.gov',
  'aws-iso-b': 'sc2s.sgov.gov',
  'aws-iso-e': 'cloud.adc-e.uk',
  'aws-iso-f': 'csp.hci.ic.gov',
  'aws-eusc': 'amazonaws.eu',
};

test('every partition has its documented DNS suffix', () => {
  expect(DNS_SUFFIXES).toEqual(DOCUMENTED);
});

const VALUES = { clusterName: 'prod', region: 'us-east-1', accountId: '111122223333' };

test('an add-on rendered for a partition names that partition and its service domain', () => {
  const karpenter = ADDONS.find((a) => a.key === 'karpenterController');
  if (!karpenter) throw new Error('karpenterController is in the catalog');
  for (const [partition, suffix] of Object.entries(DOCUMENTED)) {
    const text = JSON.stringify(
      renderAddon(
        karpenter,
        { ...VALUES, nodeRoleArns: [`arn:${partition}:iam::111122223333:role/node`] },
        partition,
      ),
    );
    expect({ partition, passedTo: text.includes(`"ec2.${suffix}"`) }).toEqual({ partition, passedTo: true });
    expect({ partition, arns: text.includes(`arn:${partition}:`) }).toEqual({ partition, arns: true });
    if (partition !== 'aws') expect(text).not.toContain('arn:aws:');
  }
});
