/**
 * A few lines of DOM building instead of a framework: `h('button', { onclick }, 'Play')`.
 * Text is always set as text (never as HTML), so nothing a server or a player sends can inject
 * markup; the page's policy forbids inline scripts and styles anyway.
 */
type Child = Node | string | number | null | undefined | false;
type Handler<K extends keyof HTMLElementEventMap> = (event: HTMLElementEventMap[K]) => void;

export type Attributes = {
  [name: string]: string | number | boolean | null | undefined | Handler<never>;
} & { [K in keyof HTMLElementEventMap as `on${K}`]?: Handler<K> };

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes | null = null,
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') {
      element.addEventListener(name.slice(2), value as EventListener);
    } else if (name === 'value' && 'value' in element) {
      (element as HTMLInputElement).value = String(value);
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(parent: Node, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function replaceChildren(parent: Element, ...children: (Child | Child[])[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A labelled form field: the label names the input for people and tools alike. */
export function field(
  label: string,
  input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
): HTMLElement {
  return h('label', { class: 'field' }, h('span', null, label), input);
}

/** The values of a form's named fields. */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  new FormData(form).forEach((value, key) => {
    if (typeof value === 'string') values[key] = value;
  });
  return values;
}

export function formatDate(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : '–';
}
