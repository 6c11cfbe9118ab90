import { Kubectl } from '../../k8s/kubectl.js';
import { streamLogger } from '../../log.js';
import { displayPath, parseSecretNames } from '../../validate/inputs.js';
import { renderText } from '../../validate/report.js';
import { validateInfrastructure, type ValidateRequest } from '../../validate/validate.js';
import { EXIT_FAILED, EXIT_OK, stringValue, type Command } from '../command.js';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check deploy-control.yaml, build every overlay and check the manifests and cluster configs offline.',
  options: [
    {
      name: 'control-file',
      value: 'FILE',
      defaultText: 'ROOT/deploy-control.yaml',
      description: 'The deploy-control.yaml to check, when it is not in the --root folder.',
    },
    {
      name: 'secret-names',
      value: 'A,B',
      description:
        'Names of the secrets the deploy will have (comma- or space-separated, or a JSON list); every Secret placeholder none of them supplies is an error. Without it placeholders are listed, not checked.',
    },
    { name: 'verbose', description: 'Print progress (each overlay as it is built) on stderr.' },
    {
      name: 'image-preflight',
      description:
        'Also resolve every image in its registry, anonymously: a missing tag or repository is an error, a private image or an unreachable registry a warning.',
    },
  ],
  notes: 'Runs offline: kubectl kustomize builds the overlays, no cluster is contacted and nothing is changed.',
  exitCodes: [
    [0, 'everything is valid (warnings allowed)'],
    [1, 'a finding is an error: the list names file, line and key'],
    [2, 'usage error'],
  ],
  examples: [
    ['k8sapp validate', 'check ./infra: the pull-request check, on your machine'],
    ['k8sapp validate --root examples/infra --secret-names POSTGRES_SA_PASSWORD,REDIS_PASSWORD', 'also report each placeholder those secrets do not supply'],
    ['k8sapp validate --json | jq .counts', 'the counts of errors, warnings and notices as JSON'],
  ],
  async run(context) {
    const request: ValidateRequest = { root: displayPath(context.root, context.cwd) };
    const controlFile = stringValue(context.values, 'control-file');
    if (controlFile) request.controlFile = displayPath(controlFile, context.cwd);
    const secretNames = parseSecretNames(stringValue(context.values, 'secret-names'));
    if (secretNames) request.secretNames = secretNames;
    if (context.values['image-preflight'] === true) request.imagePreflight = true;
    const logger = context.values.verbose === true ? streamLogger(context.err) : undefined;
    const report = await validateInfrastructure(request, { kubectl: new Kubectl(context.exec), logger, fetch: (url, init) => fetch(url, init) });
    context.out(context.json ? JSON.stringify(report, null, 2) : renderText(report, context.style));
    return report.valid ? EXIT_OK : EXIT_FAILED;
  },
};
