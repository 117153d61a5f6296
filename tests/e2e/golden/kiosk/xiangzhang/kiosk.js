/* site-builder lobby board.
 *
 * Runs for weeks without a hand on it: it rotates the slides, decides with the
 * screen's own clock what is current (today's and coming events, unexpired
 * notices), re-decides when the date changes, dims to a clock at night, shifts
 * a few pixels now and then against burn-in, and reloads itself when a new
 * build is published. A failure in one slide leaves the others running.
 */
(function () {
  "use strict";

  var D = window.KIOSK_DATA || {};
  var UI = D.ui || {};
  var BUILD = document.documentElement.getAttribute("data-build") || "";
  var SLIDE_MS = Math.max(3, D.slideSeconds || 15) * 1000;
  var stage = document.getElementById("stage");
  var slidesBox = document.getElementById("slides");
  var bar = document.getElementById("progress-bar");
  var dotsBox = document.getElementById("progress-dots");
  var nightBox = document.getElementById("night");

  // ---- time, in the site's zone, whatever zone the screen is set to -------------------
  var zoneFormat;
  try {
    zoneFormat = new Intl.DateTimeFormat("en-CA", {
      timeZone: D.timezone || undefined, year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    });
  } catch (e) {
    zoneFormat = new Intl.DateTimeFormat("en-CA", {
      year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit",
      hourCycle: "h23"
    });
  }

  function now() {
    var parts = {};
    zoneFormat.formatToParts(new Date()).forEach(function (p) { parts[p.type] = p.value; });
    return { date: parts.year + "-" + parts.month + "-" + parts.day, time: parts.hour + ":" + parts.minute };
  }

  function addDays(isoDate, days) {
    var d = new Date(isoDate + "T12:00:00Z");
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function dayWords(isoDate) {
    return (D.days || {})[isoDate] || { date: isoDate, weekday: "", lunar: "", festivals: [], term: null };
  }

  // ---- the slides that depend on the day ----------------------------------------------
  function renderToday(box, t) {
    var day = dayWords(t.date);
    box.textContent = "";
    box.appendChild(el("h1", "today-date", day.date)); /* the slide's heading */
    box.appendChild(el("p", "today-weekday", day.weekday));
    box.appendChild(el("p", "today-clock", t.time)).id = "today-clock";
    var lunar = el("p", "today-lunar", day.lunar ? (UI.lunar || "") + day.lunar : "");
    box.appendChild(lunar);
    var marks = (day.festivals || []).slice();
    if (day.term && marks.indexOf(day.term) < 0 && marks.indexOf(day.term + "节") < 0) { marks.push(day.term); }
    if (marks.length) { box.appendChild(el("p", "today-festival", marks.join(" · "))); }
    var count = eventsOn(t.date).length;
    if (count) { box.appendChild(el("p", "today-count", (UI.kiosk_today_events || "").replace("{count}", count))); }
    return true;
  }

  function eventsOn(isoDate) {
    return (D.events || []).filter(function (e) { return e.firstDay <= isoDate && isoDate <= e.lastDay; });
  }

  function timeText(e, isoDate) {
    if (e.allDay) { return UI.all_day || ""; }
    var start = e.start.slice(11, 16);
    if (e.firstDay !== isoDate) { start = ""; }
    var end = e.end && e.end.slice(0, 10) === isoDate ? e.end.slice(11, 16) : "";
    return start && end ? start + "–" + end : start || end || UI.all_day || "";
  }

  function renderEvents(box, t) {
    var rows = [];
    var most = window.innerHeight > window.innerWidth ? 9 : 5;  // portrait screens hold more
    for (var i = 0; i < 7 && rows.length < most; i++) {
      var day = addDays(t.date, i);
      eventsOn(day).forEach(function (e) {
        if (i > 0 && e.firstDay !== day) { return; }  // a multi-day event is listed once
        if (i === 0 && !e.allDay && e.end && e.end.slice(0, 10) === day && e.end.slice(11, 16) < t.time) { return; }
        rows.push({ day: day, event: e, today: i === 0 });
      });
    }
    rows = rows.slice(0, most);
    box.textContent = "";
    if (!rows.length) { return false; }
    box.appendChild(el("p", "slide-kicker", UI.calendar));
    box.appendChild(el("h1", null, UI.kiosk_events_heading));
    var list = el("ul", "event-rows");
    rows.forEach(function (row) {
      var words = dayWords(row.day);
      var item = el("li", row.today ? "event-row is-today" : "event-row");
      var when = el("div", "event-when");
      when.appendChild(el("span", "event-day", row.today ? UI.today : words.date.replace(/^\d+年/, "")));
      when.appendChild(el("span", "event-weekday", words.weekday));
      item.appendChild(when);
      var what = el("div", "event-what");
      what.appendChild(el("strong", "event-title", row.event.title));
      var meta = [timeText(row.event, row.day), row.event.location, row.event.signup ? (UI.signup + "：" + row.event.signup) : null];
      what.appendChild(el("span", "event-meta", meta.filter(Boolean).join(" · ")));
      item.appendChild(what);
      list.appendChild(item);
    });
    box.appendChild(list);
    return true;
  }

  function renderNotices(box, t) {
    var current = (D.notices || []).filter(function (n) {
      return n.date <= t.date && (!n.expires || t.date <= n.expires);
    }).slice(0, 3);
    box.textContent = "";
    if (!current.length) { return false; }
    box.appendChild(el("p", "slide-kicker", UI.notices));
    box.appendChild(el("h1", null, UI.current_notices));
    current.forEach(function (n, index) {
      var card = el("article", n.pinned ? "notice is-pinned" : "notice");
      var title = el("h2", null, n.title);
      if (n.pinned) { title.insertBefore(el("span", "pin", UI.pinned), title.firstChild); }
      card.appendChild(title);
      if (n.expires) { card.appendChild(el("p", "notice-until", (UI.expires_on || "").replace("{date}", dayWords(n.expires).date || n.expires))); }
      if (index === 0 && n.html) {
        var body = el("div", "notice-body");
        body.innerHTML = n.html;  // sanitised by the build (nh3 allowlist)
        card.appendChild(body);
      }
      box.appendChild(card);
    });
    return true;
  }

  var RENDER = { today: renderToday, events: renderEvents, notices: renderNotices };

  // ---- the leaderboard, named for the screen's month, not the build's ------------------
  function monthBefore(yearMonth) {
    var year = parseInt(yearMonth.slice(0, 4), 10), month = parseInt(yearMonth.slice(5, 7), 10);
    return month === 1 ? (year - 1) + "-12" : year + "-" + (month < 11 ? "0" : "") + (month - 1);
  }

  function nameBoards(t) {
    var here = t.date.slice(0, 7);
    slidesBox.querySelectorAll("[data-month]").forEach(function (s) {
      var shown = s.getAttribute("data-month");
      var words = shown === here ? UI.top_this_month
        : shown === monthBefore(here) ? UI.top_last_month : UI.top_of_month;
      s.querySelector(".board-heading").textContent = words + " · " + s.getAttribute("data-month-name");
      var note = s.querySelector(".board-note");
      // "no points yet this month" only where the build knew: it cannot speak for later months
      var known = shown < here && here <= (D.builtFor || "").slice(0, 7);
      var name = known ? (D.months || {})[here] : null;
      note.textContent = name ? (UI.no_points_yet || "").replace("{month}", name) : "";
      note.hidden = !name;
    });
  }

  // ---- rotation ---------------------------------------------------------------------------
  var wanted = D.slides || [];
  var slides = Array.prototype.slice.call(slidesBox.querySelectorAll(".slide"));
  slides.forEach(function (s) { if (wanted.indexOf(s.getAttribute("data-slide")) < 0) { s.remove(); } });
  slides = slides.filter(function (s) { return s.isConnected; });
  slides.sort(function (a, b) {  // stable: keeps the order of several slides of one kind
    return wanted.indexOf(a.getAttribute("data-slide")) - wanted.indexOf(b.getAttribute("data-slide"));
  });
  slides.forEach(function (s) { slidesBox.appendChild(s); });

  var lastDate = null;
  var current = -1;
  var shownAt = 0;

  function refresh(t) {
    try {
      nameBoards(t);
    } catch (e) {  // the board keeps the plain name it was built with
      if (window.console && console.warn) { console.warn("leaderboard name skipped:", e); }
    }
    slides.forEach(function (s) {
      var kind = s.getAttribute("data-dynamic");
      if (!kind) { return; }
      var filled = false;
      try {
        filled = RENDER[kind](s, t);
      } catch (e) {
        filled = false;  // one broken slide is skipped; the board keeps going
        if (window.console && console.warn) { console.warn("slide " + kind + " skipped:", e); }
      }
      s.setAttribute("data-empty", filled ? "false" : "true");
    });
  }

  function shown() {
    return slides.filter(function (s) { return s.getAttribute("data-empty") !== "true"; });
  }

  function drawDots(list, active) {
    dotsBox.textContent = "";
    list.forEach(function (s) { dotsBox.appendChild(el("li", s === active ? "is-active" : "")); });
  }

  function advance(stamp) {
    var list = shown();
    if (!list.length) { return; }
    var index = list.indexOf(slides[current]);
    var next = list[(index + 1) % list.length];
    slides.forEach(function (s) { s.classList.toggle("is-active", s === next); });
    current = slides.indexOf(next);
    shownAt = stamp;
    drawDots(list, next);
  }

  // ---- the clock, the night, the pixel shift --------------------------------------------
  function minutes(hhmm) { return parseInt(hhmm.slice(0, 2), 10) * 60 + parseInt(hhmm.slice(3, 5), 10); }

  function isNight(time) {
    if (!D.night) { return false; }
    var t = minutes(time), from = minutes(D.night[0]), to = minutes(D.night[1]);
    return from <= to ? (t >= from && t < to) : (t >= from || t < to);
  }

  var shifts = [[0, 0], [3, 2], [-2, 3], [2, -3], [-3, -2]];
  function shiftPixels(stamp) {
    var step = Math.floor(stamp / 300000) % shifts.length;  // every five minutes
    var xy = shifts[step];
    var value = "translate(" + xy[0] + "px," + xy[1] + "px)";
    if (stage.style.transform !== value) { stage.style.transform = value; nightBox.style.transform = value; }
  }

  function tick() {
    var stamp = Date.now();
    var t = now();
    if (t.date !== lastDate) {
      lastDate = t.date;
      refresh(t);
      if (current < 0 || slides[current].getAttribute("data-empty") === "true") { advance(stamp); }
    }
    var clock = document.getElementById("today-clock");
    if (clock && clock.textContent !== t.time) { clock.textContent = t.time; }
    var top = document.getElementById("topbar-clock");
    if (top.textContent !== t.time) { top.textContent = t.time; }
    var night = isNight(t.time);
    if (nightBox.hidden === night) {
      nightBox.hidden = !night;
      stage.hidden = night;
    }
    if (night) {
      document.getElementById("night-clock").textContent = t.time;
      document.getElementById("night-date").textContent = dayWords(t.date).date + " " + dayWords(t.date).weekday;
    } else if (stamp - shownAt >= SLIDE_MS) {
      advance(stamp);
    }
    bar.style.width = night ? "0" : Math.min(100, (stamp - shownAt) / SLIDE_MS * 100).toFixed(1) + "%";
    shiftPixels(stamp);
  }

  // ---- picking up a new build ------------------------------------------------------------
  function poll() {
    fetch("version.json?t=" + Date.now(), { cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (v) { if (v && v.build && v.build !== BUILD) { location.reload(); } })
      .catch(function () { /* server unreachable: keep showing what we have, ask again later */ });
  }

  if (location.protocol === "file:") {
    // fetch() cannot read files; reloading re-reads data.js from the stick or disk.
    setTimeout(function () { location.reload(); }, (D.reloadMinutes || 30) * 60000);
  } else {
    setInterval(poll, (D.pollSeconds || 60) * 1000);
  }

  tick();
  setInterval(tick, 1000);
})();
