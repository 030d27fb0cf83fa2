import { randomBytes } from 'crypto';

/** A value shaped like `kubeseal --raw` output (2048-bit RSA session key + AES-GCM payload). */
export function fakeSealed(plaintextLength = 12): string {
  const header = Buffer.alloc(2);
  header.writeUInt16BE(256);
  return Buffer.concat([header, randomBytes(256), randomBytes(plaintextLength + 16)]).toString('base64');
}
