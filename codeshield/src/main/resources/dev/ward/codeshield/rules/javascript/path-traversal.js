const fs = require('fs');
const path = require('path');

function load(filename, options, req) {
  // ruleid: js-path-traversal
  const text = fs.readFileSync(filename, options).toString();
  // ruleid: js-path-traversal
  fs.createReadStream(path.join('/srv/files', req.params.name));
  // ok: js-path-traversal
  const cfg = fs.readFileSync('config.json');
  // ok: js-path-traversal
  const tpl = fs.readFileSync(path.join(__dirname, 'template.html'));
  return text + cfg + tpl;
}
