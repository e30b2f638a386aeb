require 'digest'
require 'open3'

def run(dir, code, blob)
  # ruleid: ruby-command-injection
  system("ls #{dir}")
  # ok: ruby-command-injection
  system("ls", dir)
  # ok: ruby-command-injection
  system("uptime")
  # ruleid: ruby-eval
  eval(code)
  # ruleid: ruby-unsafe-deserialization
  obj = Marshal.load(blob)
  # ok: ruby-unsafe-deserialization
  data = JSON.parse(blob)
  # ruleid: ruby-weak-hash
  Digest::MD5.hexdigest(blob)
end

def archive(path, host)
  # ruleid: ruby-command-injection
  stdin, stdout, stderr, wait_thr = Open3.popen3("tar czf backup.tgz #{path}")
  # ruleid: ruby-command-injection
  out, status = Open3.capture2e(command_for(host))
  # ok: ruby-command-injection
  out, status = Open3.capture2("ping", "-c", "1", host)
  # ok: ruby-command-injection
  Open3.popen3("uptime") { |i, o, e, t| o.read }
  # ruleid: ruby-command-injection
  listing = `ls -la #{path}`
  # ruleid: ruby-command-injection
  users = %x(grep #{host} /etc/hosts)
  # ok: ruby-command-injection
  today = `date`
  # ruleid: ruby-command-injection
  answer = IO.popen("nslookup " + host).read
  [stdout, out, listing, users, today]
end
