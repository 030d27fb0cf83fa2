const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const RSA_SIZES = [256, 384, 512]; // 2048-, 3072-, 4096-bit keys
const GCM_TAG = 16;

/**
 * Why a value is not kubeseal output, or undefined when it is. kubeseal emits base64 of
 * `uint16 length || RSA-OAEP(session key) || AES-GCM(value)`; a plaintext value, or base64 of one,
 * does not have that shape. The value itself never appears in the message.
 */
export function sealedValueProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return 'is empty.';
  if (!BASE64.test(value)) return 'is not base64, so it is not kubeseal output (is it plaintext?).';
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length < 2) return 'is too short to be kubeseal output.';
  const rsaLength = bytes.readUInt16BE(0);
  if (!RSA_SIZES.includes(rsaLength) || bytes.length < 2 + rsaLength + GCM_TAG) {
    return `does not have the structure of kubeseal output (${bytes.length} bytes decoded); it looks like base64 of plaintext.`;
  }
  return undefined;
}
