import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ConfigError,
  devSignInEnabled,
  environmentWithDotEnv,
  loadConfig,
} from '../../../platform/config';

function problemsFor(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('applies the documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      API_HOST: '127.0.0.1',
      DATABASE_URL: undefined,
      TEMPORAL_ADDRESS: undefined,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'case-orchestrator',
      TEMPORAL_PORT: 7233,
      TEMPORAL_UI_PORT: 8233,
      DEPENDENCY_TIMEOUT_SECONDS: 20,
      WORKER_HEARTBEAT_INTERVAL_SECONDS: 5,
      WORKER_HEARTBEAT_FRESHNESS_SECONDS: 15,
      DRILL_DEADLINES: undefined,
    });
    expect(path.isAbsolute(config.DATA_DIR)).toBe(true);
  });

  it('reads valid values and treats an empty string as unset', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgresql://u:p@db.example:5432/cases',
      TEMPORAL_ADDRESS: 'temporal.example:7233',
      DATA_DIR: 'relative/folder',
      TEMPORAL_NAMESPACE: '',
    });
    expect(config.PORT).toBe(8080);
    expect(config.DATABASE_URL).toBe('postgresql://u:p@db.example:5432/cases');
    expect(config.TEMPORAL_ADDRESS).toBe('temporal.example:7233');
    expect(config.DATA_DIR).toBe(path.resolve('relative/folder'));
    expect(config.TEMPORAL_NAMESPACE).toBe('default');
  });

  it.each([
    ['PORT', 'abc', 'must be a number'],
    ['PORT', '0', 'between 1 and 65535'],
    ['PORT', '70000', 'between 1 and 65535'],
    ['PORT', '30.5', 'whole number'],
    ['DATABASE_URL', 'mysql://root@localhost/db', 'postgresql://'],
    ['DATABASE_URL', 'not a url', 'must be a URL'],
    ['TEMPORAL_ADDRESS', 'localhost', 'host:port'],
    ['TEMPORAL_ADDRESS', 'localhost:99999', 'between 1 and 65535'],
    ['TEMPORAL_TASK_QUEUE', 'has spaces', 'letters, digits'],
    ['DEPENDENCY_TIMEOUT_SECONDS', '-3', 'more than 0'],
    ['WORKER_HEARTBEAT_INTERVAL_SECONDS', '0', 'more than 0'],
    ['WORKER_HEARTBEAT_FRESHNESS_SECONDS', 'soon', 'must be a number of seconds'],
    ['DRILL_DEADLINES', 'factor:2', 'is not valid: the factor 2 must be more than 0 and at most 1'],
    ['DRILL_DEADLINES', 'NOPE=30s', 'is not valid: NOPE is not a deadline policy'],
  ])(
    'refuses %s=%s, naming the variable, the value, the rule and the fix',
    (variable, value, rule) => {
      const problems = problemsFor({ [variable]: value });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(`${variable}=${JSON.stringify(value)}`);
      expect(problems[0]).toContain(rule);
      expect(problems[0]).toMatch(new RegExp(`Fix: set ${variable} `));
    },
  );

  it('reports every bad variable at once', () => {
    const problems = problemsFor({ PORT: 'x', TEMPORAL_PORT: 'y', DATABASE_URL: 'z' });
    expect(problems.map((problem) => problem.split('=')[0])).toEqual([
      'PORT',
      'DATABASE_URL',
      'TEMPORAL_PORT',
    ]);
  });
});

describe('drill mode', () => {
  it('turns DRILL_DEADLINES into policy overrides marked as a drill', () => {
    const config = loadConfig({ DRILL_DEADLINES: 'FILING_REVIEW=30s' });
    expect(config.DRILL_DEADLINES?.FILING_REVIEW).toMatchObject({
      period: { length: 30, unit: 'SECONDS' },
      drill: true,
    });
  });

  it('is refused in production, naming DRILL_DEADLINES and the fix', () => {
    const problems = problemsFor({ NODE_ENV: 'production', DRILL_DEADLINES: 'factor:0.001' });
    expect(problems).toEqual([
      'DRILL_DEADLINES="factor:0.001" is refused with NODE_ENV=production: drill mode shortens ' +
        'the legal deadlines of every alarm and case the API registers. Fix: unset ' +
        'DRILL_DEADLINES, and run drills on a training system.',
    ]);
  });

  it('is allowed outside production, and production without it starts', () => {
    expect(problemsFor({ NODE_ENV: 'development', DRILL_DEADLINES: 'factor:0.001' })).toEqual([]);
    expect(problemsFor({ NODE_ENV: 'production' })).toEqual([]);
  });
});

describe('development sign-in (DEV_SIGN_IN)', () => {
  it('is refused in production, naming the variable and the fix', () => {
    expect(problemsFor({ NODE_ENV: 'production', DEV_SIGN_IN: 'true' })).toEqual([
      'DEV_SIGN_IN=true is refused with NODE_ENV=production: anyone who reaches the API could ' +
        'sign in as anyone in the directory. Fix: unset DEV_SIGN_IN, and issue tokens from ' +
        "the bureau's identity provider.",
    ]);
  });

  it('is on by default outside production, off in production, and can be switched off', () => {
    const enabled = (env: NodeJS.ProcessEnv) => devSignInEnabled(loadConfig(env));
    expect(enabled({})).toBe(true);
    expect(enabled({ NODE_ENV: 'development' })).toBe(true);
    expect(enabled({ NODE_ENV: 'production' })).toBe(false);
    expect(enabled({ DEV_SIGN_IN: 'false' })).toBe(false);
    expect(problemsFor({ DEV_SIGN_IN: 'yes' })).toEqual([
      'DEV_SIGN_IN="yes" must be true or false. Fix: set DEV_SIGN_IN to true or false, or unset it (on outside production).',
    ]);
  });
});

describe('worker heartbeat', () => {
  it('takes test-friendly fractions of a second', () => {
    const config = loadConfig({
      WORKER_HEARTBEAT_INTERVAL_SECONDS: '0.5',
      WORKER_HEARTBEAT_FRESHNESS_SECONDS: '2',
    });
    expect(config.WORKER_HEARTBEAT_INTERVAL_SECONDS).toBe(0.5);
    expect(config.WORKER_HEARTBEAT_FRESHNESS_SECONDS).toBe(2);
  });

  it('refuses a freshness no longer than the interval, naming both variables', () => {
    const problems = problemsFor({
      WORKER_HEARTBEAT_INTERVAL_SECONDS: '10',
      WORKER_HEARTBEAT_FRESHNESS_SECONDS: '10',
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(
      'WORKER_HEARTBEAT_FRESHNESS_SECONDS=10 is not longer than WORKER_HEARTBEAT_INTERVAL_SECONDS=10',
    );
    expect(problems[0]).toContain('Fix: set WORKER_HEARTBEAT_FRESHNESS_SECONDS');
  });
});

describe('environmentWithDotEnv', () => {
  it('fills in from .env, but the real environment wins', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'dotenv-'));
    const file = path.join(folder, '.env');
    writeFileSync(file, 'PORT=4000\nTEMPORAL_NAMESPACE=from-file\n# a comment\n');
    const merged = environmentWithDotEnv({ PORT: '5000' }, file);
    expect(merged.PORT).toBe('5000');
    expect(merged.TEMPORAL_NAMESPACE).toBe('from-file');
  });

  it('is a no-op without a .env file', () => {
    expect(environmentWithDotEnv({ PORT: '1' }, '/nonexistent/.env')).toEqual({ PORT: '1' });
  });
});
