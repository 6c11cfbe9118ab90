/**
 * The one secret-masking module. Every form a secret value can take on its way out — as given, base64 (Secret
 * `data`), escaped the way Go's %q and JSON quote it, and line by line — is listed once (`secretForms`); the action
 * edge registers those forms with the runner (src/github/mask.ts), the core redacts the same forms from everything it
 * reports (`redactor`), and text an application wrote is cleaned of credential-shaped values (`redactCredentials`).
 * A kubeconfig is masked by its credential fields (src/k8s/kubeconfig.ts `kubeconfigSecrets`).
 */
import type { SecretValues } from '../apply/secrets.js';

/** Replaces every known secret value (and its base64) in a text; for messages quoted from kubectl. */
export function redactor(values: SecretValues): (text: string) => string {
  const needles = new Set<string>();
  for (const value of Object.values(values)) {
    // Very short values would blank out ordinary words; GitHub's masking has the same limit in spirit.
    if (value.length < 4) continue;
    for (const form of secretForms(value)) needles.add(form);
  }
  const sorted = [...needles].sort((a, b) => b.length - a.length);
  return (text) => {
    let result = text;
    for (const needle of sorted) result = result.split(needle).join('***');
    return result;
  };
}

/**
 * A value as it can come back from the server: raw, base64 (Secret `data`), and escaped the way Go's %q and JSON
 * quote it (`\n`, `\"`), which is how API errors and admission webhooks echo multi-line or quoted values.
 */
export function secretForms(value: string): string[] {
  const forms = new Set([value, Buffer.from(value, 'utf8').toString('base64')]);
  const escaped = JSON.stringify(value).slice(1, -1);
  if (escaped !== value) forms.add(escaped);
  // Each line of a multi-line value on its own, as log masking and line-based quoting see them.
  for (const line of value.split(/\r?\n/)) if (line.trim().length >= 8) forms.add(line);
  return [...forms];
}

/**
 * Masks credential-shaped values in text an application wrote (previous-container logs, termination messages), which
 * the diagnosis quotes into logs, job summaries, outputs and annotations. The rollout action may run without the
 * deploy's secret values to redact by, so the common shapes are masked here: `password=…`/`token: …` style pairs
 * (also JSON), URL credentials (`postgres://user:…@host`), `Bearer …`, and PEM private keys.
 */
export function redactCredentials(text: string): string {
  return text
    .replace(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, '-----BEGIN PRIVATE KEY----- *** -----END PRIVATE KEY-----')
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, '$1***@')
    .replace(/\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 ***')
    .replace(
      /((?:[A-Za-z0-9_.-]*(?:passw(?:or)?d|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?|auth))["']?\s*[:=]\s*["']?)([^\s"',;&]+)/gi,
      '$1***',
    );
}
