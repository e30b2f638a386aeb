const vm = require('vm');
// ok: js-non-literal-require
const fs = require("fs");

function compile(fn, args, i, req) {
  // ruleid: js-eval-injection
  fn = new Function("a", "i", "return " + fn);
  // ruleid: js-eval-injection
  var a = eval('(' + args[i] + ')');
  // ruleid: js-eval-injection
  eval(args);
  // ruleid: js-eval-injection
  window.eval(`render(${req.query.view})`);
  // ruleid: js-eval-injection
  (0, eval)(req.body.script);
  // ruleid: js-eval-injection
  eval?.(args[0]);
  // ruleid: js-eval-injection
  vm.runInNewContext(req.body.code, sandbox);
  // ruleid: js-eval-injection
  $.globalEval(args.join(';'));
  // ok: js-eval-injection
  setTimeout(function () { run(); }, 100);
  // ok: js-eval-injection
  setTimeout(() => run("tick " + i), 100);
  // ok: js-eval-injection
  setTimeout(tick, 100);
  // ruleid: js-eval-injection
  setTimeout("refresh('" + args[0] + "')", 500);
  // ruleid: js-eval-injection
  window.setInterval(`poll(${i})`, 1000);
  // ok: js-eval-injection
  setInterval("poll()", 1000);
  // ok: js-eval-injection
  eval("2 + 2");
  // ok: js-eval-injection
  (0, eval)(`this`);
  // ruleid: js-eval-injection
  const run2 = eval;
  run2(req.query.expr);
  // ok: js-eval-injection
  const literalOnly = eval;
  literalOnly("1 + 1");
  // ruleid: js-eval-injection
  const formula = "return " + req.query.formula + ";";
  const result = Function(formula)();
  // ruleid: js-eval-injection
  const body = `return a.${args[0]};`;
  console.log(new Function("a", body));
  // ok: js-eval-injection
  const fixed = "return a * 2;";
  const double = new Function("a", fixed);
  // ruleid: js-eval-injection
  const compare = new Function('a', 'b', ['return a', ' - b', ';'].join(args[1]));
  // ruleid: js-eval-injection
  const handler = new Function('event', req.body.onclick);
  const fetched = loadScript(args[2]);
  // ruleid: js-eval-injection
  const plugin2 = new Function('api', fetched);
  // ruleid: js-function-constructor
  const noop = new Function();
  // ok: js-function-constructor
  const nop = () => {};
  // ruleid: js-non-literal-require
  module.exports = require(4);
  // ruleid: js-non-literal-require
  const plugin = require(args[0]);
  // ruleid: js-non-literal-require
  const theme = require('./themes/' + req.query.theme);
  // ok: js-non-literal-require
  const path = require('path');
  return fn + a + result + double + noop + nop + plugin + theme + path;
}
