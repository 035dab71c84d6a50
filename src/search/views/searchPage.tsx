import type { Child } from 'hono/jsx';
import type { Snippet } from '../snippet.js';

export function SnippetView({ snippet }: { snippet: Snippet }) {
  if (snippet.parts.length === 0) return null;
  return (
    <p class="snippet">
      {snippet.parts.map((p) => (p.hit ? <mark>{p.text}</mark> : p.text))}
    </p>
  );
}

export function SearchBox({ q, message }: { q: string; message?: string | undefined }) {
  return (
    <form class="search-form" method="get" action="/works/search" role="search">
      <label for="q">Search works</label>
      <div class="search-row">
        <input id="q" name="q" type="search" value={q} maxlength={1000} aria-describedby="q-hint"
          {...(message ? { 'aria-invalid': 'true', 'aria-errormessage': 'q-error' } : {})} />
        <button type="submit">Search</button>
      </div>
      {message ? <p class="field-error" id="q-error" role="alert">{message}</p> : null}
      <p class="hint" id="q-hint">
        Looks in titles, creators, tags, summaries and the stories themselves. All words must match;
        use "quotes" for a phrase, -word to leave out, and title:, creator: or tag: to look in one place
        (tag:"Alec Lightwood").
      </p>
    </form>
  );
}

export const snippetExtras = (snippets: Map<number, Snippet>) =>
  new Map<number, Child>([...snippets].map(([id, s]) => [id, <SnippetView snippet={s} />]));
