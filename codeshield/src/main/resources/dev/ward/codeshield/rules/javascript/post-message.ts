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

export function notify(frame: Window, event: { kind: string }): void {
  // ruleid: js-postmessage-any-origin
  frame.postMessage(JSON.stringify(event), "*");
  // ok: js-postmessage-any-origin
  frame.postMessage(JSON.stringify(event), "https://app.example.com");
}
