function render(el, name, html) {
  // ruleid: js-inner-html
  el.innerHTML = '<b>' + name + '</b>';
  // ok: js-inner-html
  el.innerHTML = '';
  // ok: js-inner-html
  el.textContent = name;
  // ruleid: js-inner-html
  document.write(html);
}

function Page({ html }) {
  // ruleid: js-dangerously-set-inner-html
  return <div dangerouslySetInnerHTML={{ __html: html }} />;
}
