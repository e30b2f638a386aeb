import * as http from "http";

export function decode(n: number, data: { payload: string; offset: number }): number {
  // ruleid: js-buffer-constructor
  const sized: Buffer = new Buffer(n);
  // ok: js-buffer-constructor
  const from: Buffer = Buffer.from(data.payload, "base64");
  // ruleid: js-uninitialized-buffer
  const fast: Buffer = Buffer.allocUnsafe(n);
  // ok: js-uninitialized-buffer
  const zeroed: Buffer = Buffer.alloc(n);
  // ruleid: js-buffer-noassert
  const head: number = from.readUInt32LE(data.offset, true);
  // ok: js-buffer-noassert
  const checked: number = from.readUInt32LE(0);
  return sized.length + fast.length + zeroed.length + head + checked;
}

export async function send(body: string): Promise<void> {
  // ruleid: js-cleartext-transport
  await fetch("http://api.example.com/user", { method: "POST", body });
  // ok: js-cleartext-transport
  await fetch("https://api.example.com/user", { method: "POST", body });
}

// ruleid: js-cleartext-transport
http.createServer((req: http.IncomingMessage, res: http.ServerResponse) => res.end()).listen(80);
