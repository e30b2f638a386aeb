function strip(currentBufferStr, escapedGroupSeparator, term) {
  // ruleid: js-non-literal-regexp
  var stripped = currentBufferStr.replace(new RegExp(escapedGroupSeparator, "g"), "");
  // ruleid: js-non-literal-regexp
  const re = RegExp('^' + term);
  // ok: js-non-literal-regexp
  const digits = new RegExp("[0-9]+", "g");
  return stripped.match(re) || digits;
}
