// RapidPro tokens are stored encrypted (AES-256-GCM). The key comes from SECRET_KEY; with no
// configuration a key is generated once under the data directory.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

/** A stored secret sealed with another key: SECRET_KEY was lost or changed since it was stored. */
export class SecretKeyMismatchError extends Error {
  constructor() {
    super(
      'a stored RapidPro token cannot be decrypted with this SECRET_KEY: it was stored with another key. ' +
        'Set SECRET_KEY back to the key used before (every process must share one), or give the workspace its token again ' +
        '(RAPIDPRO_TOKEN, or the admin dialog that connects RapidPro).',
    );
    this.name = 'SecretKeyMismatchError';
  }
}

/** `v1.<iv>.<tag>.<ciphertext>`, base64url parts: the version lets the format change later. */
export function createSecretBox(keyHex: string): SecretBox {
  const key = Buffer.from(keyHex, 'hex');
  if (key.length !== 32) throw new Error('the secret key must be 32 bytes (64 hex characters)');
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), data]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed) {
      const [version, iv, tag, data] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('not a sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      try {
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        // GCM's "Unsupported state or unable to authenticate data": sealed with another key.
        throw new SecretKeyMismatchError();
      }
    },
  };
}

/** The key from the environment, or the one kept under the data directory (created if missing). */
export async function loadSecretKey(
  configured: string | undefined,
  dataDir: string,
): Promise<{ key: string; generated: string | null }> {
  if (configured) return { key: configured, generated: null };
  const file = path.resolve(dataDir, 'secret-key');
  if (existsSync(file)) return { key: (await readFile(file, 'utf8')).trim(), generated: null };
  await mkdir(path.dirname(file), { recursive: true });
  const key = randomBytes(32).toString('hex');
  await writeFile(file, key + '\n', { mode: 0o600 });
  return { key, generated: file };
}
