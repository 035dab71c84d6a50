/** The reader's own toggle on a work page; drawn per viewer, never into the shared cached page. */
export function MarkForLater({ workId, marked, csrf, returnTo }: { workId: number; marked: boolean; csrf: string; returnTo: string }) {
  return (
    <div class="reader-tools">
      <form method="post" action={`/works/${workId}/${marked ? 'mark_as_read' : 'mark_for_later'}`} class="inline">
        <input type="hidden" name="_csrf" value={csrf} />
        <input type="hidden" name="return_to" value={returnTo} />
        <button type="submit">{marked ? 'Mark as Read' : 'Mark for Later'}</button>
      </form>
    </div>
  );
}
