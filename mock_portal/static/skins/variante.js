// The account menu: a button that shows and hides the list under it.
document.querySelectorAll("[aria-controls][aria-expanded]").forEach(button => {
  const menu = document.getElementById(button.getAttribute("aria-controls"));
  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    menu.hidden = !open;
  });
});
