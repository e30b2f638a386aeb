const fs = require('fs');
const fsp = require('node:fs/promises');
const path = require('path');

async function load(filename, options, req, res) {
  // ruleid: js-path-traversal
  const text = fs.readFileSync(filename, options).toString();
  // ruleid: js-path-traversal
  fs.createReadStream(path.join('/srv/files', req.params.name)).pipe(res);
  // ruleid: js-path-traversal
  const data = await fsp.readFile(`/srv/uploads/${req.query.file}`, 'utf8');
  // ruleid: js-path-traversal
  const raw = fs.readFileSync(req.body.path);
  // ruleid: js-path-traversal
  fsp.writeFile(path.resolve(options.outDir, req.params.name), data);
  // ruleid: js-path-traversal
  await fs.promises.unlink(path.join(UPLOADS, req.params.id));
  // ruleid: js-path-traversal
  fs.writeFile(req.query.name, data, () => {});
  // ok: js-path-traversal
  const cfg = fs.readFileSync('config.json');
  // ok: js-path-traversal
  const tpl = fs.readFileSync(path.join(__dirname, 'template.html'));
  // ok: js-path-traversal
  const page = fs.readFileSync(path.join(__dirname, 'views', 'index.html'));
  return text + data + raw + cfg + tpl + page;
}
