const express = require('express');
const app = express();

app.get('/pad', (req, res) => {
  const width = parseInt(req.query.width, 10);
  // ruleid: js-allocation-sized-by-request
  const spaces = ' '.repeat(width);
  // ruleid: js-allocation-sized-by-request
  const buf = Buffer.alloc(req.body.size);
  // ruleid: js-allocation-sized-by-request
  const cells = new Float64Array(req.query.n * 8);
  // ok: js-allocation-sized-by-request
  const capped = Buffer.alloc(Math.min(width, 4096));
  // ok: js-allocation-sized-by-request
  const fixed = Buffer.alloc(64, req.body.fill);
  // ok: js-allocation-sized-by-request
  const row = new Array(16);
  res.send(spaces + buf + cells + capped + fixed + row);
});
