// django-rq's queue pages call `$(...).actions()`, the jQuery plugin that Django's admin
// dropped (since 4.1 its actions.js starts the change-list actions by itself on load), so
// the call threw and stopped the page's script. Whenever the admin puts its jQuery in
// `window.django`, add a no-op plugin of that name when there is none.
(function () {
  "use strict";
  var current = window.django;
  Object.defineProperty(window, "django", {
    configurable: true,
    get: function () {
      return current;
    },
    set: function (value) {
      current = value;
      var jquery = value && value.jQuery;
      if (jquery && jquery.fn && !jquery.fn.actions) {
        jquery.fn.actions = function () {
          return this;
        };
      }
    },
  });
})();
