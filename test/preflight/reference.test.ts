import { describe, expect, it } from 'vitest';
import { parseImageReference, pinnedReference, ReferenceError, isLoopbackRegistry } from '../../src/preflight/reference.js';

const D = `sha256:${'a'.repeat(64)}`;

/** Cases derived from distribution/reference's reference_test.go and normalize_test.go. */
describe('parseImageReference (distribution/reference grammar, Docker normalisation)', () => {
  it.each([
    ['nginx', 'docker.io', 'registry-1.docker.io', 'library/nginx', 'latest', undefined, 'docker.io/library/nginx:latest'],
    ['nginx:1.27', 'docker.io', 'registry-1.docker.io', 'library/nginx', '1.27', undefined, 'docker.io/library/nginx:1.27'],
    ['bitnami/redis:7.2', 'docker.io', 'registry-1.docker.io', 'bitnami/redis', '7.2', undefined, 'docker.io/bitnami/redis:7.2'],
    ['docker.io/nginx', 'docker.io', 'registry-1.docker.io', 'library/nginx', 'latest', undefined, 'docker.io/library/nginx:latest'],
    ['index.docker.io/library/nginx:1', 'docker.io', 'registry-1.docker.io', 'library/nginx', '1', undefined, 'docker.io/library/nginx:1'],
    ['quay.io/ceph/ceph:v17.2.31', 'quay.io', 'quay.io', 'ceph/ceph', 'v17.2.31', undefined, 'quay.io/ceph/ceph:v17.2.31'],
    ['localhost/app', 'localhost', 'localhost', 'app', 'latest', undefined, 'localhost/app:latest'],
    ['localhost:5000/team/app:dev', 'localhost:5000', 'localhost:5000', 'team/app', 'dev', undefined, 'localhost:5000/team/app:dev'],
    ['127.0.0.1:5000/app', '127.0.0.1:5000', '127.0.0.1:5000', 'app', 'latest', undefined, '127.0.0.1:5000/app:latest'],
    ['[::1]:5000/app:1', '[::1]:5000', '[::1]:5000', 'app', '1', undefined, '[::1]:5000/app:1'],
    ['registry:5000/app', 'registry:5000', 'registry:5000', 'app', 'latest', undefined, 'registry:5000/app:latest'],
    ['Registry/app', 'Registry', 'Registry', 'app', 'latest', undefined, 'Registry/app:latest'],
    ['ghcr.io/org/sub/app@' + D, 'ghcr.io', 'ghcr.io', 'org/sub/app', undefined, D, `ghcr.io/org/sub/app@${D}`],
    ['ghcr.io/org/app:1.0@' + D, 'ghcr.io', 'ghcr.io', 'org/app', '1.0', D, `ghcr.io/org/app:1.0@${D}`],
    ['a__b/c--d/e.f_g:T_a.g-1', 'docker.io', 'registry-1.docker.io', 'a__b/c--d/e.f_g', 'T_a.g-1', undefined, 'docker.io/a__b/c--d/e.f_g:T_a.g-1'],
  ])('%s', (input, domain, registry, repository, tag, digest, canonical) => {
    const reference = parseImageReference(input);
    expect(reference.domain).toBe(domain);
    expect(reference.registry).toBe(registry);
    expect(reference.repository).toBe(repository);
    expect(reference.tag).toBe(tag);
    expect(reference.digest).toBe(digest);
    expect(reference.canonical).toBe(canonical);
    // The runtime asks for the digest when there is one; the tag next to it is ignored.
    expect(reference.manifestReference).toBe(digest ?? tag);
  });

  it.each([
    ['', 'empty'],
    [' nginx', 'whitespace'],
    ['Nginx', 'must be lowercase'],
    ['docker.io/Library/nginx', 'must be lowercase'],
    ['nginx:', 'does not match'],
    ['nginx::1', 'does not match'],
    [':tag', 'does not match'],
    ['nginx:-tag', 'does not match'],
    [`nginx:${'a'.repeat(129)}`, 'does not match'],
    ['a/', 'does not match'],
    ['a//b', 'does not match'],
    ['a-/b', 'does not match'],
    ['_a/b', 'does not match'],
    ['a..b', 'does not match'],
    ['nginx@sha256:abc', 'does not match'],
    [`nginx@sha256:${'a'.repeat(63)}`, '64 lowercase'],
    [`nginx@sha256:${'a'.repeat(65)}`, '64 lowercase'],
    [`nginx@sha256:${'A'.repeat(64)}`, '64 lowercase'],
    [`nginx@md5:${'a'.repeat(32)}`, 'not supported'],
    ['a'.repeat(64), 'image ID'],
    [`${'a'.repeat(128)}/${'b'.repeat(128)}`, 'longer than 255'],
    ['-registry.io/app', 'does not match'],
  ])('refuses %j (%s)', (input, reason) => {
    expect(() => parseImageReference(input)).toThrow(ReferenceError);
    expect(() => parseImageReference(input)).toThrow(reason);
  });

  it('pins a digest next to the tag as written', () => {
    expect(pinnedReference(parseImageReference('nginx:1.27'), D)).toBe(`nginx:1.27@${D}`);
    expect(pinnedReference(parseImageReference('127.0.0.1:5000/app'), D)).toBe(`127.0.0.1:5000/app@${D}`);
  });

  it('knows the loopback registries the runtimes let speak plain HTTP', () => {
    expect(['localhost:5000', 'localhost', '127.0.0.1:5000', '127.1.2.3', '[::1]:5000'].every(isLoopbackRegistry)).toBe(true);
    expect(['registry:5000', 'ghcr.io', '10.0.0.1:5000', 'localhost.example.com'].some(isLoopbackRegistry)).toBe(false);
  });
});
