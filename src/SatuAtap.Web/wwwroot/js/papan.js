// Live display board: a small SignalR (JSON protocol) client over a WebSocket, a chime and an Indonesian
// announcement through the browser's speech synthesis. Without JavaScript the page refreshes itself instead.
(function () {
  "use strict";
  var board = document.getElementById("papan");
  if (!board || !("WebSocket" in window)) return;
  var site = board.getAttribute("data-site");
  var RS = "\u001e";
  var audio = null;
  var soundButton = document.getElementById("suara");

  function unlockSound() {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      if (audio.state === "suspended") audio.resume();
    } catch (e) { audio = null; }
    if (soundButton) soundButton.hidden = true;
  }
  if (soundButton) { soundButton.hidden = false; soundButton.addEventListener("click", unlockSound); }

  function chime(then) {
    if (!audio || audio.state !== "running") { then(); return; }
    var t = audio.currentTime;
    [[659.25, 0], [523.25, 0.35]].forEach(function (n) {
      var o = audio.createOscillator(), g = audio.createGain();
      o.frequency.value = n[0]; o.connect(g); g.connect(audio.destination);
      g.gain.setValueAtTime(0.0001, t + n[1]);
      g.gain.exponentialRampToValueAtTime(0.4, t + n[1] + 0.02);
      g.gain.exponentialRampToValueAtTime(0.0001, t + n[1] + 0.6);
      o.start(t + n[1]); o.stop(t + n[1] + 0.65);
    });
    setTimeout(then, 1000);
  }

  // Speaks the text, then calls done (also when speech is missing or never reports its end).
  function speak(text, done) {
    var finished = false;
    function finish() { if (!finished) { finished = true; done(); } }
    if (!("speechSynthesis" in window) || !text) { setTimeout(finish, 1500); return; }
    var u = new SpeechSynthesisUtterance(text);
    u.lang = "id-ID"; u.rate = 0.9;
    var voice = speechSynthesis.getVoices().filter(function (v) { return v.lang && v.lang.indexOf("id") === 0; })[0];
    if (voice) u.voice = voice;
    u.onend = finish; u.onerror = finish;
    setTimeout(finish, 15000);
    speechSynthesis.speak(u);
  }

  // Several calls close together are announced in turn, each with its chime, none cut off by the next.
  var pending = [];
  var speaking = false;
  function announceNext() {
    if (pending.length === 0) { speaking = false; return; }
    speaking = true;
    var next = pending.shift();
    chime(function () { speak(next, announceNext); });
  }
  function announce(text) {
    pending.push(text);
    if (!speaking) announceNext();
  }

  function text(tag, value) { var e = document.createElement(tag); e.textContent = value; return e; }
  function hhmm(iso) { var m = /T(\d{2}):(\d{2})/.exec(iso); return m ? m[1] + "." + m[2] : ""; }

  var hall = board.classList.contains("hall");

  function render(data) {
    var body = document.querySelector("#panggilan tbody");
    body.textContent = "";
    // The hall shows the latest call large and the ones before it in the table.
    data.called.slice(hall ? 1 : 0).forEach(function (c) {
      var tr = document.createElement("tr");
      tr.appendChild(text("td", c.number)); tr.appendChild(text("td", c.counter)); tr.appendChild(text("td", hhmm(c.calledAt)));
      body.appendChild(tr);
    });
    document.getElementById("menunggu").textContent = data.waiting;
    var perService = document.getElementById("per-layanan");
    if (perService && data.services) {
      perService.textContent = "";
      data.services.forEach(function (w) {
        var li = document.createElement("li");
        li.appendChild(text("span", w.name)); li.appendChild(document.createTextNode(" ")); li.appendChild(text("strong", String(w.waiting)));
        perService.appendChild(li);
      });
    }
    if (data.called.length > 0) {
      var latest = document.getElementById("terbaru");
      latest.textContent = "";
      var p = document.createElement("p");
      var n = text("span", data.called[0].number); n.className = "board-number";
      var c = text("span", data.called[0].counter); c.className = "board-counter";
      p.appendChild(n); p.appendChild(document.createTextNode(" ")); p.appendChild(c);
      latest.appendChild(p);
    }
  }

  function refresh(highlight) {
    return fetch("/api/v1/sites/" + site + "/board", { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return;
        render(data);
        if (highlight) {
          var latest = document.getElementById("terbaru");
          latest.classList.remove("flash"); void latest.offsetWidth; latest.classList.add("flash");
        }
      });
  }

  // The hall's date and clock, in the site's zone.
  var clock = document.getElementById("jam");
  if (clock && window.Intl) {
    var zone = board.getAttribute("data-zone"), locale = board.getAttribute("data-locale") || "id-ID";
    var timeFormat = new Intl.DateTimeFormat(locale, { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    var dateFormat = new Intl.DateTimeFormat(locale, { timeZone: zone, weekday: "long", day: "numeric", month: "long", year: "numeric" });
    var day = document.getElementById("tanggal");
    var tick = function () {
      var now = new Date();
      clock.textContent = timeFormat.format(now).replace(":", locale === "id-ID" ? "." : ":");
      if (day) day.textContent = dateFormat.format(now);
    };
    tick();
    setInterval(tick, 1000);
  }

  // Besides the pushes, the board reads its calls every data-refresh seconds, connected or not: a push that was
  // lost (a node restarted, the shared Redis away) shows within that time instead of at the next call.
  var every = parseInt(board.getAttribute("data-refresh"), 10);
  if (every > 0) setInterval(function () { refresh(false).catch(function () { /* offline: the next round tries again */ }); }, every * 1000);

  var delay = 1000;
  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var ws = new WebSocket(scheme + location.host + board.getAttribute("data-hub") + "?site=" + encodeURIComponent(site));
    var ping = null;
    ws.onopen = function () { ws.send(JSON.stringify({ protocol: "json", version: 1 }) + RS); };
    ws.onmessage = function (event) {
      String(event.data).split(RS).forEach(function (frame) {
        if (!frame) return;
        var m = JSON.parse(frame);
        if (m.type === undefined) { // handshake answer
          if (m.error) { ws.close(); return; }
          board.setAttribute("data-live", "on"); delay = 1000;
          ping = setInterval(function () { ws.send(JSON.stringify({ type: 6 }) + RS); }, 15000);
          refresh(false);
        } else if (m.type === 1 && m.target === "called") {
          var call = m.arguments[0];
          refresh(true).then(function () { announce(call.announcement); });
        } else if (m.type === 1 && m.target === "changed") {
          refresh(false);
        } else if (m.type === 7) {
          ws.close();
        }
      });
    };
    ws.onclose = function () {
      board.setAttribute("data-live", "off");
      if (ping) clearInterval(ping);
      setTimeout(connect, delay); delay = Math.min(delay * 2, 30000);
    };
  }
  connect();
})();
