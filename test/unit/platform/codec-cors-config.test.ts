// CODEC_CORS_ORIGINS: the Web UI origins admitted to the codec endpoint, the embedded UI's by default.
import { codecCorsOrigins, ConfigError, loadConfig } from '../../../platform/config';

it('admits the embedded Web UI by default, on its configured port', () => {
  expect(codecCorsOrigins(loadConfig({}))).toEqual([
    'http://127.0.0.1:8233',
    'http://localhost:8233',
  ]);
  expect(codecCorsOrigins(loadConfig({ TEMPORAL_UI_PORT: '9233' }))).toEqual([
    'http://127.0.0.1:9233',
    'http://localhost:9233',
  ]);
});

it('reads a list of origins', () => {
  const config = loadConfig({
    CODEC_CORS_ORIGINS: 'https://temporal-ui.example.org, http://10.0.0.5:8080',
  });
  expect(codecCorsOrigins(config)).toEqual([
    'https://temporal-ui.example.org',
    'http://10.0.0.5:8080',
  ]);
});

it.each([
  'https://temporal-ui.example.org/',
  'temporal-ui.example.org',
  'ftp://ui.example.org',
  '*',
])('refuses %s, saying what an origin is', (value) => {
  expect(() => loadConfig({ CODEC_CORS_ORIGINS: value })).toThrow(ConfigError);
  expect(() => loadConfig({ CODEC_CORS_ORIGINS: value })).toThrow(
    /CODEC_CORS_ORIGINS=.*scheme, host and port only.*Fix: set CODEC_CORS_ORIGINS/s,
  );
});
