/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  // Terraform-backed tests run real `terraform init/plan`; give them room on a 2-core machine.
  testTimeout: 300000,
  maxWorkers: 2,
};
