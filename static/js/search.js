/* Search suggestions for every search box: the ARIA 1.2 combobox pattern with a listbox popup.
   Progressive enhancement: without this script the form submits to /search/ as usual. */
(function () {
  "use strict";
  var DELAY = 200;

  function setup(form) {
    var input = form.querySelector('input[name="q"]');
    var url = form.getAttribute("data-suggest-url");
    if (!input || !url || input.getAttribute("role") === "combobox") { return; }
    var list = document.createElement("ul");
    var listId = input.id + "-suggestions";
    list.id = listId;
    list.className = "search-suggest";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.labels && input.labels[0] ? input.labels[0].textContent : "");
    list.hidden = true;
    form.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    var timer = null;
    var active = -1;
    var items = [];
    var latest = 0;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function select(index) {
      items.forEach(function (li, i) { li.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index >= 0) { input.setAttribute("aria-activedescendant", items[index].id); }
      else { input.removeAttribute("aria-activedescendant"); }
    }

    function show(suggestions) {
      list.textContent = "";
      items = suggestions.map(function (s, i) {
        var li = document.createElement("li");
        li.id = listId + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.textContent = s.title;  // text, never markup
        li.dataset.url = s.url;
        li.addEventListener("mousedown", function (e) { e.preventDefault(); window.location.assign(s.url); });
        list.appendChild(li);
        return li;
      });
      if (items.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); } else { close(); }
      active = -1;
    }

    function fetchSuggestions() {
      var q = input.value.trim();
      if (!q) { show([]); return; }
      var ticket = ++latest;
      fetch(url + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) { if (ticket === latest) { show(data.suggestions || []); } })
        .catch(function () { show([]); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" && items.length) {
        e.preventDefault();
        if (list.hidden) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
        select((active + 1) % items.length);
      } else if (e.key === "ArrowUp" && items.length) {
        e.preventDefault();
        select(active <= 0 ? items.length - 1 : active - 1);
      } else if (e.key === "Enter" && active >= 0 && !list.hidden) {
        e.preventDefault();
        window.location.assign(items[active].dataset.url);
      } else if (e.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  function init() { document.querySelectorAll("form.search-form[data-suggest-url]").forEach(setup); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
