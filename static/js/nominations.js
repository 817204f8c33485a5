// Counts the characters of the one-line clue and the deeds as they are typed (the server checks again).
(function () {
  "use strict";
  document.querySelectorAll(".nomination-form textarea[maxlength], .nomination-form input[maxlength]").forEach(function (field) {
    var limit = parseInt(field.getAttribute("maxlength"), 10);
    if (!limit) { return; }
    var counter = document.createElement("p");
    counter.className = "help char-count";
    counter.id = field.id + "-count";
    counter.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", counter);
    var update = function () { counter.textContent = field.value.length + " / " + limit; };
    field.addEventListener("input", update);
    update();
  });
})();
