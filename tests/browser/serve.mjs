// `dubbelkoll serve` in headless Chromium, driven by playwright-core as a
// reviewer uses it, from the keyboard: the senders page, a submission, a
// finding marked handled that stays so after a restart, a submission added
// to the folder that appears without a reload, a letter and the compiled
// document downloaded; no console message on any page, axe-core finds no
// violation on any page, and a screenshot of each page for the README.
//
// Run by tests/browser.rs with, in the environment: DUBBELKOLL (the
// binary), ROUND (a folder holding `in/`), LATE (a submission to add),
// PLAYWRIGHT (playwright-core's folder), AXE (axe.min.js), CHROMIUM, SHOTS
// (where screenshots go). Prints what failed and exits 1, or exits 0.

import { spawn } from "node:child_process";
import { copyFileSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const env = process.env;
const { chromium } = createRequire(join(env.PLAYWRIGHT, "package.json"))("playwright-core");
const failures = [];
const expect = (ok, what) => { if (!ok) failures.push(what); };

// Starts the server on the round; resolves to its address.
function start() {
  const child = spawn(env.DUBBELKOLL, ["serve", "in", "--lang", "sv"], {
    cwd: env.ROUND,
    env: { PATH: env.PATH, SOURCE_DATE_EPOCH: "1764000000" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let seen = "";
    child.stdout.on("data", (d) => {
      seen += d;
      const url = seen.match(/http:\/\/\S+/);
      if (url) resolve({ child, url: url[0] });
    });
    child.on("exit", (code) => reject(new Error(`serve exited ${code}: ${seen}`)));
  });
}

const browser = await chromium.launch({
  executablePath: env.CHROMIUM,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const console_ = [];
const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
page.on("console", (m) => console_.push(`${page.url()}: ${m.text()}`));
page.on("pageerror", (e) => console_.push(`${page.url()}: ${e.message}`));
const shot = (name) => page.screenshot({ path: join(env.SHOTS, `serve-${name}.png`), fullPage: false });
// A link or button reached and used from the keyboard.
async function press(locator) {
  await locator.focus();
  await page.keyboard.press("Enter");
}

let server = await start();
const visited = {};
try {
  await page.goto(server.url);
  expect(await page.locator("h1").innerText() === "Granskningsomgång", "the senders page's heading");
  visited.senders = page.url();
  await shot("senders");

  await press(page.locator("#submissions tbody a").nth(1));
  await page.waitForSelector("section.answers dl.fields");
  visited.submission = page.url();
  await shot("submission");

  await press(page.locator("ul.findings a").first());
  await page.waitForSelector("form");
  const findingPath = new URL(page.url()).pathname.split("/").slice(2).join("/");
  visited.finding = page.url();
  await shot("finding");
  await page.locator("input[value=handled]").focus();
  await page.keyboard.press("Space");
  await page.locator("#note").fill("Ringt avsändaren");
  await page.locator("#by").fill("anna");
  await press(page.locator("button[type=submit]"));
  await page.waitForSelector(".decision:has-text('hanterad av anna')");

  // After a restart (a new address and secret), the decision stands. The
  // page is left first: its poll would meet the stopped server.
  await page.goto("about:blank");
  server.child.kill();
  server = await start();
  const base = new URL(server.url).pathname.replace(/\/$/, "");
  await page.goto(`${new URL(server.url).origin}${base}/${findingPath}`);
  expect(await page.locator("input[value=handled]").isChecked(), "the decision after a restart");
  expect((await page.locator(".decision").first().innerText()).includes("Ringt avsändaren"), "the note after a restart");

  // A submission added to the folder appears on the open page.
  await page.goto(server.url);
  copyFileSync(env.LATE, join(env.ROUND, "in", "zz-sen.txt"));
  await page.waitForSelector("#submissions a:has-text('zz-sen.txt')", { timeout: 20000 });
  expect((await page.locator("#live").innerText()).length > 0, "the live region says the page changed");

  // A letter: its page, then the download.
  await press(page.locator("#letters a").first());
  await page.waitForSelector("pre.letter");
  visited.letter = page.url();
  await shot("letter");
  const [eml] = await Promise.all([page.waitForEvent("download"), press(page.locator("a[href$='/eml']"))]);
  const letter = readFileSync(await eml.path(), "utf8");
  expect(eml.suggestedFilename().endsWith(".eml") && letter.includes("X-Unsent: 1"), "the letter's download");

  // The compiled document.
  await page.goto(server.url);
  const [docx] = await Promise.all([page.waitForEvent("download"), press(page.locator("a[href$='compiled.docx']"))]);
  const bytes = readFileSync(await docx.path());
  expect(docx.suggestedFilename() === "sammanstallning.docx" && bytes.subarray(0, 2).toString() === "PK", "the compiled document's download");

  // axe-core on every page (its script goes in past the pages' policy).
  const checking = await browser.newContext({ bypassCSP: true });
  const axePage = await checking.newPage();
  for (const [name, url] of Object.entries(visited)) {
    const at = new URL(url);
    await axePage.goto(`${new URL(server.url).origin}${base}/${at.pathname.split("/").slice(2).join("/")}`);
    await axePage.addScriptTag({ path: env.AXE });
    const v = await axePage.evaluate(async () =>
      (await axe.run(document, { resultTypes: ["violations"] })).violations
        .map((x) => `${x.id}: ${x.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`));
    expect(v.length === 0, `axe on the ${name} page: ${JSON.stringify(v)}`);
  }
} catch (e) {
  failures.push(String(e.stack || e));
} finally {
  await browser.close();
  server.child.kill();
}
expect(console_.length === 0, `console messages: ${JSON.stringify(console_)}`);
if (failures.length) {
  console.log(failures.join("\n"));
  process.exit(1);
}
