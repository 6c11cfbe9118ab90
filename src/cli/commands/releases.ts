import { ConfigurationError } from '../../errors.js';
import { DEFAULT_RELEASE_NAMESPACE, listReleases, releaseConfigMapName } from '../../rollout/releases.js';
import { textTable } from '../../report/text.js';
import { ENV_OPTION, EXIT_OK, KUBECONFIG_OPTION, RELEASE_NAMESPACE_OPTION, kubeFor, stringValue, type Command } from '../command.js';

export const releasesCommand: Command = {
  name: 'releases',
  summary: 'List the releases recorded for an environment (what `k8sapp rollback --to` can restore).',
  options: [ENV_OPTION, KUBECONFIG_OPTION, RELEASE_NAMESPACE_OPTION],
  exitCodes: [
    [0, 'listed (also when none is recorded)'],
    [2, 'usage or configuration error'],
  ],
  examples: [
    ['k8sapp releases --env prod --kubeconfig prod.yaml', "prod's releases, newest last: revision, time, commit, digest"],
    ['k8sapp releases --env prod --kubeconfig prod.yaml --json', 'the same as JSON'],
  ],
  async run(context) {
    const environment = stringValue(context.values, 'env');
    if (!environment) throw new ConfigurationError('--env ENV is required');
    const namespace = stringValue(context.values, 'release-namespace') ?? DEFAULT_RELEASE_NAMESPACE;
    const releases = await listReleases({ environment, namespace }, { kube: kubeFor(context) });
    if (context.json) {
      context.out(JSON.stringify({ environment, configMap: `${namespace}/${releaseConfigMapName({ environment })}`, releases }, null, 2));
      return EXIT_OK;
    }
    if (!releases.length) {
      context.out(`no release recorded for ${environment} (ConfigMap ${namespace}/${releaseConfigMapName({ environment })})`);
      return EXIT_OK;
    }
    context.out(
      textTable(
        [
          ['REVISION', 'TIME', 'GIT SHA', 'DIGEST', 'OBJECTS', 'SECRETS LEFT OUT'],
          ...releases.map((r) => [String(r.revision), r.time, r.sha, r.digest.slice(0, 19), String(r.objects), r.strippedSecrets.join(', ')]),
        ],
        { style: context.style },
      ),
    );
    return EXIT_OK;
  },
};
