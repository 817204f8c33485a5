/* Forms on cached pages carry an empty CSRF field (portal/page_cache/csrf.py): a token in a shared
   page would be another visitor's. This fills the field from the visitor's own csrftoken cookie,
   asking /csrf/ once for a token when there is none. It runs before any other submit handler
   (capture phase), so likes.js and the others always send a filled field. */
(function () {
  "use strict";
  var pending = null;

  function cookieToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function token() {
    var fromCookie = cookieToken();
    if (fromCookie) { return Promise.resolve(fromCookie); }
    if (!pending) {
      pending = fetch("/csrf/", { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (data) { return cookieToken() || data.token; })
        .catch(function () { pending = null; return ""; });
    }
    return pending;
  }

  function emptyField(form) {
    var field = form && form.querySelector && form.querySelector("input[data-csrf-field]");
    return field && !field.value ? field : null;
  }

  function fill(form) {
    return token().then(function (value) {
      form.querySelectorAll("input[data-csrf-field]").forEach(function (field) { field.value = value; });
      return value;
    });
  }

  // As soon as the visitor starts on a form, so that the submit itself is not delayed.
  document.addEventListener("focusin", function (event) {
    var form = event.target.form;
    if (emptyField(form)) { fill(form); }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!emptyField(form)) { return; }
    event.preventDefault();
    event.stopImmediatePropagation();
    var submitter = event.submitter;
    fill(form).then(function (value) {
      if (!value) { form.submit(); return; }  // no token to be had: the server's page explains
      if (form.requestSubmit) { form.requestSubmit(submitter || undefined); } else { form.submit(); }
    });
  }, true);
})();
