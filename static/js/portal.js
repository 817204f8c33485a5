/* Display preferences without a reload. The switches are ordinary forms that work without
   JavaScript (the server sets the same cookies and redirects back); this script only saves
   the round trip. */
(function () {
  "use strict";
  var YEAR = 365 * 24 * 3600;
  var root = document.documentElement;

  function setCookie(name, value) {
    var secure = location.protocol === "https:" ? "; Secure" : "";
    document.cookie = name + "=" + value + "; Max-Age=" + YEAR + "; Path=/; SameSite=Lax" + secure;
  }

  function applyElder(on) {
    root.classList.toggle("elder", on);
    document.querySelectorAll("[data-elder-toggle]").forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.value = on ? "0" : "1";
    });
  }

  function applyFont(size) {
    ["small", "medium", "large"].forEach(function (s) { root.classList.remove("font-" + s); });
    root.classList.add("font-" + size);
    document.querySelectorAll("[data-font-size]").forEach(function (button) {
      button.setAttribute("aria-pressed", button.getAttribute("data-font-size") === size ? "true" : "false");
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-elder-toggle], [data-font-size]");
    if (!button) { return; }
    event.preventDefault();
    if (button.hasAttribute("data-elder-toggle")) {
      var on = button.value === "1";
      setCookie("elder_mode", on ? "1" : "0");
      applyElder(on);
    } else {
      var size = button.getAttribute("data-font-size");
      setCookie("font_size", size);
      applyFont(size);
    }
  });
})();

/* Copy buttons beside a tracking code. Hidden in the HTML: without JavaScript the hint beside the
   code says to write it down instead. */
(function () {
  "use strict";
  function copied(button) {
    var status = button.parentNode.querySelector(".copy-button__status");
    if (status) { status.textContent = button.getAttribute("data-copied-text"); }
  }
  function fallbackCopy(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.className = "visually-hidden";
    document.body.appendChild(field);
    field.select();
    try { document.execCommand("copy"); } finally { document.body.removeChild(field); }
  }
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy-target"));
      if (!source) { return; }
      var text = source.textContent.trim();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { copied(button); }, function () {
          fallbackCopy(text); copied(button);
        });
      } else {
        fallbackCopy(text);
        copied(button);
      }
    });
  });
})();

/* The article tools on content pages: print (a button only where a script can open the dialog)
   and share (opens the page's WeChat code in the footer). */
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  document.querySelectorAll("[data-open-share]").forEach(function (link) {
    link.addEventListener("click", function () {
      var share = document.getElementById("share-page");
      if (share) { share.open = true; }
    });
  });
})();
