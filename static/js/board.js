// Board drag and drop: dropping a card on a column submits the card's own stage form,
// so the move goes through the same no-JavaScript form (and htmx, when loaded).
(function () {
  "use strict";
  let dragged = null;

  document.addEventListener("dragstart", function (event) {
    const card = event.target.closest && event.target.closest("[data-card]");
    if (!card) return;
    dragged = card;
    card.classList.add("is-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.id);
  });

  document.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("is-dragging");
    dragged = null;
    document.querySelectorAll(".board-column.is-over").forEach(function (c) {
      c.classList.remove("is-over");
    });
  });

  document.addEventListener("dragover", function (event) {
    const column = dragged && event.target.closest && event.target.closest(".board-column");
    if (!column) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    column.classList.add("is-over");
  });

  document.addEventListener("dragleave", function (event) {
    const column = event.target.closest && event.target.closest(".board-column");
    if (column && !column.contains(event.relatedTarget)) column.classList.remove("is-over");
  });

  document.addEventListener("drop", function (event) {
    const column = dragged && event.target.closest && event.target.closest(".board-column");
    if (!column) return;
    event.preventDefault();
    const select = dragged.querySelector("[data-stage-select]");
    if (select && select.value !== column.dataset.stage) {
      select.value = column.dataset.stage;
      select.form.requestSubmit();
    }
  });
})();
