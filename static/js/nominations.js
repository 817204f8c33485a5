// The nomination form, made easier with JavaScript (everything also works without it):
// counters under the limited fields, and the guardian's consent shown only for a minor.
(function () {
  "use strict";
  // Characters against the field's limit; the mobile number counts its digits against 11.
  document.querySelectorAll(".nomination-form textarea[maxlength], .nomination-form input[maxlength]").forEach(function (field) {
    var digits = parseInt(field.getAttribute("data-digits"), 10);
    var limit = digits || parseInt(field.getAttribute("maxlength"), 10);
    if (!limit) { return; }
    var counter = document.createElement("p");
    counter.className = "help char-count";
    counter.id = field.id + "-count";
    counter.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", counter);
    var update = function () {
      var count = digits ? field.value.replace(/^\s*(\+86|0086)/, "").replace(/\D/g, "").length : field.value.length;
      counter.textContent = count + " / " + limit;
    };
    field.addEventListener("input", update);
    update();
  });

  // Adult from the month after the 18th birthday month (content/nominations/models.py is_adult).
  var box = document.querySelector("[data-guardian-consent]");
  var year = document.getElementById("id_birth_year");
  var month = document.getElementById("id_birth_month");
  if (!box || !year || !month) { return; }
  var checkbox = box.querySelector("input[type=checkbox]");
  var toggle = function () {
    var y = parseInt(year.value, 10);
    var m = parseInt(month.value, 10) || 12;
    var today = new Date();
    var thisYear = today.getFullYear();
    var minor = y >= 1900 && y <= thisYear && !((thisYear > y + 18) || (thisYear === y + 18 && today.getMonth() + 1 > m));
    box.hidden = !minor && !(checkbox && checkbox.checked);
  };
  year.addEventListener("input", toggle);
  month.addEventListener("change", toggle);
  toggle();
})();
