// ts-jest's ESM preset: the action is ESM-only because @actions/github 9 is.
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1'
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }]
  },
  testTimeout: 30000,
  // End-to-end tests run dist/: they fail at once when it is older than src/ (see the script).
  globalSetup: '<rootDir>/scripts/jest-global-setup.mjs'
}
