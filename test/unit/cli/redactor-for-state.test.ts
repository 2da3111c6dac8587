import { describe, expect, it } from 'vitest';
import { builtinSandboxConfig } from '../../../src/config/index.js';
import { redactorFor } from '../../../src/cli/redactor-for.js';
import { storeLocationSecrets } from '../../../src/store/location.js';

describe('the session redactor and a PostgreSQL state URL', () => {
  it('scrubs the URL password, as given and URL-decoded, from log lines and errors', () => {
    const config = { ...builtinSandboxConfig('/work/project'), statePath: 'postgres://sync:pa%24%24-w0rd-9@db.internal:5432/client_sync' };
    const redactor = redactorFor(config);
    const line = redactor.text('connect postgres://sync:pa%24%24-w0rd-9@db.internal failed; password pa$$-w0rd-9 rejected');
    expect(line).not.toContain('pa%24%24-w0rd-9');
    expect(line).not.toContain('pa$$-w0rd-9');
  });
});

describe('the secrets of a PostgreSQL state URL', () => {
  it('include a password that cannot be URL-decoded (a bare %), and an sslpassword parameter', () => {
    expect(storeLocationSecrets('postgres://sync:100%pure@db.internal/client_sync?sslpassword=k3y-p4ss')).toEqual(['100%pure', 'k3y-p4ss']);
  });
});
