// A ticket printed at the kiosk: back to the kiosk's start after a while, for the next person. Without JavaScript the
// refresh inside <noscript> does the same.
(function () {
  "use strict";
  var ticket = document.querySelector("[data-kembali]");
  if (!ticket) return;
  var seconds = parseInt(ticket.getAttribute("data-kembali-detik"), 10) || 20;
  setTimeout(function () { location.assign(ticket.getAttribute("data-kembali")); }, seconds * 1000);
})();
