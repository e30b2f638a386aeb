const vm = require('vm');
// ok: js-non-literal-require
const fs = require("fs");

function compile(fn, args, i) {
  // ruleid: js-eval-injection
  fn = new Function("a", "i", "return " + fn);
  // ruleid: js-eval-injection
  var a = eval('(' + args[i] + ')');
  // ruleid: js-eval-injection
  eval(args);
  // ok: js-eval-injection
  setTimeout(function () { run(); }, 100);
  // ok: js-eval-injection
  setTimeout(() => run(), 100);
  // ok: js-eval-injection
  eval("2 + 2");
  // ruleid: js-non-literal-require
  module.exports = require(4);
  // ruleid: js-non-literal-require
  const plugin = require(args[0]);
  return fn;
}
