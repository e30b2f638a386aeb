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

const Mustache = require('mustache');
const Handlebars = require('handlebars');

function page(view, comment) {
  // ruleid: js-template-escaping-disabled
  Mustache.escape = function (text) { return text; };
  // ruleid: js-template-escaping-disabled
  Mustache.escape = (t) => t;
  // ok: js-template-escaping-disabled
  Mustache.escape = (t) => escapeHtml(t);
  // ruleid: js-template-escaping-disabled
  const html = Mustache.render("<p>{{{comment}}}</p>", { comment });
  // ruleid: js-template-escaping-disabled
  const raw = Mustache.render('<div>{{& body}}</div>', view);
  // ok: js-template-escaping-disabled
  const safe = Mustache.render("<p>{{comment}}</p>", { comment });
  // ruleid: js-template-escaping-disabled
  const tpl = Handlebars.compile(source, { noEscape: true });
  // ok: js-template-escaping-disabled
  const tpl2 = Handlebars.compile(source, { strict: true });
  return html + raw + safe + tpl + tpl2;
}
