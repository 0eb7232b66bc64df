// The API docs pages load nothing from other sites (the CSP's img-src is 'self' and data:).
// ReDoc's sidebar credit points an <img> at its makers' CDN: such an image is hidden
// instead of requested, so the page shows no blocked request and the credit keeps its text.
(function () {
  "use strict";
  function isForeign(value) {
    try {
      const url = new URL(String(value), document.baseURI);
      return (url.protocol === "http:" || url.protocol === "https:") && url.origin !== window.location.origin;
    } catch (error) {
      return false;
    }
  }
  const proto = HTMLImageElement.prototype;
  const setAttribute = proto.setAttribute;
  proto.setAttribute = function (name, value) {
    if (String(name).toLowerCase() === "src" && isForeign(value)) {
      this.hidden = true;
      return;
    }
    return setAttribute.call(this, name, value);
  };
  const src = Object.getOwnPropertyDescriptor(proto, "src");
  Object.defineProperty(proto, "src", {
    configurable: true,
    enumerable: src.enumerable,
    get: src.get,
    set: function (value) {
      if (isForeign(value)) {
        this.hidden = true;
        return;
      }
      src.set.call(this, value);
    },
  });
})();
