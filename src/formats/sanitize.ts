import sanitizeHtml from 'sanitize-html';

// AO3 applies one allowlist to work text, summaries and notes, so Quire has one sanitizer.
const ALLOWED_TAGS = [
  'a', 'abbr', 'acronym', 'address', 'b', 'big', 'blockquote', 'br', 'caption', 'center',
  'cite', 'code', 'col', 'colgroup', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em',
  'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd',
  'li', 'ol', 'p', 'pre', 'q', 'rp', 'rt', 'ruby', 's', 'samp', 'small', 'span', 'strike',
  'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr',
  'tt', 'u', 'ul', 'var',
];

const HTTP = ['http:', 'https:'];

// The one URL-bearing attribute each tag may keep, and the schemes it may point to.
const URL_RULES: Record<string, { attribute: string; protocols: string[] }> = {
  a: { attribute: 'href', protocols: [...HTTP, 'mailto:'] },
  img: { attribute: 'src', protocols: HTTP },
  blockquote: { attribute: 'cite', protocols: HTTP },
  q: { attribute: 'cite', protocols: HTTP },
};

// Leading C0 controls and spaces are ignored by browsers, so "\t#x" is still a fragment.
const FRAGMENT = /^[\u0000-\u0020]*#/;

function isAllowedUrl(value: string, protocols: string[]): boolean {
  // WHATWG URL parsing strips the same tabs, newlines and controls a browser does, so
  // "jav\tascript:" is seen as javascript:; relative and protocol-relative URLs throw.
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function checkUrls(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const rule = URL_RULES[tagName];
  const url = rule ? attribs[rule.attribute] : undefined;
  const result = { ...attribs };
  delete result.rel;
  if (!rule || url === undefined) return { tagName, attribs: result };

  if (tagName === 'a' && FRAGMENT.test(url)) return { tagName, attribs: result };
  if (!isAllowedUrl(url, rule.protocols)) {
    delete result[rule.attribute];
  } else if (tagName === 'a') {
    // User-supplied links should not pass on the archive's search ranking.
    result.rel = 'nofollow ugc';
  }
  return { tagName, attribs: result };
}

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    '*': ['title', 'dir', 'align', 'lang', 'class'],
    a: ['href', 'name', 'rel'],
    img: ['src', 'alt', 'width', 'height'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
    ol: ['start', 'type'],
    blockquote: ['cite'],
    q: ['cite'],
  },
  // Classes hook into work skins; anything beyond plain names is not a class a skin can use.
  allowedClasses: { '*': [/^[A-Za-z0-9_-]+$/] },
  // Second line of defence behind checkUrls, using sanitize-html's own scheme check.
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'], blockquote: ['http', 'https'], q: ['http', 'https'] },
  allowProtocolRelative: false,
  transformTags: { '*': checkUrls },
  disallowedTagsMode: 'discard',
  // Content of these is code or never shown to readers, so it must not leak out as text.
  nonTextTags: [
    'script', 'style', 'textarea', 'option', 'xmp', 'title', 'iframe', 'noscript', 'noembed',
    'noframes',
  ],
};

/** Cleans user-supplied HTML (work text, summaries, notes) down to AO3's allowlist. */
export function sanitizeUserHtml(html: string): string {
  // Dropping a tag can leave markup the parser reads differently next time (a <td> that was
  // inside a discarded <object> lands inside another <td>, which a second parse closes), so the
  // stored text would shift each time a writer saves it unchanged. Clean until it is stable; two
  // or three passes suffice for what the parser's repairs can produce.
  let clean = sanitizeHtml(html, OPTIONS);
  for (let pass = 0; pass < 4; pass++) {
    const again = sanitizeHtml(clean, OPTIONS);
    if (again === clean) return clean;
    clean = again;
  }
  return clean;
}
