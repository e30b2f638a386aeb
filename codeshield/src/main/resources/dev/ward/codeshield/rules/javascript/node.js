const http = require('http');

function handle(n, data) {
  // ruleid: js-buffer-constructor
  const buf = new Buffer(n);
  // ruleid: js-uninitialized-buffer
  const fast = Buffer.allocUnsafe(1024);
  // ok: js-buffer-constructor
  const from = new Buffer("abc");
  // ok: js-uninitialized-buffer
  const zeroed = Buffer.alloc(n);
  // ok: js-uninitialized-buffer
  const empty = Buffer.allocUnsafe(0);
  // ok: js-buffer-constructor
  const chars = new Buffer(String.fromCharCode(n));
  // ruleid: js-buffer-constructor
  const sized = new Buffer(Math.max(n, data.length));
  // ruleid: js-buffer-constructor
  const copy = Buffer(data.payload, 'base64');
  // ok: js-buffer-constructor
  const bytes = new Buffer([0x01, 0x02]);
  // ok: js-buffer-constructor
  const text = new Buffer(JSON.stringify(data));
  // ruleid: js-uninitialized-buffer
  const slow = Buffer.allocUnsafeSlow(n);
  // ruleid: js-buffer-noassert
  const x = buf.readUInt32LE(data.offset, true);
  // ok: js-buffer-noassert
  const y = buf.readUInt32LE(0);
  // ruleid: js-cleartext-transport
  fetch("http://api.example.com/user", { method: "POST", body: data });
  // ok: js-cleartext-transport
  fetch("https://api.example.com/user");
  // ok: js-cleartext-transport
  fetch("http://localhost:3000/health");
}

// ruleid: js-cleartext-transport
http.createServer(handler).listen(80);
