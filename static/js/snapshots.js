// 随手拍 form: the "use my location" button fills the optional map point from the phone's
// geolocation (no map service is reachable from here); and an empty "when" gets the present time.
// The messages come translated in the button's data attributes.
(function () {
  "use strict";
  var form = document.querySelector(".snapshot-form");
  if (!form) return;
  var seen = form.querySelector("#id_seen_at");
  if (seen && !seen.value) {
    var now = new Date();
    now.setMinutes(now.getMinutes() - now.getTimezoneOffset());
    seen.value = now.toISOString().slice(0, 16);
  }
  var button = document.getElementById("geo-button");
  var status = document.getElementById("geo-status");
  var latitude = form.querySelector("[data-geo=latitude]");
  var longitude = form.querySelector("[data-geo=longitude]");
  if (!button || !navigator.geolocation || !latitude || !longitude) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = button.dataset.locating;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        latitude.value = position.coords.latitude.toFixed(6);
        longitude.value = position.coords.longitude.toFixed(6);
        status.textContent = button.dataset.located.replace("{metres}", Math.round(position.coords.accuracy));
      },
      function () {
        status.textContent = button.dataset.failed;
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
    );
  });
})();
