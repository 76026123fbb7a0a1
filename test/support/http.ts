/** Response bodies in tests are read loosely; the assertions state the shape they expect. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export async function readJson(response: Response): Promise<Json> {
  return response.json();
}
