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
