/**
 * AWS Node Termination Handler, queue processor mode.
 * Source: https://github.com/aws/aws-node-termination-handler/blob/v1.24.0/README.md#5-create-an-iam-role-for-the-pods
 * Upstream version: v1.24.0
 */
import { ADDON_RULES } from '../../validation/addon-rules';
import type { AddonSpec } from './model';

export const nodeTerminationHandler: AddonSpec = {
  key: 'nodeTerminationHandler',
  title: 'AWS Node Termination Handler',
  knownAs: ['node_termination_handler', 'aws-node-termination-handler', 'nth'],
  source:
    'https://github.com/aws/aws-node-termination-handler/blob/v1.24.0/README.md#5-create-an-iam-role-for-the-pods',
  version: 'v1.24.0',
  fingerprint: '4d2b0ce95ba18d07',
  docs: 'https://github.com/aws/aws-node-termination-handler',
  // terraform-aws-modules' input names (without the add-on prefix), for the Terraform modules.
  optionAliases: [
    { name: 'sqsQueueArns', option: 'queueArns', from: 'node_termination_handler_sqs_queue_arns' },
  ],
  options: [
    {
      name: 'queueArns',
      kind: 'list',
      item: ADDON_RULES.sqsQueueArn,
      required: true,
      doc: 'SQS queues that receive the termination events.',
    },
  ],
  statements: [
    {
      actions: [
        'autoscaling:CompleteLifecycleAction',
        'autoscaling:DescribeAutoScalingInstances',
        'autoscaling:DescribeTags',
        'ec2:DescribeInstances',
      ],
      resources: ['*'],
    },
    { actions: ['sqs:DeleteMessage', 'sqs:ReceiveMessage'], resources: [{ option: 'queueArns' }] },
  ],
};
