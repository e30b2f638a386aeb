export function render(el: HTMLElement, name: string, html: string): void {
  // ruleid: js-inner-html
  el.innerHTML = "<b>" + name + "</b>";
  // ok: js-inner-html
  el.textContent = name;
  // ruleid: js-inner-html
  document.write(html);
}

export function page(view: Record<string, string>, comment: string): string {
  // ruleid: js-template-escaping-disabled
  Mustache.escape = (t) => t;
  // todoruleid: js-template-escaping-disabled
  Mustache.escape = (t: string): string => t;
  // ok: js-template-escaping-disabled
  const safe: string = Mustache.render("<p>{{comment}}</p>", { comment });
  // ruleid: js-template-escaping-disabled
  const raw: string = Mustache.render("<p>{{{comment}}}</p>", { comment });
  return safe + raw + view.title;
}

export function preview(html: string): React.ReactElement {
  // ruleid: js-dangerously-set-inner-html
  return React.createElement("div", { dangerouslySetInnerHTML: { __html: html } });
}

export function plain(text: string): React.ReactElement {
  // ok: js-dangerously-set-inner-html
  return React.createElement("div", null, text);
}
