function pick(max, min) {
  // ruleid: js-weak-random
  return parseInt(Math.random() * (max - min) + min);
}

function token() {
  // ok: js-weak-random
  return crypto.randomBytes(16).toString('hex');
}

// ruleid: js-weak-random
var nativeRandom = Math.random;
