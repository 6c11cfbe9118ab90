import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, chmod, rm } from 'node:fs/promises';
import { constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ConfigurationError } from '../errors.js';
import type { Logger } from '../log.js';

/**
 * The hetzner-k3s release k8sapp installs by default, and the sha256 of each Linux asset. The GitHub releases carry
 * no checksum files; the sums below are the ones the maintainer publishes in his own Homebrew tap (source beside each
 * sum). A caller who installs another version passes its sha256 with the `hetzner-k3s-sha256` input; without one, no
 * binary runs unverified.
 */
export const HETZNER_K3S_VERSION = '2.4.6';
export const HETZNER_K3S_SHA256: Record<string, string> = {
  // hetzner-k3s-linux-amd64 v2.4.6: vitobotta/homebrew-tap, hetzner_k3s.rb, commit 0b29975 ("Update version to 2.4.6 and corresponding checksums")
  'linux-amd64': '46b898da949271ad45c96805b45019e8cc3cb10efe9708809a3c9e393e195b86',
  // hetzner-k3s-linux-arm64 v2.4.6: vitobotta/homebrew-tap, hetzner_k3s.rb, commit 0b29975 ("Update version to 2.4.6 and corresponding checksums")
  'linux-arm64': '1fe10ac060cf134848b91a86904cfd4bc5a893a5eb0e56f78e307b4afb4fb633',
};

export const RELEASE_BASE_URL = 'https://github.com/vitobotta/hetzner-k3s/releases/download';

/** The parts of @actions/tool-cache used here, injected so tests can point them at a temporary cache. */
export interface ToolCache {
  find(tool: string, version: string, arch?: string): string;
  downloadTool(url: string): Promise<string>;
  cacheFile(source: string, target: string, tool: string, version: string, arch?: string): Promise<string>;
}

export interface InstallRequest {
  version: string;
  /** Expected sha256 (hex). Empty means "the pin in the source", which must exist for `version`. */
  sha256?: string;
  platform?: string;
  arch?: string;
  baseUrl?: string;
}

export interface InstalledTool {
  binary: string;
  directory: string;
  version: string;
  sha256: string;
  fromCache: boolean;
}

export function releaseAsset(platform: string, arch: string): string {
  const cpu = arch === 'x64' ? 'amd64' : arch === 'arm64' ? 'arm64' : arch;
  const os = platform === 'darwin' ? 'macos' : platform;
  return `hetzner-k3s-${os}-${cpu}`;
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Which checksum a request must match; a clear error when none is pinned (never run an unverified binary). */
export function expectedChecksum(request: InstallRequest, asset: string): string {
  const given = request.sha256?.trim().toLowerCase();
  if (given) {
    if (!/^[0-9a-f]{64}$/.test(given)) {
      throw new ConfigurationError(`Input "hetzner-k3s-sha256" must be 64 hexadecimal characters (a sha256), got ${given.length} characters.`);
    }
    return given;
  }
  const pinned = request.version === HETZNER_K3S_VERSION ? HETZNER_K3S_SHA256[asset.replace(/^hetzner-k3s-/, '')] : undefined;
  if (!pinned) {
    throw new ConfigurationError(
      `No verified sha256 is pinned for hetzner-k3s ${request.version} (${asset}); refusing to run an unverified binary. ` +
        `k8sapp pins hetzner-k3s ${HETZNER_K3S_VERSION} (${Object.keys(HETZNER_K3S_SHA256)
          .map((a) => `hetzner-k3s-${a}`)
          .join(', ')}); ` +
        'for another version or asset, pass the sha256 you verified as the "hetzner-k3s-sha256" input.',
    );
  }
  return pinned;
}

/**
 * Installs hetzner-k3s: reuse the tool cache when the cached binary still has the pinned sha256, otherwise download
 * the release asset, verify it before it is ever executed, make it executable and cache it.
 */
export async function installHetznerK3s(request: InstallRequest, cache: ToolCache, logger: Logger): Promise<InstalledTool> {
  const platform = request.platform ?? process.platform;
  const arch = request.arch ?? process.arch;
  const asset = releaseAsset(platform, arch);
  const expected = expectedChecksum(request, asset);
  const cached = cache.find('hetzner-k3s', request.version, arch);
  if (cached) {
    const binary = join(cached, 'hetzner-k3s');
    const actual = await sha256File(binary).catch(() => '');
    if (actual === expected) {
      logger.info(`hetzner-k3s ${request.version} from the tool cache (sha256 ${expected} verified)`);
      return { binary, directory: cached, version: request.version, sha256: actual, fromCache: true };
    }
    logger.warning(`the cached hetzner-k3s ${request.version} does not match the pinned sha256; downloading it again`);
  }
  const url = `${request.baseUrl ?? RELEASE_BASE_URL}/v${request.version}/${asset}`;
  logger.info(`downloading ${url}`);
  let downloaded: string;
  try {
    downloaded = await cache.downloadTool(url);
  } catch (error) {
    throw new ConfigurationError(`Could not download hetzner-k3s ${request.version} from ${url}: ${(error as Error).message}`);
  }
  const actual = await sha256File(downloaded);
  if (actual !== expected) {
    await rm(downloaded, { force: true });
    throw new ConfigurationError(
      `hetzner-k3s ${request.version} from ${url} has sha256 ${actual}, expected ${expected}; refusing to run it ` +
        '(a tampered or different release). Check the release and the pinned checksum.',
    );
  }
  await chmod(downloaded, 0o755);
  const directory = await cache.cacheFile(downloaded, 'hetzner-k3s', 'hetzner-k3s', request.version, arch);
  await rm(downloaded, { force: true });
  logger.info(`hetzner-k3s ${request.version} verified (sha256 ${actual}) and cached`);
  return { binary: join(directory, 'hetzner-k3s'), directory, version: request.version, sha256: actual, fromCache: false };
}

/** Full path of an executable on PATH, or undefined. */
export async function findExecutable(program: string, path: string): Promise<string | undefined> {
  for (const folder of path.split(delimiter)) {
    if (!folder) continue;
    const candidate = join(folder, program);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** hetzner-k3s shells out to kubectl and helm; fail before buying servers when they are missing. */
export async function requireTools(programs: readonly string[], path: string): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  const missing: string[] = [];
  for (const program of programs) {
    const location = await findExecutable(program, path);
    if (location) found[program] = location;
    else missing.push(program);
  }
  if (missing.length) {
    throw new ConfigurationError(
      `${missing.join(' and ')} not found on PATH; hetzner-k3s needs them. GitHub-hosted ubuntu runners have both; ` +
        'on other runners install them first (e.g. azure/setup-kubectl and azure/setup-helm).',
    );
  }
  return found;
}
