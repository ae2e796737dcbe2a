// Keeps a room page current without reloading it under someone's thumbs: when the server says
// the page would show something else (server-sent events), the page's <main> is fetched and
// swapped in, unless something is typed and not yet sent; then a banner asks first.
// Counts down the projector's clock between updates. Pages work without this script.
(function () {
  "use strict";
  var main = document.querySelector("main[data-events]");
  function tick() {
    var clocks = document.querySelectorAll("[data-left]");
    Array.prototype.forEach.call(clocks, function (clock) {
      if (clock.getAttribute("data-running") !== "1") return;
      var left = parseInt(clock.getAttribute("data-left"), 10) - 1;
      clock.setAttribute("data-left", String(left));
      var whole = Math.abs(left), m = Math.floor(whole / 60), s = whole % 60;
      clock.textContent = (left < 0 ? "-" : "") + (m < 10 ? "0" : "") + m + ":" + (s < 10 ? "0" : "") + s;
      if (left < 0) clock.classList.add("over");
    });
  }
  setInterval(tick, 1000);
  if (!main || !window.EventSource || !window.fetch) return;
  var state = main.getAttribute("data-state");
  var behind = false;
  function typed() {
    return Array.prototype.some.call(document.querySelectorAll("textarea, input[type=text]"), function (field) {
      return field.value.trim() !== "";
    });
  }
  function swap() {
    fetch(location.pathname, { credentials: "same-origin" }).then(function (response) {
      return response.text();
    }).then(function (text) {
      var fresh = new DOMParser().parseFromString(text, "text/html").querySelector("main");
      if (!fresh) return;
      main.innerHTML = fresh.innerHTML;
      state = fresh.getAttribute("data-state");
      main.setAttribute("data-state", state);
      behind = false;
    });
  }
  document.addEventListener("input", function () {
    if (behind && !typed()) swap();
  });
  var source = new EventSource(main.getAttribute("data-events") + "?state=" + encodeURIComponent(state));
  source.addEventListener("changed", function (event) {
    if (event.data === state) return;
    if (!typed()) return swap();
    behind = true;
    if (document.getElementById("moved-on")) return;
    var note = document.createElement("p");
    note.id = "moved-on";
    note.className = "said";
    note.setAttribute("role", "status");
    note.textContent = document.documentElement.lang === "es"
      ? "La reunión ha avanzado: envíe o borre lo que escribió y la página se pondrá al día."
      : "The meeting has moved on: send or clear what you wrote, and this page catches up.";
    main.insertBefore(note, main.firstChild);
  });
})();
