// Composer enhancements: the Markdown preview in place, and quoting without a reload. Both
// fall back to what the page does without JavaScript (submitting the form, following the link).
(() => {
  function enhancePreview(form) {
    const textarea = form.querySelector('[data-composer-body]');
    const button = form.querySelector('[data-preview-button]');
    const wrapper = form.querySelector('[data-preview-wrapper]');
    const preview = form.querySelector('[data-preview]');
    if (!textarea || !button || !wrapper || !preview) return;
    button.addEventListener('click', async (event) => {
      event.preventDefault();
      button.setAttribute('aria-busy', 'true');
      try {
        const response = await fetch('/anteprima', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ body: textarea.value }),
        });
        if (!response.ok) throw new Error(`preview answered ${response.status}`);
        // The server renders the Markdown and sanitizes it, exactly as for a saved post.
        preview.innerHTML = await response.text();
        wrapper.hidden = false;
      } catch {
        form.requestSubmit(button);
      } finally {
        button.removeAttribute('aria-busy');
      }
    });
  }

  async function quote(link, form) {
    const textarea = form.querySelector('[data-composer-body]');
    const replyTo = form.querySelector('[data-reply-to]');
    const response = await fetch(`/messaggi/${link.dataset.quote}/citazione`, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`quote answered ${response.status}`);
    const text = await response.text();
    const before = textarea.value.trimEnd();
    textarea.value = `${before}${before ? '\n\n' : ''}${text}\n\n`;
    if (replyTo) replyTo.value = link.dataset.quote;
    textarea.focus();
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
    textarea.scrollIntoView({ block: 'center' });
  }

  // @-mention suggestions: as "@ma" is typed, the people of the table who may be mentioned. The
  // list is a listbox the arrows move through; Enter or Tab picks, Escape closes. Without
  // JavaScript a mention is simply typed out.
  function enhanceMentions(form) {
    const textarea = form.querySelector('[data-composer-body]');
    if (!textarea) return;
    const tableOf = () => textarea.dataset.mentionTable || form.querySelector('[name="tableId"]')?.value || '';
    const list = document.createElement('ul');
    list.id = `${textarea.id}-mentions`;
    list.className = 'mention-list list-unstyled';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', textarea.dataset.mentionLabel || 'Mentions');
    list.hidden = true;
    textarea.insertAdjacentElement('afterend', list);
    textarea.setAttribute('aria-autocomplete', 'list');
    textarea.setAttribute('aria-controls', list.id);
    let items = [];
    let active = -1;
    let timer;
    let asked = 0;

    const typed = () => {
      const before = textarea.value.slice(0, textarea.selectionStart);
      const match = before.match(/(?:^|\s)@([\p{L}\p{N}._-]{2,30})$/u);
      return match ? { prefix: match[1], start: before.length - match[1].length - 1 } : null;
    };
    const close = () => {
      list.hidden = true;
      list.replaceChildren();
      items = [];
      active = -1;
      textarea.removeAttribute('aria-activedescendant');
    };
    const highlight = (index) => {
      active = index;
      for (const [i, li] of [...list.children].entries()) li.setAttribute('aria-selected', String(i === index));
      if (index >= 0) textarea.setAttribute('aria-activedescendant', `${list.id}-${index}`);
    };
    const pick = (index) => {
      const at = typed();
      const person = items[index];
      if (!at || !person) return close();
      const after = textarea.value.slice(textarea.selectionStart);
      textarea.value = `${textarea.value.slice(0, at.start)}@${person.handle} ${after}`;
      const caret = at.start + person.handle.length + 2;
      textarea.setSelectionRange(caret, caret);
      close();
      textarea.focus();
    };
    const show = (people) => {
      items = people;
      list.replaceChildren(
        ...people.map((person, i) => {
          const li = document.createElement('li');
          li.id = `${list.id}-${i}`;
          li.setAttribute('role', 'option');
          li.className = 'mention-option';
          li.textContent = `${person.displayName} @${person.handle}`;
          li.addEventListener('mousedown', (event) => {
            event.preventDefault();
            pick(i);
          });
          return li;
        }),
      );
      list.hidden = people.length === 0;
      highlight(people.length ? 0 : -1);
    };

    textarea.addEventListener('input', () => {
      clearTimeout(timer);
      const at = typed();
      const table = tableOf();
      if (!at || !table) return close();
      timer = setTimeout(async () => {
        const mine = ++asked;
        try {
          const response = await fetch(
            `/api/tables/${encodeURIComponent(table)}/mentionable?q=${encodeURIComponent(at.prefix)}`,
            {
              credentials: 'same-origin',
            },
          );
          if (!response.ok || mine !== asked) return;
          show((await response.json()).items);
        } catch {
          close();
        }
      }, 150);
    });
    textarea.addEventListener('keydown', (event) => {
      if (list.hidden || items.length === 0) return;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        highlight((active + step + items.length) % items.length);
      } else if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        pick(active);
      } else if (event.key === 'Escape') {
        close();
      }
    });
    textarea.addEventListener('blur', () => setTimeout(close, 100));
  }

  // The toolbar writes the same Markdown one would type: around the selection, or at the line's start.
  const WRAP = { bold: ['**', '**'], italic: ['_', '_'], link: ['[', '](https://)'] };
  const LINE = { quote: '> ', list: '- ' };
  function enhanceToolbar(form) {
    const textarea = form.querySelector('[data-composer-body]');
    const toolbar = form.querySelector('[data-composer-toolbar]');
    if (!textarea || !toolbar) return;
    toolbar.hidden = false;
    toolbar.addEventListener('click', (event) => {
      const button = event.target instanceof Element ? event.target.closest('[data-md]') : null;
      if (!button) return;
      const { selectionStart: start, selectionEnd: end, value } = textarea;
      const tool = button.dataset.md;
      let text;
      let caretFrom;
      let caretTo;
      if (WRAP[tool]) {
        const [open, close] = WRAP[tool];
        const selected = value.slice(start, end);
        text = `${value.slice(0, start)}${open}${selected}${close}${value.slice(end)}`;
        caretFrom = start + open.length;
        caretTo = caretFrom + selected.length;
      } else {
        const lineStart = value.lastIndexOf('\n', start - 1) + 1;
        const lines = value
          .slice(lineStart, end)
          .split('\n')
          .map((line) => `${LINE[tool]}${line}`);
        const replaced = lines.join('\n');
        text = `${value.slice(0, lineStart)}${replaced}${value.slice(end)}`;
        caretFrom = lineStart + replaced.length;
        caretTo = caretFrom;
      }
      textarea.value = text;
      textarea.focus();
      textarea.setSelectionRange(caretFrom, caretTo);
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    });
  }

  // Drafts: what is typed is kept on the server a few seconds after typing stops and when the
  // page is left, so a closed tab or another device finds it again. Without JavaScript the
  // "Salva bozza" button does the same. Posting removes the draft on the server.
  function enhanceDrafts(form) {
    const textarea = form.querySelector('[data-composer-body]');
    const status = form.querySelector('[data-draft-status]');
    const title = form.querySelector('[name="title"]');
    const table = form.querySelector('[name="tableId"]');
    if (!textarea) return;
    const url = () => {
      if (form.dataset.draftUrl) return form.dataset.draftUrl;
      const tableId = table?.value;
      return form.dataset.draftTableUrl && tableId ? form.dataset.draftTableUrl.replace('{table}', tableId) : null;
    };
    const payload = () => JSON.stringify({ body: textarea.value, ...(title ? { title: title.value } : {}) });
    let saved = payload();
    let timer;
    let leaving = false;
    const save = (keepalive) => {
      const target = url();
      const body = payload();
      if (leaving || !target || body === saved) return;
      saved = body;
      fetch(target, {
        method: 'PUT',
        credentials: 'same-origin',
        keepalive,
        headers: { 'content-type': 'application/json' },
        body,
      })
        .then((response) => {
          if (!response.ok) throw new Error(`draft answered ${response.status}`);
          if (status) {
            const time = new Date().toLocaleTimeString(document.documentElement.lang || undefined, {
              hour: '2-digit',
              minute: '2-digit',
            });
            status.textContent = `${status.dataset.savedText} ${time}`;
          }
        })
        .catch(() => {
          saved = null;
        });
    };
    form.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => save(false), 2500);
    });
    form.addEventListener('submit', (event) => {
      const intent = event.submitter?.value;
      if (intent === 'preview' || intent === 'draft') return;
      // Posting: the server removes the draft with the post; nothing may write it back.
      clearTimeout(timer);
      leaving = true;
    });
    window.addEventListener('pagehide', () => {
      clearTimeout(timer);
      save(true);
    });
  }

  // Pictures and files: choosing one in the file field, dropping or pasting it onto the textarea
  // uploads it at once and puts its Markdown at the caret, with the progress said in a live
  // region. Without JavaScript the "Allega" button sends the form and the page comes back.
  function enhanceUploads(form) {
    const box = form.querySelector('[data-upload]');
    const textarea = form.querySelector('[data-composer-body]');
    const input = box?.querySelector('[data-upload-input]');
    const button = box?.querySelector('[data-upload-button]');
    const status = box?.querySelector('[data-upload-status]');
    if (!box || !textarea || !input || !status) return;
    const table = form.querySelector('[name="tableId"]');
    const tableId = () => box.dataset.uploadTable || table?.value || '';
    const say = (text, name) => {
      status.textContent = (text || '').replace('{name}', name);
    };
    const insert = (markdown) => {
      const start = textarea.selectionStart ?? textarea.value.length;
      const end = textarea.selectionEnd ?? start;
      const before = textarea.value.slice(0, start);
      const lead = before === '' || before.endsWith('\n') ? '' : '\n';
      textarea.setRangeText(`${lead}${markdown}\n`, start, end, 'end');
      // The draft saver and anything else listening see the new text.
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    };
    const upload = async (file) => {
      say(box.dataset.uploadingText, file.name);
      const data = new FormData();
      data.append('tableId', tableId());
      data.append('file', file, file.name);
      try {
        const response = await fetch('/api/uploads', { method: 'POST', credentials: 'same-origin', body: data });
        const answer = await response.json().catch(() => null);
        if (!response.ok || !answer?.upload) throw new Error(answer?.error?.message || `${response.status}`);
        insert(answer.upload.markdown);
        say(box.dataset.uploadedText, answer.upload.name);
      } catch (error) {
        say(`${box.dataset.failedText} ${error.message}`, file.name);
      }
    };
    const uploadAll = async (files) => {
      box.setAttribute('aria-busy', 'true');
      for (const file of files) await upload(file);
      box.removeAttribute('aria-busy');
    };
    input.addEventListener('change', () => {
      const files = [...(input.files ?? [])];
      if (files.length === 0) return;
      uploadAll(files).finally(() => {
        input.value = '';
      });
    });
    // The file is sent as soon as it is chosen; the button only opens the chooser.
    button?.addEventListener('click', (event) => {
      event.preventDefault();
      input.click();
    });
    textarea.addEventListener('dragover', (event) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    });
    textarea.addEventListener('drop', (event) => {
      const files = [...(event.dataTransfer?.files ?? [])];
      if (files.length === 0) return;
      event.preventDefault();
      textarea.focus();
      uploadAll(files);
    });
    textarea.addEventListener('paste', (event) => {
      const files = [...(event.clipboardData?.files ?? [])];
      if (files.length === 0) return;
      event.preventDefault();
      uploadAll(files);
    });
  }

  for (const form of document.querySelectorAll('form[data-composer]')) {
    enhancePreview(form);
    enhanceMentions(form);
    enhanceToolbar(form);
    enhanceDrafts(form);
    enhanceUploads(form);
  }

  const replyForm = document.getElementById('reply');
  if (!replyForm) return;
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[data-quote]') : null;
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    quote(link, replyForm).catch(() => location.assign(link.href));
  });
})();
