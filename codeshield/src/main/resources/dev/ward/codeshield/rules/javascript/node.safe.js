const Buffer = require('safe-buffer').Buffer;

function pad(size) {
  // ok: js-buffer-constructor
  return new Buffer(size);
}

function scratch(size) {
  // ruleid: js-uninitialized-buffer
  return Buffer.allocUnsafe(size);
}
