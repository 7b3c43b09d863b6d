// eventwire dashboard: small progressive enhancements; every page works without this file.
"use strict";

// In an article, a click on a highlighted trigger brings its event card into view.
function linkTriggersToEvents() {
  document.querySelectorAll("span.trigger[data-ref]").forEach(function (span) {
    span.addEventListener("click", function () {
      var card = document.getElementById(span.getAttribute("data-ref"));
      if (!card) { return; }
      card.scrollIntoView({ behavior: "smooth", block: "center" });
      flash(card);
    });
  });
}

// Arriving at /documents/ID#event-X flashes that event's card.
function flashTarget() {
  if (!location.hash) { return; }
  var card = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (card) { flash(card); }
}

function flash(element) {
  element.classList.add("flash");
  setTimeout(function () { element.classList.remove("flash"); }, 1600);
}

document.addEventListener("DOMContentLoaded", function () {
  linkTriggersToEvents();
  flashTarget();
});
