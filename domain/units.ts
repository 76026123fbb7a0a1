// 单位: units form a tree written into their ids, parent first, separated by dots: the bureau
// `gaj`, its station `gaj.xc`, a squad of that station `gaj.xc.zaz`. A leader of a unit oversees
// it and every unit below it; everyone else works within their own unit.

/** Letters, digits, `_` and `-`, in dot-separated segments. */
export const UNIT_ID_PATTERN = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

export const isUnitId = (value: string): boolean =>
  value.length <= 64 && UNIT_ID_PATTERN.test(value);

/** Whether `unit` is `scope` itself or a unit below it. */
export function unitWithin(unit: string, scope: string): boolean {
  return unit === scope || unit.startsWith(`${scope}.`);
}

/** Whether `unit` has no unit above it: the bureau at the root of its tree (`gaj`). */
export const isUnitTreeRoot = (unit: string): boolean => !unit.includes('.');
