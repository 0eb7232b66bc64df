// Logging out forgets the editor's drafts (static/js/editor-draft.js) kept in this
// browser: on a shared computer the next person must not find them. Forms that end the
// session carry data-forget-drafts.
(function () {
  "use strict";
  const PREFIX = "jobforge:draft:";
  document.querySelectorAll("form[data-forget-drafts]").forEach(function (form) {
    form.addEventListener("submit", function () {
      try {
        const keys = [];
        for (let index = 0; index < window.localStorage.length; index += 1) {
          const key = window.localStorage.key(index);
          if (key && key.indexOf(PREFIX) === 0) keys.push(key);
        }
        keys.forEach(function (key) {
          window.localStorage.removeItem(key);
        });
      } catch (error) {
        // storage off: nothing was kept
      }
    });
  });
})();
