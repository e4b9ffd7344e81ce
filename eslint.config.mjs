// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'cdktf.out/**', 'coverage/**', 'modules/**', '**/*.js', '**/*.mjs'] },
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
            { name: '@cdktf/provider-aws', message: 'Import provider classes by deep path (@cdktf/provider-aws/lib/...).' },
            {
              name: '@cdktf/provider-kubernetes',
              message: 'Import provider classes by deep path (@cdktf/provider-kubernetes/lib/...).',
            },
          ],
        },
      ],
    },
  },
);
