// Lint rules, including the import boundaries of ../shared/docs/STYLE.md:
// domain/ is pure, workflows/ stay deterministic, and nothing reaches across the layers.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = builtinModules.flatMap((name) => [name, `node:${name}`, `${name}/*`]);
const restrict = (...patterns) => [
  'error',
  { paths: nodeBuiltins.map((name) => ({ name, message: 'No Node built-ins here.' })), patterns },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'generated/', '.tools/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict({
        group: [
          '@temporalio/*',
          '@prisma/*',
          'pg',
          'express',
          '**/generated/**',
          '../*',
          '!../domain/**',
        ],
        message: 'domain/ is pure: it imports nothing but other domain/ modules.',
      }),
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'domain/ takes the time as an argument.' },
        { object: 'Math', property: 'random', message: 'domain/ is deterministic.' },
      ],
    },
  },
  {
    // bench/workflows.ts holds the bench's own workflows: the same determinism rules apply.
    files: ['workflows/**/*.ts', 'bench/workflows.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        {
          group: ['@temporalio/*', '!@temporalio/workflow', '@prisma/*', 'pg', 'express'],
          message: 'workflows/ import only @temporalio/workflow and domain/.',
        },
        {
          group: [
            '../activities',
            '../activities/*',
            '../platform/*',
            '../api/*',
            '**/generated/**',
          ],
          allowTypeImports: true,
          message: 'workflows/ may import activities only as types (proxyActivities).',
        },
      ),
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' },
        { name: 'setInterval', message: 'Use sleep() in a loop from @temporalio/workflow.' },
        { name: 'process', message: 'Workflows read no environment.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date']",
          message: 'Workflows take times from their input or workflowInfo(), not from Date.',
        },
        {
          // Date.now() is Temporal's deterministic workflow clock; nothing else of Date is.
          selector: "MemberExpression[object.name='Date'][property.name!='now']",
          message: 'Workflows read time only from Date.now(), the deterministic workflow clock.',
        },
        {
          selector: "MemberExpression[object.name='Math'][property.name='random']",
          message: 'Use uuid4() or random-free logic in workflows.',
        },
      ],
    },
  },
  {
    // Imported by the workflow sandbox as well as by Node: nothing but @temporalio/common.
    files: ['common/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict({
        group: ['@temporalio/*', '!@temporalio/common', '@prisma/*', 'pg', 'express', '../*'],
        message: 'common/ is sandbox-safe: it imports only @temporalio/common.',
      }),
    },
  },
  {
    // Low-level services: the composition root (composition/) wires them to the API and workers.
    files: ['platform/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../api/*', '../activities', '../activities/*', '../composition/*'],
              message: 'platform/ is below the API and the activities; composition/ wires them.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['activities/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../api/*', '../workflows/*'],
              message: 'activities/ do not call the API or workflows.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['api/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../activities/*', '../../activities/*'],
              message: 'The API talks to workflows through the Temporal client, not to activities.',
            },
          ],
        },
      ],
    },
  },
  {
    // The workbench runs in the browser and talks to the system only through the HTTP API: it may
    // use domain/'s pure rules and the API's generated types, nothing of the server.
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        {
          // The types of what the API answers (api/views.ts), and nothing else of it, at compile
          // time only.
          group: ['**/api/views'],
          allowTypeImports: true,
          message: 'web/ takes only types from api/views.ts (import type).',
        },
        {
          group: [
            '**/api/*',
            '!**/api/views',
            '**/platform/*',
            '**/workflows/*',
            '**/activities/*',
            '**/composition/*',
            '**/generated/prisma/**',
          ],
          message: 'web/ talks to the API over HTTP; it imports only domain/ and the API types.',
        },
      ),
    },
  },
  prettier,
);
