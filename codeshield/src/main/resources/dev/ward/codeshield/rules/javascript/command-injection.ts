import * as proc from "child_process";
import cp from "node:child_process";

export function archive(dir: string, name: string): void {
  // ruleid: js-child-process-injection
  proc.execSync(`tar czf ${name}.tgz ${dir}`);
  // ruleid: js-child-process-injection
  cp.spawnSync(name, { shell: true });
  // ok: js-child-process-injection
  proc.execFileSync("tar", ["czf", name + ".tgz", dir]);
}

export function unpack(runner: typeof proc, file: string): void {
  // ruleid: js-child-process-shell-wrapper
  runner.spawn("sh", ["-c", `tar xzf ${file}`]);
  // ok: js-child-process-shell-wrapper
  runner.spawn("sh", ["-c", "ls -l | wc -l"]);
}
