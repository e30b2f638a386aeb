require 'digest'

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
