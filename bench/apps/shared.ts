/** Inputs shared by the benchmark apps, so both sides synthesize the same resources. */
export const BENCH_PROVIDER_ARN =
  'arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
export const BENCH_ISSUER = 'oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE';
export const BENCH_POLICY_ARN = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';

export function benchCount(): number {
  const n = Number(process.env.BENCH_N ?? '1');
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`BENCH_N must be a positive integer, got ${process.env.BENCH_N}`);
  return n;
}

export function benchOutdir(): string {
  const dir = process.env.BENCH_OUTDIR;
  if (!dir) throw new Error('BENCH_OUTDIR must name the synth output folder');
  return dir;
}

export const serviceAccountName = (i: number) => `app-${i}`;
export const namespaceName = (i: number) => `team-${i % 10}`;

/** The inline policy document each service account gets. */
export const inlinePolicy = (i: number) => ({
  Version: '2012-10-17' as const,
  Statement: [
    {
      Effect: 'Allow' as const,
      Action: ['s3:GetObject', 's3:PutObject'],
      Resource: `arn:aws:s3:::bucket-${i}/*`,
    },
  ],
});
