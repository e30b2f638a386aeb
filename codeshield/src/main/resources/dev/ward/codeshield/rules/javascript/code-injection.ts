function run(expr: string, name: string): unknown {
  // ruleid: js-eval-injection
  const value = eval(expr);
  // ok: js-eval-injection
  const two: number = eval("1 + 1");
  // ruleid: js-weak-random
  const id: number = Math.random();
  return value ?? two + id;
}
