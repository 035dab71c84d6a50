/**
 * The authorization matrix: for every route the app has, what each kind of viewer gets, and
 * for routes about one work, in each state the work can be in. A route missing from MATRIX
 * fails the first test, so a new route cannot ship without someone deciding who may use it.
 *
 * To add a route: one row, keyed exactly as Hono lists it (`METHOD /path`, as printed by the
 * failing test). `path` fills in the parameters from the fixture; `expect` is one status for
 * everyone, or per role (`ROLES`), or per work state when `path` uses the state. Unsafe
 * requests carry a valid CSRF token and no other fields, so a row checks who is let in, not
 * the form's rules (each domain's route tests do those). `skip` names roles whose request
 * would change the fixture for the rows after it (deleting the work, signing out...), with why.
 */

export const ROLES = ['guest', 'reader', 'creator', 'admin', 'suspended', 'cocreator', 'wrangler', 'blocked', 'banned'] as const;
export const STATES = ['posted', 'restricted', 'draft', 'hidden'] as const;
export type Role = (typeof ROLES)[number];
/**
 * Roles that get what another role gets unless a row says otherwise: on a work's rows a
 * co-creator gets what its creator gets (elsewhere, what any reader gets: the creator's own
 * pages and series are not theirs); a wrangler and a reader the creator blocked get what any
 * reader gets, and a banned user (whose sessions are dead) what a guest gets. Rows that skip a
 * role skip these with it.
 */
const LIKE = (role: Role, perState: boolean): Role | undefined =>
  role === 'cocreator' ? (perState ? 'creator' : 'reader') : ({ wrangler: 'reader', blocked: 'reader', banned: 'guest' } as Partial<Record<Role, Role>>)[role];
export type State = (typeof STATES)[number];
export type ByRole = number | Partial<Record<Role, number>> & { others?: number };
export type Fixture = { work: Record<State, number>; chapter: Record<State, number>; creator: string; pseud: string; target: string; tag: string; tagId: number; series: number; comment: number };
export type Row = {
  path: string | ((f: Fixture, state: State) => string);
  expect: ByRole | Record<State, ByRole>;
  skip?: { roles: Role[]; why: string };
};

// Shapes that repeat: who gets in at all.
const all = (status: number): ByRole => status;
const signedIn = (status: number): ByRole => ({ guest: 302, others: status });
const adminOnly = (status: number): ByRole => ({ guest: 302, admin: status, others: 403 });
/** Writes: guests sign in first, suspended users are refused before any route. */
const write = (status: number): ByRole => ({ guest: 302, suspended: 403, others: status });
const adminWrite = (status: number): ByRole => ({ guest: 302, admin: status, others: 403 });

/** Reading a work: the policy of ARCHITECTURE.md, written out by hand. */
export const READ: Record<State, ByRole> = {
  posted: 200,
  restricted: { guest: 404, others: 200 },
  draft: { creator: 200, others: 404 },
  hidden: { creator: 200, admin: 200, others: 404 },
};
/** Pages only a work's creators may open (editing, deleting, orphaning...). */
const CREATOR_PAGE = (denied: number): Record<State, ByRole> =>
  Object.fromEntries(STATES.map((s) => [s, { guest: 302, creator: 200, others: denied }])) as Record<State, ByRole>;

/**
 * Creator-only writes in src/works: others who may read the work are told no (403), those who
 * may not are told nothing (404); suspended users are stopped before any route (403).
 */
const WORK_WRITE = (ok: number): Record<State, ByRole> => ({
  posted: { guest: 302, creator: ok, reader: 403, admin: 403, suspended: 403 },
  restricted: { guest: 302, creator: ok, reader: 403, admin: 403, suspended: 403 },
  draft: { guest: 302, creator: ok, reader: 404, admin: 404, suspended: 403 },
  hidden: { guest: 302, creator: ok, reader: 404, admin: 403, suspended: 403 },
});
/** Creator-only writes in src/moderation tell non-creators nothing, whatever they may read. */
const CREATOR_WRITE = (ok: number): Record<State, ByRole> =>
  Object.fromEntries(STATES.map((s) => [s, { guest: 302, creator: ok, suspended: 403, others: 404 }])) as Record<State, ByRole>;
const everyState = (e: ByRole): Record<State, ByRole> => Object.fromEntries(STATES.map((s) => [s, e])) as Record<State, ByRole>;

/** Responding to a work (kudos aside): whoever may read it, signed in and not suspended. */
const RESPOND = (ok: number): Record<State, ByRole> => ({
  posted: { guest: 302, suspended: 403, others: ok },
  restricted: { guest: 302, suspended: 403, others: ok },
  draft: { guest: 302, creator: ok, suspended: 403, others: 404 },
  hidden: { guest: 302, creator: ok, admin: ok, suspended: 403, others: 404 },
});
/** Signed-in pages about a work: those who may read it. */
const SIGNED_IN_READ = (ok: number): Record<State, ByRole> => ({
  posted: { guest: 302, others: ok },
  restricted: { guest: 302, others: ok },
  draft: { guest: 302, creator: ok, others: 404 },
  hidden: { guest: 302, creator: ok, admin: ok, others: 404 },
});
/** Kudos: guests too; never from the work's own creators. */
const KUDOS: Record<State, ByRole> = {
  posted: { creator: 403, suspended: 403, blocked: 403, others: 303 },
  restricted: { guest: 404, creator: 403, suspended: 403, blocked: 403, others: 303 },
  draft: { suspended: 403, others: 404 },
  hidden: { creator: 403, suspended: 403, admin: 303, others: 404 },
};
/** An empty comment is refused (400) before the work is looked up, alike for every work: nothing is given away. */
const COMMENT: Record<State, ByRole> = everyState({ suspended: 403, others: 400 });
/** Downloads: never a draft; a restricted work for signed-in readers. */
const DOWNLOAD: Record<State, ByRole> = {
  posted: 200,
  restricted: { guest: 404, others: 200 },
  draft: 404,
  hidden: { creator: 200, admin: 200, others: 404 },
};
const API_READ: Record<State, ByRole> = READ;
/** API writes need a write-scope token: a cookie session alone is not one (401); suspended users are stopped first. */
const API_WRITE: ByRole = { suspended: 403, others: 401 };

const work = (suffix = '') => (f: Fixture, s: State) => `/works/${f.work[s]}${suffix}`;
const chapter = (suffix = '') => (f: Fixture, s: State) => `/works/${f.work[s]}/chapters/${f.chapter[s]}${suffix}`;

export const MATRIX: Record<string, Row> = {
  'GET /': { path: '/', expect: all(200) },
  'GET /robots.txt': { path: '/robots.txt', expect: all(200) },
  'GET /signup': { path: '/signup', expect: all(200) },
  'POST /signup': { path: '/signup', expect: { suspended: 403, others: 422 } },
  'GET /login': { path: '/login', expect: all(200) },
  'POST /login': { path: '/login', expect: 401 },
  'POST /login/code': { path: '/login/code', expect: 401 },
  'POST /logout': { path: '/logout', expect: all(303), skip: { roles: ['reader', 'creator', 'admin', 'suspended'], why: 'signs the client out' } },
  'GET /password/forgot': { path: '/password/forgot', expect: all(200) },
  'POST /password/forgot': { path: '/password/forgot', expect: { suspended: 403, others: 422 } },
  'GET /password/reset/:token': { path: '/password/reset/not-a-token', expect: all(404) },
  'POST /password/reset/:token': { path: '/password/reset/not-a-token', expect: { suspended: 403, others: 404 } },
  'GET /settings/password': { path: '/settings/password', expect: signedIn(200) },
  'POST /settings/password': { path: '/settings/password', expect: { guest: 302, others: 422 } },
  'GET /settings/sessions': { path: '/settings/sessions', expect: signedIn(200) },
  'POST /settings/sessions/end-others': { path: '/settings/sessions/end-others', expect: signedIn(303) },
  'GET /settings/email': { path: '/settings/email', expect: signedIn(200) },
  'POST /settings/email': { path: '/settings/email', expect: { guest: 302, others: 422 } },
  'GET /settings/email/confirm/:token': { path: '/settings/email/confirm/not-a-token', expect: all(404) },
  'POST /settings/email/confirm/:token': { path: '/settings/email/confirm/not-a-token', expect: all(404) },
  'GET /settings/two-factor': { path: '/settings/two-factor', expect: signedIn(200) },
  'POST /settings/two-factor/start': { path: '/settings/two-factor/start', expect: signedIn(303) },
  'POST /settings/two-factor/confirm': { path: '/settings/two-factor/confirm', expect: { guest: 302, others: 422 } },
  'POST /settings/two-factor/disable': { path: '/settings/two-factor/disable', expect: { guest: 302, others: 422 } },
  'GET /settings/filters': { path: '/settings/filters', expect: signedIn(200) },
  'GET /settings/ai': { path: '/settings/ai', expect: signedIn(200) },
  'POST /settings/ai': { path: '/settings/ai', expect: signedIn(422) },
  'POST /settings/filters': { path: '/settings/filters', expect: signedIn(422) },
  'POST /settings/filters/:tagId/delete': { path: (f) => `/settings/filters/${f.tagId}/delete`, expect: signedIn(303) },
  'GET /users/:login': { path: (f) => `/users/${f.creator}`, expect: all(200) },
  'POST /users/:login/pseuds': { path: (f) => `/users/${f.creator}/pseuds`, expect: { guest: 302, creator: 422, suspended: 403, others: 404 } },
  'GET /users/:login/works': { path: (f) => `/users/${f.creator}/works`, expect: all(200) },
  'GET /users/:login/works/drafts': { path: (f) => `/users/${f.creator}/works/drafts`, expect: { guest: 302, creator: 200, others: 404 } },
  'GET /users/:login/pseuds/:pseud/works': { path: (f) => `/users/${f.creator}/pseuds/${f.pseud}/works`, expect: all(200) },
  'GET /works': { path: '/works', expect: all(200) },
  'GET /works/search': { path: '/works/search?q=matrix', expect: all(200) },
  'GET /works/new': { path: '/works/new', expect: { guest: 302, suspended: 403, others: 200 } },
  'POST /works': { path: '/works', expect: write(422) },
  'GET /works/:id{[0-9]+}': { path: work(), expect: READ },
  'GET /works/:id{[0-9]+}/chapters/:chapterId{[0-9]+}': { path: chapter(), expect: READ },
  'GET /works/:id{[0-9]+}/navigate': { path: work('/navigate'), expect: READ },
  'GET /works/:id/edit': { path: work('/edit'), expect: CREATOR_PAGE(404) },
  'POST /works/:id': { path: work(), expect: WORK_WRITE(422) },
  'POST /works/:id/post': { path: work('/post'), expect: WORK_WRITE(303), skip: { roles: ['creator'], why: 'posts the draft' } },
  // The tag id is checked before the work, alike for every work: nothing is given away.
  'POST /works/:id/tags': { path: work('/tags'), expect: everyState({ guest: 302, suspended: 403, others: 400 }) },
  'GET /works/:id/delete': { path: work('/delete'), expect: CREATOR_PAGE(404) },
  'POST /works/:id/delete': { path: work('/delete'), expect: WORK_WRITE(303), skip: { roles: ['creator'], why: 'deletes the work' } },
  'GET /works/:id/chapters/new': { path: work('/chapters/new'), expect: CREATOR_PAGE(404) },
  'POST /works/:id/chapters': { path: work('/chapters'), expect: WORK_WRITE(422) },
  'GET /works/:id/chapters/:chapterId{[0-9]+}/edit': { path: chapter('/edit'), expect: CREATOR_PAGE(404) },
  'POST /works/:id/chapters/:chapterId{[0-9]+}': { path: chapter(), expect: WORK_WRITE(422) },
  'POST /works/:id/chapters/:chapterId{[0-9]+}/delete': { path: chapter('/delete'), expect: WORK_WRITE(422) },
  'POST /works/:id/chapters/order': { path: work('/chapters/order'), expect: WORK_WRITE(422) },
  'GET /works/:id{[0-9]+}/orphan': { path: work('/orphan'), expect: CREATOR_PAGE(404) },
  'POST /works/:id{[0-9]+}/orphan': { path: work('/orphan'), expect: CREATOR_WRITE(303), skip: { roles: ['creator'], why: 'orphans the work' } },
  'GET /works/:id{[0-9]+}/creators': { path: work('/creators'), expect: CREATOR_PAGE(404) },
  'POST /works/:id{[0-9]+}/creators': { path: work('/creators'), expect: CREATOR_WRITE(422) },
  'GET /invitations': { path: '/invitations', expect: signedIn(200) },
  'POST /invitations/:workId{[0-9]+}/:pseudId{[0-9]+}': { path: '/invitations/1/1', expect: write(404) },
  'POST /news/:id{[0-9]+}/dismiss': { path: '/news/1/dismiss', expect: all(303) },
  'GET /reports/new': { path: '/reports/new', expect: all(200) },
  'POST /reports': { path: '/reports', expect: 422 },
  'GET /tags/:tag': { path: (f) => `/tags/${f.tag}`, expect: all(200) },
  'GET /tags/:tag/works': { path: (f) => `/tags/${f.tag}/works`, expect: all(200) },
  'GET /tags/autocomplete': { path: '/tags/autocomplete?type=fandom&q=sha', expect: all(200) },
  'GET /tags/wrangle': { path: '/tags/wrangle', expect: { ...(adminOnly(200) as object), wrangler: 200 } },
  'POST /tags/wrangle': { path: '/tags/wrangle', expect: { ...(adminWrite(422) as object), wrangler: 422 } },
  'GET /tags/:tag/edit': { path: (f) => `/tags/${f.tag}/edit`, expect: { ...(adminOnly(200) as object), wrangler: 200 } },
  'POST /tags/:tag/edit': { path: (f) => `/tags/${f.tag}/edit`, expect: { ...(adminWrite(422) as object), wrangler: 422 } },
  'GET /admin/users': { path: '/admin/users', expect: adminOnly(200) },
  'POST /admin/users/:login/wrangler': { path: (f) => `/admin/users/${f.target}/wrangler`, expect: adminWrite(303) },
  'GET /admin/users/:login': { path: (f) => `/admin/users/${f.target}`, expect: adminOnly(200) },
  'POST /admin/users/:login/suspend': { path: (f) => `/admin/users/${f.target}/suspend`, expect: adminWrite(422) },
  'POST /admin/users/:login/unsuspend': { path: (f) => `/admin/users/${f.target}/unsuspend`, expect: adminWrite(303) },
  'POST /admin/users/:login/ban': { path: (f) => `/admin/users/${f.target}/ban`, expect: adminWrite(303) },
  'POST /admin/users/:login/unban': { path: (f) => `/admin/users/${f.target}/unban`, expect: adminWrite(303) },
  'GET /admin/reports': { path: '/admin/reports', expect: adminOnly(200) },
  'POST /admin/reports/:id{[0-9]+}': { path: '/admin/reports/999999', expect: adminWrite(422) },
  'GET /admin/works/:id{[0-9]+}': { path: (f, s) => `/admin/works/${f.work[s]}`, expect: adminOnly(200) },
  'POST /admin/works/:id{[0-9]+}/hide': { path: (f, s) => `/admin/works/${f.work[s]}/hide`, expect: adminWrite(303), skip: { roles: ['admin'], why: 'hides the work' } },
  'POST /admin/works/:id{[0-9]+}/unhide': { path: (f, s) => `/admin/works/${f.work[s]}/unhide`, expect: adminWrite(303), skip: { roles: ['admin'], why: 'unhides the work' } },
  'POST /admin/comments/:id{[0-9]+}/hide': { path: (f) => `/admin/comments/${f.comment}/hide`, expect: adminWrite(303), skip: { roles: ['admin'], why: 'hides the comment' } },
  // The fixture's comment is not hidden: the admin is told so (409); everyone else is not let in.
  'POST /admin/comments/:id{[0-9]+}/unhide': { path: (f) => `/admin/comments/${f.comment}/unhide`, expect: adminWrite(409) },
  'GET /admin/log': { path: '/admin/log', expect: adminOnly(200) },
  'GET /admin/news': { path: '/admin/news', expect: adminOnly(200) },
  'POST /admin/news': { path: '/admin/news', expect: adminWrite(422) },
  'POST /admin/news/:id{[0-9]+}/retire': { path: '/admin/news/999999/retire', expect: adminWrite(404) },
  'GET /admin/settings': { path: '/admin/settings', expect: adminOnly(200) },
  'POST /admin/settings': { path: '/admin/settings', expect: adminWrite(303) },
  // Operations and reading settings
  'GET /healthz': { path: '/healthz', expect: all(200) },
  'GET /readyz': { path: '/readyz', expect: all(200) },
  'GET /reader.css': { path: '/reader.css', expect: all(200) },
  'GET /settings/reading': { path: '/settings/reading', expect: all(200) },
  'POST /settings/reading': { path: '/settings/reading', expect: all(422) },
  // History, Marked for Later and stats: the owner's alone
  'GET /users/:login/stats': { path: (f) => `/users/${f.creator}/stats`, expect: { creator: 200, others: 404 } },
  'GET /works/:id{[0-9]+}/stats': { path: work('/stats'), expect: everyState({ creator: 200, others: 404 }) },
  'GET /users/:login/readings': { path: (f) => `/users/${f.creator}/readings`, expect: { creator: 200, others: 404 } },
  'POST /users/:login/readings/pause': { path: (f) => `/users/${f.creator}/readings/pause`, expect: { creator: 400, suspended: 403, others: 404 } },
  'GET /users/:login/readings/clear': { path: (f) => `/users/${f.creator}/readings/clear`, expect: { creator: 200, others: 404 } },
  'POST /users/:login/readings/clear': { path: (f) => `/users/${f.creator}/readings/clear`, expect: { creator: 303, suspended: 403, others: 404 } },
  'POST /users/:login/readings/:workId{[0-9]+}/delete': { path: (f) => `/users/${f.creator}/readings/${f.work.posted}/delete`, expect: { creator: 303, suspended: 403, others: 404 } },
  'POST /works/:id{[0-9]+}/mark_for_later': { path: work('/mark_for_later'), expect: RESPOND(303) },
  // Taking a mark off changes nothing anyone else sees, so it answers alike for every work.
  'POST /works/:id{[0-9]+}/mark_as_read': { path: work('/mark_as_read'), expect: everyState(write(303)) },
  // Series
  'GET /series/new': { path: '/series/new', expect: signedIn(200) },
  'POST /series': { path: '/series', expect: write(422) },
  'GET /series/:id{[0-9]+}': { path: (f) => `/series/${f.series}`, expect: all(200) },
  'GET /series/:id{[0-9]+}/edit': { path: (f) => `/series/${f.series}/edit`, expect: { guest: 302, creator: 200, others: 403 } },
  'POST /series/:id{[0-9]+}': { path: (f) => `/series/${f.series}`, expect: { guest: 302, creator: 422, others: 403 } },
  'POST /series/:id{[0-9]+}/delete': { path: '/series/999999/delete', expect: write(404) },
  'POST /series/:id{[0-9]+}/parts': { path: (f) => `/series/${f.series}/parts`, expect: { guest: 302, creator: 422, others: 403 } },
  'POST /series/:id{[0-9]+}/parts/:workId{[0-9]+}/delete': { path: (f) => `/series/${f.series}/parts/999999/delete`, expect: { guest: 302, creator: 404, others: 403 } },
  'POST /series/:id{[0-9]+}/parts/:workId{[0-9]+}/move': { path: (f) => `/series/${f.series}/parts/${f.work.posted}/move`, expect: { guest: 302, suspended: 403, others: 400 } },
  'GET /users/:login/series': { path: (f) => `/users/${f.creator}/series`, expect: all(200) },
  'GET /series/:id{[0-9]+}/feed.atom': { path: (f) => `/series/${f.series}/feed.atom`, expect: all(200) },
  // Bookmarks and subscriptions
  'GET /works/:id{[0-9]+}/bookmarks': { path: work('/bookmarks'), expect: READ },
  'GET /works/:id{[0-9]+}/bookmarks/new': { path: work('/bookmarks/new'), expect: SIGNED_IN_READ(200) },
  'POST /works/:id{[0-9]+}/bookmarks': { path: work('/bookmarks'), expect: RESPOND(303) },
  'GET /series/:id{[0-9]+}/bookmarks': { path: (f) => `/series/${f.series}/bookmarks`, expect: all(200) },
  'GET /series/:id{[0-9]+}/bookmarks/new': { path: (f) => `/series/${f.series}/bookmarks/new`, expect: signedIn(200) },
  'POST /series/:id{[0-9]+}/bookmarks': { path: (f) => `/series/${f.series}/bookmarks`, expect: write(303) },
  'POST /bookmarks/:id{[0-9]+}/delete': { path: '/bookmarks/999999/delete', expect: write(404) },
  'GET /users/:login/bookmarks': { path: (f) => `/users/${f.creator}/bookmarks`, expect: all(200) },
  'POST /subscriptions': { path: '/subscriptions', expect: write(400) },
  'POST /subscriptions/:id{[0-9]+}/delete': { path: '/subscriptions/999999/delete', expect: write(404) },
  'GET /users/:login/subscriptions': { path: (f) => `/users/${f.creator}/subscriptions`, expect: { guest: 302, creator: 200, others: 404 } },
  'GET /inbox/updates': { path: '/inbox/updates', expect: signedIn(200) },
  'POST /inbox/updates/read': { path: '/inbox/updates/read', expect: write(400) },
  // Kudos, comments, inbox, blocking
  'GET /works/:id{[0-9]+}/kudos': { path: work('/kudos'), expect: READ },
  'POST /works/:id{[0-9]+}/kudos': { path: work('/kudos'), expect: KUDOS },
  'POST /works/:id{[0-9]+}/comments': { path: work('/comments'), expect: COMMENT },
  'GET /comments/:id{[0-9]+}/reply': { path: (f) => `/comments/${f.comment}/reply`, expect: all(200) },
  'POST /comments/:id{[0-9]+}/replies': { path: (f) => `/comments/${f.comment}/replies`, expect: { suspended: 403, others: 400 } },
  'GET /comments/:id{[0-9]+}/edit': { path: (f) => `/comments/${f.comment}/edit`, expect: { guest: 302, reader: 200, cocreator: 403, wrangler: 403, blocked: 403, others: 403 } },
  'POST /comments/:id{[0-9]+}/edit': { path: (f) => `/comments/${f.comment}/edit`, expect: { guest: 302, reader: 400, cocreator: 403, wrangler: 403, blocked: 403, others: 403 } },
  'POST /comments/:id{[0-9]+}/delete': { path: '/comments/999999/delete', expect: write(404) },
  'POST /comments/:id{[0-9]+}/freeze': { path: (f) => `/comments/${f.comment}/freeze`, expect: { guest: 302, creator: 303, cocreator: 303, others: 403 } },
  'POST /comments/:id{[0-9]+}/unfreeze': { path: (f) => `/comments/${f.comment}/unfreeze`, expect: { guest: 302, creator: 303, cocreator: 303, others: 403 } },
  'POST /comments/:id{[0-9]+}/approve': { path: (f) => `/comments/${f.comment}/approve`, expect: { guest: 302, creator: 303, cocreator: 303, others: 403 } },
  'GET /works/:id{[0-9]+}/comment-settings': { path: work('/comment-settings'), expect: CREATOR_PAGE(404) },
  'POST /works/:id{[0-9]+}/comment-settings': { path: work('/comment-settings'), expect: CREATOR_WRITE(400) },
  'GET /inbox': { path: '/inbox', expect: signedIn(200) },
  'POST /inbox/read': { path: '/inbox/read', expect: write(400) },
  'GET /settings/blocked': { path: '/settings/blocked', expect: signedIn(200) },
  'GET /users/:login/block': { path: (f) => `/users/${f.target}/block`, expect: signedIn(200) },
  'POST /users/:login/block': { path: (f) => `/users/${f.target}/block`, expect: write(303) },
  'POST /users/:login/unblock': { path: (f) => `/users/${f.target}/unblock`, expect: write(303) },
  'GET /users/:login/mute': { path: (f) => `/users/${f.target}/mute`, expect: signedIn(200) },
  'POST /users/:login/mute': { path: (f) => `/users/${f.target}/mute`, expect: write(303) },
  'POST /users/:login/unmute': { path: (f) => `/users/${f.target}/unmute`, expect: write(303) },
  // Downloads, feeds, OPDS
  'GET /downloads/:id{[0-9]{1,15}}/:file': { path: (f, s) => `/downloads/${f.work[s]}/x.epub`, expect: DOWNLOAD },
  'GET /tags/:tag/feed.atom': { path: (f) => `/tags/${f.tag}/feed.atom`, expect: all(200) },
  'GET /users/:login/works/feed.atom': { path: (f) => `/users/${f.creator}/works/feed.atom`, expect: all(200) },
  'GET /opds': { path: '/opds', expect: all(200) },
  'GET /opds/fandoms': { path: '/opds/fandoms', expect: all(200) },
  'GET /opds/works': { path: '/opds/works', expect: all(200) },
  'GET /opds/search': { path: '/opds/search?q=matrix', expect: all(200) },
  'GET /opds/opensearch.xml': { path: '/opds/opensearch.xml', expect: all(200) },
  // Over plain HTTP the catalog never asks for a password; signed-in browsers are sent on.
  'GET /opds/signin': { path: '/opds/signin', expect: { guest: 403, others: 303 } },
  // API and tokens; a cookie alone never writes through the API
  'GET /api/v1/works': { path: '/api/v1/works', expect: all(200) },
  'GET /api/v1/works/:id': { path: (f, s) => `/api/v1/works/${f.work[s]}`, expect: API_READ },
  'GET /api/v1/works/:id/chapters': { path: (f, s) => `/api/v1/works/${f.work[s]}/chapters`, expect: API_READ },
  'GET /api/v1/works/:id/chapters/:chapterId': { path: (f, s) => `/api/v1/works/${f.work[s]}/chapters/${f.chapter[s]}`, expect: API_READ },
  'GET /api/v1/tags/:name': { path: (f) => `/api/v1/tags/${f.tag}`, expect: all(200) },
  'GET /api/v1/tags/:name/works': { path: (f) => `/api/v1/tags/${f.tag}/works`, expect: all(200) },
  'GET /api/v1/users/:login': { path: (f) => `/api/v1/users/${f.creator}`, expect: all(200) },
  'GET /api/v1/users/:login/works': { path: (f) => `/api/v1/users/${f.creator}/works`, expect: all(200) },
  'GET /api/v1/search': { path: '/api/v1/search?q=matrix', expect: all(200) },
  'POST /api/v1/works': { path: '/api/v1/works', expect: API_WRITE },
  'PATCH /api/v1/works/:id': { path: (f, s) => `/api/v1/works/${f.work[s]}`, expect: everyState(API_WRITE) },
  'POST /api/v1/works/:id/post': { path: (f, s) => `/api/v1/works/${f.work[s]}/post`, expect: everyState(API_WRITE) },
  'DELETE /api/v1/works/:id': { path: (f, s) => `/api/v1/works/${f.work[s]}`, expect: everyState(API_WRITE) },
  'POST /api/v1/works/:id/chapters': { path: (f, s) => `/api/v1/works/${f.work[s]}/chapters`, expect: everyState(API_WRITE) },
  'PATCH /api/v1/works/:id/chapters/:chapterId': { path: (f, s) => `/api/v1/works/${f.work[s]}/chapters/${f.chapter[s]}`, expect: everyState(API_WRITE) },
  'DELETE /api/v1/works/:id/chapters/:chapterId': { path: (f, s) => `/api/v1/works/${f.work[s]}/chapters/${f.chapter[s]}`, expect: everyState(API_WRITE) },
  'GET /api/v1/openapi.json': { path: '/api/v1/openapi.json', expect: all(200) },
  'GET /api/v1/docs': { path: '/api/v1/docs', expect: all(200) },
  'GET /settings/tokens': { path: '/settings/tokens', expect: signedIn(200) },
  'POST /settings/tokens': { path: '/settings/tokens', expect: { guest: 302, others: 422 } },
  'POST /settings/tokens/:id/revoke': { path: '/settings/tokens/999999/revoke', expect: { guest: 302, others: 404 } },
  'GET /works/import': { path: '/works/import', expect: signedIn(200) },
  'POST /works/import': { path: '/works/import', expect: write(422) },
};

export const expected = (e: ByRole, role: Role, perState: boolean): number => {
  if (typeof e === 'number') return e;
  const like = LIKE(role, perState);
  return e[role] ?? (like && e[like]) ?? e.others!;
};
export const skipped = (row: Row, role: Role, perState: boolean) => {
  const like = LIKE(role, perState);
  return !!row.skip && (row.skip.roles.includes(role) || (like !== undefined && row.skip.roles.includes(like)));
};
