// Small touches on top of pages that already work without JavaScript.

// The footer's report link names the page it was clicked on.
for (const link of document.querySelectorAll('a.report-link')) {
  link.href = `/reports/new?url=${encodeURIComponent(location.pathname + location.search)}`;
}
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.classList.contains('danger') && !form.dataset.confirmed) {
    if (!window.confirm('This cannot be undone. Go ahead?')) event.preventDefault();
  }
});
