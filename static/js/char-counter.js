// Live character count for long text fields: a paste is never cut, the count says how
// long it is and by how much it is over the limit (the server refuses it with the same
// numbers). The counter element names its field: <p data-char-count-for="id_...">.
(function () {
  "use strict";
  const format = new Intl.NumberFormat();

  function update(field, counter) {
    const limit = Number(field.dataset.charLimit);
    // Count as the server does: surrounding whitespace is trimmed before the check.
    const length = field.value.trim().length;
    let text = format.format(length) + " of " + format.format(limit) + " characters";
    if (length > limit) text += " — " + format.format(length - limit) + " too many";
    counter.textContent = text;
    counter.classList.toggle("char-count-over", length > limit);
  }

  document.querySelectorAll("[data-char-count-for]").forEach(function (counter) {
    const field = document.getElementById(counter.dataset.charCountFor);
    if (!field || !field.dataset.charLimit) return;
    counter.hidden = false;
    const describedBy = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    describedBy.push(counter.id);
    field.setAttribute("aria-describedby", describedBy.join(" "));
    field.addEventListener("input", function () {
      update(field, counter);
    });
    update(field, counter);
  });
})();
