import type { Request } from "express";

interface User {
  apiToken: string;
  password: string;
}

export function authorized(req: Request, user: User): boolean {
  // ruleid: js-timing-unsafe-comparison
  if (req.headers.token === user.apiToken) {
    return true;
  }
  // ok: js-timing-unsafe-comparison
  if (req.headers.page === "home") {
    return false;
  }
  // ruleid: js-timing-unsafe-comparison
  return req.body.password == user.password;
}
