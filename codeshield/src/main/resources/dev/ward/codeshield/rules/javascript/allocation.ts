import type { Request, Response } from "express";

export function pad(req: Request, res: Response): void {
  const width: number = parseInt(String(req.query.width), 10);
  // ruleid: js-allocation-sized-by-request
  const spaces: string = " ".repeat(width);
  // ruleid: js-allocation-sized-by-request
  const buf: Buffer = Buffer.alloc(req.body.size as number);
  // ok: js-allocation-sized-by-request
  const fixed: Buffer = Buffer.alloc(64);
  res.send(spaces + buf.length + fixed.length);
}
