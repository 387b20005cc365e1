/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  // .tsx: the task pane's component tests (each opts into jsdom with a `@jest-environment jsdom` docblock).
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
    // The photo fixer's JPEG encoder ships as ES modules only (scripts/jest-esm-wasm.js).
    '[\\\\/]node_modules[\\\\/]@jsquash[\\\\/].+\\.js$': '<rootDir>/scripts/jest-esm-wasm.js',
  },
  transformIgnorePatterns: ['[\\\\/]node_modules[\\\\/](?!@jsquash[\\\\/])'],
  testTimeout: 60000,
};
