const child_process = require('child_process');
const { exec, execSync } = require('child_process');
const runner = require('node:child_process');

function sign(signingIdentityInstaller, file, req, args) {
  // ruleid: js-child-process-injection
  child_process.exec('productbuild --sign "' + signingIdentityInstaller + '"', { cwd: '/tmp' });
  // ruleid: js-child-process-injection
  exec(`gzip ${file}`);
  // ruleid: js-child-process-injection
  const out = execSync('git log ' + req.query.branch).toString();
  // ruleid: js-child-process-injection
  runner.execSync(req.body.command);
  // ruleid: js-child-process-injection
  runner.spawn(args.program, ['--verbose']);
  // ruleid: js-child-process-injection
  require('child_process').exec(args.join(' '));
  // ok: js-child-process-injection
  child_process.execFile('gzip', [file]);
  // ok: js-child-process-injection
  runner.spawn('ls', ['-l', file]);
  // ok: js-child-process-injection
  exec('ls -l');
  // ok: js-child-process-injection
  exec(`uptime`, (err, stdout) => console.log(stdout));
  // ruleid: js-child-process-shell-wrapper
  runner.spawn('sh', ['-c', 'tar xzf ' + file]);
  // ok: js-child-process-shell-wrapper
  runner.spawn('sh', ['-c', 'ls -l | wc -l']);
  return out;
}

// a regex's exec is not a process
// ok: js-child-process-injection
const m = /a(b)/.exec(text);
// ok: js-child-process-injection
const n = pattern.exec(line);
