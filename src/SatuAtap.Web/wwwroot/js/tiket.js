// The ticket page updates in place every 15 seconds (without JavaScript it refreshes itself instead).
(function () {
  "use strict";
  var ticket = document.getElementById("tiket");
  if (!ticket || !window.fetch || !window.DOMParser) return;
  function poll() {
    if (ticket.getAttribute("data-live") !== "on") return;
    fetch(location.pathname, { headers: { "Accept": "text/html" } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) return;
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("tiket");
        if (!fresh) return;
        var facts = ticket.querySelector(".facts"), newFacts = fresh.querySelector(".facts");
        if (facts && newFacts && facts.innerHTML !== newFacts.innerHTML) facts.innerHTML = newFacts.innerHTML;
        ticket.setAttribute("data-live", fresh.getAttribute("data-live"));
      })
      .catch(function () { })
      .then(function () { setTimeout(poll, 15000); });
  }
  setTimeout(poll, 15000);
})();
