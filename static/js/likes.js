/* Likes (点赞) without a reload. The form posts and redirects back without JavaScript; this
   script sends the same POST asking for JSON and updates the count and the live region. */
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var form = event.target.closest("[data-like-form]");
    if (!form) { return; }
    event.preventDefault();
    var section = form.closest(".exemplar-like") || document;
    var count = section.querySelector("[data-like-count]");
    var status = section.querySelector("[data-like-status]");
    var button = form.querySelector("button");
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    if (button) { button.disabled = true; }
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": token ? token.value : "" }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (data && typeof data.count === "number" && count) { count.textContent = String(data.count); }
        if (status) { status.textContent = (data && data.message) || ""; }
        if (!response.ok && !(data && data.message)) { form.submit(); }
      });
    }).catch(function () {
      form.submit();  // the network or script failed: fall back to the ordinary form post
    }).then(function () {
      if (button) { button.disabled = false; }
    });
  });
})();
