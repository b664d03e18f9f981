// On a phone the main menu and a thread's tools fold behind a button, so a page starts with its
// content; on a wide screen they are always open. Without JavaScript they stay open.
(() => {
  // A message that sticks to the top of the screen can be closed once read.
  for (const close of document.querySelectorAll('[data-flash-close]')) {
    close.hidden = false;
    close.addEventListener('click', () => close.closest('[data-flash]')?.remove());
  }

  const folds = [...document.querySelectorAll('[data-app-menu], [data-fold-on-phone]')];
  if (folds.length === 0) return;
  const wide = window.matchMedia('(min-width: 992px)');
  const fit = () => {
    for (const fold of folds) fold.open = wide.matches;
  };
  fit();
  wide.addEventListener('change', fit);
  // On a wide screen the buttons are hidden; a stray toggle must not fold anything away there.
  for (const fold of folds) {
    fold.addEventListener('toggle', () => {
      if (wide.matches && !fold.open) fold.open = true;
    });
  }
})();
