// 查询码: the code printed on a party's receipt (回执), by which they look up their case without
// signing in. It is drawn from a cryptographic source by the caller (never derived from the case's
// id), in an alphabet without look-alike characters (no 0/O, 1/I).
export const QUERY_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const QUERY_CODE_LENGTH = 10;

/** A query code from random bytes (at least QUERY_CODE_LENGTH of them). */
export function queryCodeFrom(randomBytes: Uint8Array): string {
  if (randomBytes.length < QUERY_CODE_LENGTH)
    throw new Error(
      `A query code needs ${QUERY_CODE_LENGTH} random bytes, not ${randomBytes.length}.`,
    );
  let code = '';
  // 256 is a multiple of the alphabet's 32 letters: every letter is equally likely.
  for (let i = 0; i < QUERY_CODE_LENGTH; i++)
    code += QUERY_CODE_ALPHABET[randomBytes[i]! % QUERY_CODE_ALPHABET.length];
  return code;
}
