// Turns message text and citations into DOM nodes. Text from visitors, agents
// and the bot is never parsed as HTML: it is split into paragraphs, lines and
// a few recognised tokens ([n] citation markers, http(s) links, **bold**),
// and every piece becomes a text node or an element we create ourselves.

import { h } from './dom.js';

const TOKEN = /\[(\d{1,2})\]|(https?:\/\/[^\s<>"'`]+[^\s<>"'`.,;:!?)\]])|\*\*([^*\n]+)\*\*/g;

/** True only for absolute http(s) URLs: javascript:, data:, relative paths… stay text. */
export function safeHttpUrl(value) {
  if (typeof value !== 'string' || !/^https?:\/\//i.test(value.trim())) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function citationLabel(c) {
  const title = String(c.title ?? '').trim();
  const heading = String(c.heading ?? '').trim();
  return heading && heading !== title ? `${title} › ${heading}` : title || heading;
}

/**
 * Renders text into `container`.
 * @param {Map<number, object>} citations n → citation, for the [n] markers
 * @param {(n: number) => string} citationId the DOM id of citation n in the list
 */
export function renderText(container, text, { citations = new Map(), citationId = null, t } = {}) {
  container.replaceChildren();
  const paragraphs = String(text ?? '').replace(/\r\n?/g, '\n').split(/\n{2,}/);
  for (const paragraph of paragraphs) {
    if (!paragraph.trim()) continue;
    const p = h('p');
    paragraph.split('\n').forEach((line, i) => {
      if (i > 0) p.append(h('br'));
      appendLine(p, line, citations, citationId, t);
    });
    container.append(p);
  }
}

function appendLine(parent, line, citations, citationId, t) {
  let last = 0;
  for (const match of line.matchAll(TOKEN)) {
    if (match.index > last) parent.append(line.slice(last, match.index));
    const [whole, n, url, bold] = match;
    if (n !== undefined && citations.has(Number(n)) && citationId) {
      const c = citations.get(Number(n));
      parent.append(h('a', {
        class: 'tandem-marker',
        href: `#${citationId(Number(n))}`,
        'data-testid': 'tandem-marker',
        'data-n': n,
        title: citationLabel(c),
        'aria-label': t ? `${t('source', { n })}: ${citationLabel(c)}` : null,
        text: `[${n}]`,
      }));
    } else if (url !== undefined && safeHttpUrl(url)) {
      parent.append(h('a', { href: safeHttpUrl(url), target: '_blank', rel: 'noopener noreferrer', text: url }));
    } else if (bold !== undefined) {
      parent.append(h('strong', { text: bold }));
    } else {
      parent.append(whole);
    }
    last = match.index + whole.length;
  }
  if (last < line.length) parent.append(line.slice(last));
}

/** The numbered source list under a bot answer: [n] title › heading, snippet as tooltip. */
export function renderCitations(citations, citationId, t) {
  const list = h('ol', { class: 'tandem-citations', 'aria-label': t('sources'), 'data-testid': 'tandem-citations' });
  for (const c of citations) {
    const n = Number(c.n);
    const snippet = String(c.snippet ?? '').trim().slice(0, 400) || null;
    const href = safeHttpUrl(c.url);
    const content = [h('span', { class: 'tandem-citation__n', text: `[${n}]` }), ' ', h('span', { class: 'tandem-citation__label', text: citationLabel(c) })];
    const item = href
      ? h('a', { class: 'tandem-citation', href, target: '_blank', rel: 'noopener noreferrer', title: snippet, 'data-testid': 'tandem-citation' }, content)
      : h('span', { class: 'tandem-citation', title: snippet, 'data-testid': 'tandem-citation' }, content);
    list.append(h('li', { id: citationId(n), tabindex: '-1' }, item));
  }
  return list;
}
