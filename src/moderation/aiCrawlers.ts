/** Crawlers that gather text to train AI models (user agents as their operators publish them). */
const AI_CRAWLERS = [
  'GPTBot', 'ChatGPT-User', 'OAI-SearchBot', 'CCBot', 'Google-Extended', 'ClaudeBot', 'Claude-Web', 'anthropic-ai',
  'Applebot-Extended', 'Bytespider', 'PerplexityBot', 'meta-externalagent', 'FacebookBot', 'Amazonbot', 'cohere-ai',
  'Diffbot', 'omgili', 'ImagesiftBot', 'Timpibot',
] as const;

export const NOAI = 'noai, noimageai';

/** Pages of no use to any crawler. */
const PRIVATE = ['Disallow: /admin/', 'Disallow: /settings/', 'Disallow: /password/', 'Disallow: /reports/'];

/** robots.txt names at most this many works whose writers asked (the newest); their pages and
 * downloads say noai whatever robots.txt holds. */
export const ROBOTS_ASKED_WORKS = 5000;

/**
 * robots.txt. Restricted works are never served to crawlers (only to signed-in readers, and
 * their pages say noai); listing their addresses here would tell everyone which ids exist, so
 * they are not listed. Public works whose writers asked are (`askedWorkIds`). With the site-wide
 * setting on, AI crawlers are asked to stay off everything. Other crawlers (search engines) may
 * index public pages but not accounts, settings or admin pages.
 */
export function robotsTxt(allBlocked: boolean, askedWorkIds: readonly number[] = []): string {
  return [
    '# Crawlers that gather text to train AI models.' + (allBlocked ? '' : ' Restricted works are for signed-in readers only and are never served to crawlers.'),
    ...AI_CRAWLERS.map((ua) => `User-agent: ${ua}`),
    ...(allBlocked ? ['Disallow: /'] : [...PRIVATE, ...askedWorkIds.flatMap((id) => [`Disallow: /works/${id}`, `Disallow: /downloads/${id}/`])]),
    '',
    'User-agent: *',
    ...PRIVATE,
    '',
  ].join('\n');
}
