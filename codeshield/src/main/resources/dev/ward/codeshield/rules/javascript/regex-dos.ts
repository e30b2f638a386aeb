export function strip(text: string, separator: string): string {
  // ruleid: js-non-literal-regexp
  const pattern: RegExp = new RegExp(separator, "g");
  // ok: js-non-literal-regexp
  const digits: RegExp = new RegExp("[0-9]+", "g");
  return text.replace(pattern, "").replace(digits, "");
}
