import * as files from "node:fs";
import fsp from "fs/promises";

export async function download(name: string, dir: string): Promise<Buffer> {
  // ruleid: js-path-traversal
  const listing = files.readdirSync(dir + "/" + name);
  // ruleid: js-path-traversal
  const body = await fsp.readFile(`${dir}/${name}`);
  // ok: js-path-traversal
  const banner = files.readFileSync("banner.txt");
  return listing.length > 0 ? body : banner;
}
