/** For a page's head: lets browsers and feed readers find the page's Atom feed. */
export const FeedLink = ({ href, title }: { href: string; title: string }) =>
  <link rel="alternate" type="application/atom+xml" title={title} href={href} />;
