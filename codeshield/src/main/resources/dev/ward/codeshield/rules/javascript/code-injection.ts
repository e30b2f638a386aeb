function run(expr: string, name: string): unknown {
  // ruleid: js-eval-injection
  const value = eval(expr);
  // ok: js-eval-injection
  const two: number = eval("1 + 1");
  // ruleid: js-weak-random
  const id: number = Math.random();
  return value ?? two + id;
}

export function load(name: string, body: string): unknown {
  // ruleid: js-eval-injection
  const compiled: Function = new Function("input", body);
  // ruleid: js-function-constructor
  const empty: Function = new Function();
  // ok: js-function-constructor
  const identity = (input: unknown): unknown => input;
  // ruleid: js-non-literal-require
  const plugin: unknown = require("./plugins/" + name);
  // ok: js-non-literal-require
  const path = require("path");
  return [compiled, empty, identity, plugin, path];
}
