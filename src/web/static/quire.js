// Small touches on top of pages that already work without JavaScript.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.classList.contains('danger') && !form.dataset.confirmed) {
    if (!window.confirm('This cannot be undone. Go ahead?')) event.preventDefault();
  }
});
