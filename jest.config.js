// Jest in ESM mode (see the toolchain notes): ts-jest transforms TypeScript,
// ts-jest-resolver maps the `.js` import suffixes NodeNext requires.
export default {
  preset: 'ts-jest/presets/default-esm',
  resolver: 'ts-jest-resolver',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }]
  },
  globalSetup: '<rootDir>/__tests__/support/global-setup.mjs',
  testPathIgnorePatterns: ['/node_modules/', '/__tests__/support/'],
  testTimeout: 60000,
  maxWorkers: 2
}
