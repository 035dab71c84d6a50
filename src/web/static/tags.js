// Tag suggestions on the posting form's comma-separated tag fields (ARIA 1.2 combobox with a
// listbox popup). Without this script the fields are plain text inputs and work the same.
(() => {
  const FIELDS = { fandoms: 'fandom', relationships: 'relationship', characters: 'character', freeforms: 'freeform' };
  const MIN_CHARS = 2;
  const DELAY_MS = 150;
  const cache = new Map();

  /** The text after the last comma: what the writer is typing now. */
  const lastPart = (value) => value.slice(value.lastIndexOf(',') + 1).trim();

  /** Replace the part being typed with the chosen name, ready for the next one. */
  function withChoice(value, name) {
    const cut = value.lastIndexOf(',');
    return cut < 0 ? `${name}, ` : `${value.slice(0, cut + 1)} ${name}, `;
  }

  async function suggestions(type, q, signal) {
    const key = `${type}\n${q.toLowerCase()}`;
    if (cache.has(key)) return cache.get(key);
    const res = await fetch(`/tags/autocomplete?type=${encodeURIComponent(type)}&q=${encodeURIComponent(q)}`, {
      headers: { accept: 'application/json' }, credentials: 'same-origin', signal,
    });
    const names = res.ok ? await res.json() : [];
    cache.set(key, names);
    return names;
  }

  // Styles go through the CSSOM: the CSP forbids style attributes in markup, not this.
  function styleList(list) {
    Object.assign(list.style, {
      listStyle: 'none', margin: '0', padding: '0', border: '1px solid var(--line, #ccc)',
      background: 'var(--bg, #fff)', maxHeight: '16rem', overflowY: 'auto',
    });
  }

  function enhance(input, type) {
    const listId = `${input.id}-suggestions`;
    const list = document.createElement('ul');
    list.id = listId;
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', 'Tag suggestions');
    list.className = 'tag-suggestions';
    list.hidden = true;
    styleList(list);
    const status = document.createElement('p');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    input.insertAdjacentElement('afterend', list);
    list.insertAdjacentElement('afterend', status);

    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', listId);
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('autocomplete', 'off');

    let names = [];
    let active = -1;
    let timer = 0;
    let pending = null;

    function close() {
      list.hidden = true;
      list.replaceChildren();
      names = [];
      active = -1;
      status.textContent = '';
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }

    function show(found) {
      names = found;
      active = -1;
      list.replaceChildren(...found.map((name, i) => {
        const li = document.createElement('li');
        li.id = `${listId}-${i}`;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.textContent = name;
        li.style.padding = '.25rem .5rem';
        li.style.cursor = 'pointer';
        return li;
      }));
      list.hidden = found.length === 0;
      input.setAttribute('aria-expanded', String(found.length > 0));
      input.removeAttribute('aria-activedescendant');
      status.textContent = found.length === 0 ? '' : `${found.length} suggestion${found.length === 1 ? '' : 's'}; use the arrow keys to choose.`;
    }

    function highlight(i) {
      const options = list.children;
      if (options.length === 0) return;
      active = (i + options.length) % options.length;
      for (const [j, li] of [...options].entries()) {
        const on = j === active;
        li.setAttribute('aria-selected', String(on));
        li.style.background = on ? 'var(--accent, #900)' : '';
        li.style.color = on ? 'var(--accent-fg, #fff)' : '';
        if (on) li.scrollIntoView({ block: 'nearest' });
      }
      input.setAttribute('aria-activedescendant', options[active].id);
    }

    function choose(i) {
      const name = names[i];
      if (name === undefined) return;
      input.value = withChoice(input.value, name);
      close();
      input.focus();
      input.setSelectionRange(input.value.length, input.value.length);
    }

    function lookUp() {
      const q = lastPart(input.value);
      if (pending) pending.abort();
      if (q.length < MIN_CHARS) return close();
      pending = new AbortController();
      suggestions(type, q, pending.signal)
        .then((found) => { if (lastPart(input.value) === q && document.activeElement === input) show(found); })
        .catch(() => {});
    }

    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(lookUp, DELAY_MS);
    });

    input.addEventListener('keydown', (event) => {
      const open = !list.hidden;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        if (!open) return lookUp();
        event.preventDefault();
        highlight(event.key === 'ArrowDown' ? active + 1 : active < 0 ? -1 : active - 1);
      } else if (event.key === 'Enter' && open && active >= 0) {
        event.preventDefault(); // choosing a tag must not send the form
        choose(active);
      } else if (event.key === 'Escape' && open) {
        event.preventDefault();
        close();
      }
    });

    // mousedown, not click: the input keeps focus, so blur does not close the list first.
    list.addEventListener('mousedown', (event) => {
      const li = event.target instanceof Element ? event.target.closest('[role="option"]') : null;
      if (!li) return;
      event.preventDefault();
      choose([...list.children].indexOf(li));
    });
    input.addEventListener('blur', () => setTimeout(close, 100));
  }

  function start() {
    for (const [id, type] of Object.entries(FIELDS)) {
      const input = document.getElementById(id);
      if (input instanceof HTMLInputElement) enhance(input, type);
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
