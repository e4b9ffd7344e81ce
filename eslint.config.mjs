// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'cdktf.out/**',
      'coverage/**',
      '.stryker-tmp/**',
      'reports/**',
      'modules/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@cdktf/provider-aws',
              message: 'Import provider classes by deep path (@cdktf/provider-aws/lib/...).',
            },
            {
              name: '@cdktf/provider-kubernetes',
              message: 'Import provider classes by deep path (@cdktf/provider-kubernetes/lib/...).',
            },
          ],
        },
      ],
    },
  },
  {
    // The reviewer CLI must start lean: no CDKTF runtime under src/review or src/iam.
    files: ['src/review/**/*.ts', 'src/iam/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'cdktf',
              message: 'src/review and src/iam must not load cdktf (irsa-review starts lean).',
            },
            { name: 'constructs', message: 'src/review and src/iam must not load constructs.' },
          ],
          patterns: [
            {
              group: ['cdktf/*', 'constructs/*', '@cdktf/*'],
              message: 'src/review and src/iam must not load CDKTF packages.',
            },
          ],
        },
      ],
    },
  },
);
