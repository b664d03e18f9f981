// On a phone the main menu folds behind its "Menu" button, so the page starts with its content;
// on a wide screen it is always open. Without JavaScript it stays open (every item, wrapped).
(() => {
  const menu = document.querySelector('[data-app-menu]');
  if (!menu) return;
  const wide = window.matchMedia('(min-width: 992px)');
  const fit = () => {
    menu.open = wide.matches;
  };
  fit();
  wide.addEventListener('change', fit);
  // On a wide screen the summary is hidden; a stray toggle must not fold the menu away there.
  menu.addEventListener('toggle', () => {
    if (wide.matches && !menu.open) menu.open = true;
  });
})();
