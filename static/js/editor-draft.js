// The document editor keeps what is typed: a draft in this browser's localStorage (offered
// back when the editor is opened again, cleared on save) and a warning before leaving the
// page with changes not saved. The textarea names its draft: data-draft-key, and the
// version it edits: data-draft-version; data-unsaved marks text the server did not save
// (a refused save shown again).
(function () {
  "use strict";
  const field = document.querySelector("textarea[data-draft-key]");
  if (!field) return;
  const key = field.dataset.draftKey;
  const version = Number(field.dataset.draftVersion);
  const notice = document.getElementById("draft-notice");
  let submitting = false;
  let forgetting = false; // a log-out form was sent: its drafts are gone, keep none again
  let timer = null;

  function readDraft() {
    try {
      const draft = JSON.parse(window.localStorage.getItem(key) || "null");
      return draft && typeof draft.content === "string" ? draft : null;
    } catch (error) {
      return null; // storage off (private mode) or a damaged entry: no draft
    }
  }

  function forget() {
    try {
      window.localStorage.removeItem(key);
    } catch (error) {
      // nothing was stored
    }
  }

  function unsaved() {
    return field.value !== field.defaultValue || field.hasAttribute("data-unsaved");
  }

  function keep() {
    if (forgetting) return;
    if (!unsaved()) {
      forget();
      return;
    }
    try {
      window.localStorage.setItem(
        key,
        JSON.stringify({ content: field.value, version: version, savedAt: new Date().toISOString() }),
      );
    } catch (error) {
      // storage full or off: the warning before leaving still protects the text
    }
  }

  function offer(draft) {
    if (!notice) return;
    const when = new Date(draft.savedAt);
    const text = notice.querySelector("[data-draft-text]");
    let message = "You have changes from " + (isNaN(when) ? "earlier" : when.toLocaleString()) +
      " that were not saved.";
    if (draft.version && draft.version !== version) {
      message += " They were made on version " + draft.version + "; the document is now at version " +
        version + ".";
    }
    text.textContent = message;
    notice.hidden = false;
    notice.querySelector("[data-draft-restore]").addEventListener("click", function () {
      field.value = draft.content;
      notice.hidden = true;
      field.focus();
      // Updates the preview (htmx listens for input) and keeps the draft.
      field.dispatchEvent(new Event("input", { bubbles: true }));
    });
    notice.querySelector("[data-draft-discard]").addEventListener("click", function () {
      forget();
      notice.hidden = true;
      field.focus();
    });
  }

  const draft = readDraft();
  if (draft && draft.content !== field.value) {
    offer(draft);
  } else if (draft && !field.hasAttribute("data-unsaved")) {
    forget(); // the draft is what is saved now
  }
  if (field.hasAttribute("data-unsaved")) keep();

  document.querySelectorAll("form[data-forget-drafts]").forEach(function (form) {
    form.addEventListener("submit", function () {
      forgetting = true;
      window.clearTimeout(timer);
    });
  });

  field.addEventListener("input", function () {
    forgetting = false;
    window.clearTimeout(timer);
    timer = window.setTimeout(keep, 400);
  });

  field.form.addEventListener("submit", function () {
    submitting = true;
    window.clearTimeout(timer);
    forget(); // the text goes to the server; a refused save comes back in the editor
  });

  window.addEventListener("beforeunload", function (event) {
    if (submitting || !unsaved()) return;
    keep();
    event.preventDefault();
    event.returnValue = ""; // older browsers need it set to show the prompt
  });
})();
