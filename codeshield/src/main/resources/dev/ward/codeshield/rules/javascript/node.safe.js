const Buffer = require('safe-buffer').Buffer;

function pad(size) {
  // ok: js-buffer-constructor
  return new Buffer(size);
}
