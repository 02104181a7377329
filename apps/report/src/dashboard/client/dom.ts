// Dashboard client: DOM helpers. Every value from the API is inserted as text (textContent),
// never as markup: hashtags and posts are user content.

/** The element with this id (the page's markup holds every id the client uses). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the page has no #${id}`);
  return node as T;
}

/** Attributes of {@link el}; `text` becomes the text content. */
export type Attributes = Readonly<Record<string, string>> & { readonly text?: string };

/** An element with text content and attributes; children are nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attributes = {},
  children: readonly Node[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) node.appendChild(child);
  return node;
}
