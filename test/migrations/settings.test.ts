import { describe, expect, it } from 'vitest';
import type { LoadedDeployControl } from '../../src/config/deploy-control.js';
import { ConfigurationError } from '../../src/errors.js';
import { migrationSettings } from '../../src/migrations/settings.js';
import { parseYaml } from '../../src/yaml/located.js';

function control(global: string): LoadedDeployControl {
  const file = '/repo/infra/deploy-control.yaml';
  const document = parseYaml(`global:\n${global}\nenvironments:\n  dev:\n    enabled: true\n`, file);
  return { file, config: document.value as LoadedDeployControl['config'], document };
}

describe('global.migrations in deploy-control.yaml', () => {
  it('defaults: migrations/ next to the control file, 600 s timeout, 60 s slow, no built-ins', () => {
    expect(migrationSettings(control('  auto_deploy: true'))).toEqual({
      folder: '/repo/infra/migrations',
      folderConfigured: false,
      timeoutSeconds: 600,
      slowSeconds: 60,
      builtin: [],
    });
  });

  it('reads path, timeout_seconds, slow_seconds and builtin', () => {
    const settings = migrationSettings(
      control('  migrations:\n    path: ops/migrations\n    timeout_seconds: 120\n    slow_seconds: 5\n    builtin: [grow-statefulset-volumes]'),
    );
    expect(settings).toEqual({
      folder: '/repo/infra/ops/migrations',
      folderConfigured: true,
      timeoutSeconds: 120,
      slowSeconds: 5,
      builtin: ['grow-statefulset-volumes'],
    });
  });

  it('an unknown built-in is located on its line', () => {
    let error: ConfigurationError | undefined;
    try {
      migrationSettings(control('  migrations:\n    timeout_seconds: 30\n    builtin:\n      - grow-volumes'));
    } catch (caught) {
      error = caught as ConfigurationError;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error!.findings.map((f) => [f.key, f.location?.line, f.message])).toEqual([
      ['global.migrations.builtin.0', 5, 'unknown built-in migration "grow-volumes"; known: grow-statefulset-volumes'],
    ]);
  });
});
