function onMessage(event) {
  const { action, payload } = event.data;
  dispatch(action, payload);
}

// ruleid: js-message-without-origin-check
window.addEventListener('message', onMessage, false);
