/** Code speaks English, users read Chinese: every code the API returns travels with its label. */
export interface Labelled<Code extends string = string> {
  code: Code;
  label: string;
}
