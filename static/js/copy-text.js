// A button with data-copy="<id of an input>" copies that input's value and says so.
// Without JavaScript the read-only input can still be selected and copied by hand.
(function () {
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy]");
    if (!button) return;
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(button.getAttribute("aria-describedby"));
    if (!field) return;
    var done = function (message) {
      if (status) status.textContent = message;
    };
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(
        function () { done("Copied."); },
        function () { done("Press Ctrl+C (or ⌘C) to copy."); }
      );
    } else {
      done(document.execCommand && document.execCommand("copy") ? "Copied." : "Press Ctrl+C (or ⌘C) to copy.");
    }
  });
})();
