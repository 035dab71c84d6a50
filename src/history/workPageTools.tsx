import type { Ctx } from '../web/env.js';
import { MarkForLater } from './views/markForLater.js';

/** What a signed-in reader gets on a work page besides the shared content; nothing (and no query) for guests. */
export async function readerTools(c: Ctx, workId: number) {
  const viewer = c.get('viewer');
  if (viewer.kind !== 'user') return null;
  const marked = await c.get('services').history.isMarked(viewer, workId);
  const url = new URL(c.req.url);
  return <MarkForLater workId={workId} marked={marked} csrf={c.get('csrf')()} returnTo={url.pathname + url.search} />;
}
