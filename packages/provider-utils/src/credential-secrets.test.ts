import { describe, expect, it } from 'vitest';
import { credentialSecrets } from './credential-secrets';

describe('credentialSecrets', () => {
  it('lists the key and the URL credentials, as written and decoded', () => {
    expect(credentialSecrets('sk-1', 'https://me:p%40ss@example.com')).toEqual(['sk-1', 'me', 'me', 'p%40ss', 'p@ss']);
    expect(credentialSecrets(null, 'not a url')).toEqual([]);
  });
});
