export function pick(max: number, min: number): number {
  // ruleid: js-weak-random
  const r: number = Math.random();
  // ok: js-weak-random
  const bytes: Uint32Array = crypto.getRandomValues(new Uint32Array(1));
  return Math.floor(r * (max - min) + min) + bytes[0];
}
