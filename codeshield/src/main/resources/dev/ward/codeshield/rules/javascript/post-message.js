function notify(iframeWin, event) {
  // ruleid: js-postmessage-any-origin
  iframeWin.postMessage(JSON.stringify(event), "*");
  // ruleid: js-postmessage-any-origin
  window.postMessage({getLoadedList: true}, '*');
  // ok: js-postmessage-any-origin
  iframeWin.postMessage(JSON.stringify(event), "https://app.example.com");
}

// ruleid: js-message-without-origin-check
window.addEventListener("message", function (e) {
  run(e.data);
});

// ok: js-message-without-origin-check
window.addEventListener("message", function (e) {
  if (e.origin !== "https://app.example.com") return;
  run(e.data);
});

// ruleid: js-message-without-origin-check
window.onmessage = (event) => {
  document.getElementById("out").innerText = event.data.text;
};

// ok: js-message-without-origin-check
window.addEventListener("message", ({ origin, data }) => {
  if (!ALLOWED.has(origin)) return;
  apply(data);
});

// ok: js-message-without-origin-check
worker.addEventListener("message", (e) => render(e.data));

// ok: js-message-without-origin-check
socket.onmessage = (e) => render(JSON.parse(e.data));
