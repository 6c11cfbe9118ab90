import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as toolCache from '@actions/tool-cache';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HETZNER_K3S_SHA256, HETZNER_K3S_VERSION, expectedChecksum, installHetznerK3s, releaseAsset, requireTools } from '../../src/cluster/install.js';
import { ConfigurationError } from '../../src/errors.js';
import { RecordingLogger } from '../../src/log.js';
import { installNoopBinary, serveFile } from './helpers.js';
import { quietActionsDebug } from '../helpers/quiet-debug.js';

quietActionsDebug();

const BINARY = Buffer.from('#!/bin/sh\necho "hetzner-k3s 9.9.9 (test build)"\n');
const SHA = createHash('sha256').update(BINARY).digest('hex');

describe('installHetznerK3s with @actions/tool-cache and a local release server', () => {
  let server: Awaited<ReturnType<typeof serveFile>>;
  beforeAll(async () => {
    server = await serveFile(BINARY);
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    process.env.RUNNER_TEMP = await mkdtemp(join(tmpdir(), 'k8sapp-install-temp-'));
    process.env.RUNNER_TOOL_CACHE = await mkdtemp(join(tmpdir(), 'k8sapp-install-cache-'));
    server.hits.length = 0;
  });

  const request = (sha256: string, version = '9.9.9') => ({ version, sha256, platform: 'linux', arch: 'x64', baseUrl: server.url });

  it('downloads the release asset, verifies its sha256, makes it executable and caches it', async () => {
    const logger = new RecordingLogger();
    const tool = await installHetznerK3s(request(SHA), toolCache, logger);
    expect(server.hits).toEqual(['/v9.9.9/hetzner-k3s-linux-amd64']);
    expect(tool).toMatchObject({ version: '9.9.9', sha256: SHA, fromCache: false });
    expect(tool.binary).toBe(join(process.env.RUNNER_TOOL_CACHE!, 'hetzner-k3s', '9.9.9', 'x64', 'hetzner-k3s'));
    expect(await readFile(tool.binary)).toEqual(BINARY);
    expect((await stat(tool.binary)).mode & 0o111).not.toBe(0);
    expect(logger.lines.join('\n')).toContain('verified');

    // Second run: served from the cache, re-verified, no download.
    const again = await installHetznerK3s(request(SHA), toolCache, new RecordingLogger());
    expect(again).toMatchObject({ binary: tool.binary, fromCache: true });
    expect(server.hits).toHaveLength(1);
  });

  it('refuses a download whose sha256 differs, caches nothing and leaves no file behind', async () => {
    const wrong = 'a'.repeat(64);
    const error = await installHetznerK3s(request(wrong), toolCache, new RecordingLogger()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain(`has sha256 ${SHA}, expected ${wrong}`);
    expect(toolCache.find('hetzner-k3s', '9.9.9', 'x64')).toBe('');
    expect(await readdir(process.env.RUNNER_TEMP!)).toEqual([]);
  });

  it('re-downloads when a cached binary no longer matches the pin', async () => {
    const tool = await installHetznerK3s(request(SHA), toolCache, new RecordingLogger());
    await writeFile(tool.binary, 'tampered');
    await chmod(tool.binary, 0o755);
    const logger = new RecordingLogger();
    const again = await installHetznerK3s(request(SHA), toolCache, logger);
    expect(again.fromCache).toBe(false);
    expect(await readFile(again.binary)).toEqual(BINARY);
    expect(logger.lines.some((l) => l.includes('does not match'))).toBe(true);
  });

  it('the default install (no hetzner-k3s-sha256) verifies the pinned sum: a binary that differs is refused and nothing is cached', async () => {
    const error = await installHetznerK3s(
      { version: HETZNER_K3S_VERSION, platform: 'linux', arch: 'x64', baseUrl: server.url },
      toolCache,
      new RecordingLogger(),
    ).catch((e: unknown) => e);
    expect(server.hits).toEqual([`/v${HETZNER_K3S_VERSION}/hetzner-k3s-linux-amd64`]);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain(`has sha256 ${SHA}, expected ${HETZNER_K3S_SHA256['linux-amd64']}`);
    expect(toolCache.find('hetzner-k3s', HETZNER_K3S_VERSION, 'x64')).toBe('');
    expect(await readdir(process.env.RUNNER_TEMP!)).toEqual([]);
  });

  it('a caller who pins another version with hetzner-k3s-sha256 gets that version, verified against the given sum', async () => {
    const tool = await installHetznerK3s(
      { version: '2.5.0', sha256: SHA, platform: 'linux', arch: 'arm64', baseUrl: server.url },
      toolCache,
      new RecordingLogger(),
    );
    expect(server.hits).toEqual(['/v2.5.0/hetzner-k3s-linux-arm64']);
    expect(tool).toMatchObject({ version: '2.5.0', sha256: SHA, fromCache: false });
  });

  it('reports a missing release clearly', async () => {
    const error = await installHetznerK3s({ ...request(SHA), version: 'missing' }, toolCache, new RecordingLogger()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain('Could not download hetzner-k3s missing');
  });
});

describe('expectedChecksum', () => {
  it('uses the given sha256, rejects malformed ones and never runs an unpinned version', () => {
    expect(expectedChecksum({ version: '1.0.0', sha256: SHA.toUpperCase() }, 'hetzner-k3s-linux-amd64')).toBe(SHA);
    expect(() => expectedChecksum({ version: '1.0.0', sha256: 'abc' }, 'hetzner-k3s-linux-amd64')).toThrow(/64 hexadecimal/);
    expect(() => expectedChecksum({ version: '1.0.0' }, 'hetzner-k3s-linux-amd64')).toThrow(/No verified sha256 is pinned for hetzner-k3s 1.0.0/);
  });

  it('pins hetzner-k3s 2.4.6 with the sums the maintainer publishes for both Linux assets', () => {
    expect(HETZNER_K3S_VERSION).toBe('2.4.6');
    expect(expectedChecksum({ version: '2.4.6' }, 'hetzner-k3s-linux-amd64')).toBe('46b898da949271ad45c96805b45019e8cc3cb10efe9708809a3c9e393e195b86');
    expect(expectedChecksum({ version: '2.4.6', sha256: '' }, 'hetzner-k3s-linux-arm64')).toBe(
      '1fe10ac060cf134848b91a86904cfd4bc5a893a5eb0e56f78e307b4afb4fb633',
    );
    // No sum for an asset the tap does not publish (macOS is not pinned): refused, never run unverified.
    expect(() => expectedChecksum({ version: '2.4.6' }, 'hetzner-k3s-macos-arm64')).toThrow(/refusing to run an unverified binary/);
    // The source of each sum is written beside it.
    const source = readFileSync(join(import.meta.dirname, '../../src/cluster/install.ts'), 'utf8');
    for (const [asset, sum] of Object.entries(HETZNER_K3S_SHA256)) {
      const line = source.split('\n').findIndex((l) => l.includes(sum));
      expect(source.split('\n')[line - 1], asset).toMatch(/vitobotta\/homebrew-tap, hetzner_k3s\.rb, commit 0b29975/);
    }
  });

  it('names release assets as upstream does', () => {
    expect(releaseAsset('linux', 'x64')).toBe('hetzner-k3s-linux-amd64');
    expect(releaseAsset('linux', 'arm64')).toBe('hetzner-k3s-linux-arm64');
    expect(releaseAsset('darwin', 'arm64')).toBe('hetzner-k3s-macos-arm64');
  });
});

describe('requireTools', () => {
  it('finds kubectl and helm on PATH and names what is missing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'k8sapp-tools-'));
    await installNoopBinary(dir, 'kubectl');
    await expect(requireTools(['kubectl', 'helm'], dir)).rejects.toThrow(/^helm not found on PATH/);
    await installNoopBinary(dir, 'helm');
    await expect(requireTools(['kubectl', 'helm'], `/nonexistent:${dir}`)).resolves.toEqual({ kubectl: join(dir, 'kubectl'), helm: join(dir, 'helm') });
    await expect(requireTools(['kubectl', 'helm'], '/nonexistent')).rejects.toThrow(/kubectl and helm not found/);
  });
});
