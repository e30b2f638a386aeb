function receive(event: MessageEvent): void {
  if (event.origin !== "https://app.example.com") {
    return;
  }
  handle(event.data);
}

// ok: js-message-without-origin-check
window.addEventListener("message", receive);

// ruleid: js-message-without-origin-check
window.addEventListener("message", async function (e: MessageEvent) {
  await handle(e.data);
});
