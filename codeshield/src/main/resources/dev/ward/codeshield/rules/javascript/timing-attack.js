function check(location, hash, req, user) {
  // ruleid: js-timing-unsafe-comparison
  if (location.hash != hash) {
    return false;
  }
  // ruleid: js-timing-unsafe-comparison
  if (req.headers.token === user.apiToken) {
    return true;
  }
  // ok: js-timing-unsafe-comparison
  if (user.token === undefined) {
    return false;
  }
  // ok: js-timing-unsafe-comparison
  if (req.opts.tokens === true) {
    return false;
  }
  // ok: js-timing-unsafe-comparison
  if (token === void 0) {
    return false;
  }
  // ruleid: js-timing-unsafe-comparison
  if (req.query.key === API_TOKEN) {
    return true;
  }
  // ruleid: js-timing-unsafe-comparison
  if (body.pass != user.pass) {
    return false;
  }
  // ruleid: js-timing-unsafe-comparison
  if (req.body.password == user.password) {
    return true;
  }
  // ok: js-timing-unsafe-comparison
  if (user.name === req.name) {
    return true;
  }
}
