// Multi-select on the list and the board: says how many applications are ticked and
// keeps the bar's buttons off until one is. Without JavaScript the bar still works: the
// server asks to tick one first, and every action goes through a confirmation page.
(function () {
  "use strict";
  const IDLE = "Tick applications to act on several at once.";

  function update() {
    // Looked up each time: the board swaps itself in (htmx) after a move.
    const form = document.querySelector("[data-bulk]");
    if (!form) return;
    const ticked = document.querySelectorAll("[data-bulk-check]:checked").length;
    const count = form.querySelector("[data-bulk-count]");
    count.textContent = ticked ? ticked + (ticked === 1 ? " application selected" : " applications selected") : IDLE;
    form.querySelectorAll("button[name=action]").forEach(function (button) {
      button.disabled = ticked === 0;
    });
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("[data-bulk-check]")) update();
  });
  document.addEventListener("htmx:afterSettle", update);
  update();
})();
