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

  for (const form of document.querySelectorAll('form[data-composer]')) enhancePreview(form);

  const replyForm = document.getElementById('reply');
  if (!replyForm) return;
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[data-quote]') : null;
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    quote(link, replyForm).catch(() => location.assign(link.href));
  });
})();
