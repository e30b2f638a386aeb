const child_process = require('child_process');
const { exec } = require('child_process');

function sign(signingIdentityInstaller, file, re, text) {
  // ruleid: js-child-process-injection
  child_process.exec('productbuild --sign "' + signingIdentityInstaller + '"', { cwd: '/tmp' });
  // ruleid: js-child-process-injection
  exec(`gzip ${file}`);
  // ok: js-child-process-injection
  child_process.execFile('gzip', [file]);
  // ok: js-child-process-injection
  exec('ls -l');
}
