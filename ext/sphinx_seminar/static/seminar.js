/* Mark the next meeting and dim past ones, from the reader's own date, so
   the page stays right without a rebuild; and where the reader's time zone
   is not the venue's, add the reader's own time to each meeting's time.
   Without JavaScript the schedule is complete in the venue's time; it only
   lacks these marks. */
(function () {
  "use strict";

  var HOURS = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
  // The page's language, not the browser's: an English page says "Tue", with Latin digits.
  var LANG = document.documentElement.lang || "en";

  // The offset (in minutes east of UTC) written in an ISO time: "2025-03-17T14:00:00+01:00" -> 60.
  function writtenOffset(iso) {
    var match = /([+-])(\d{2}):(\d{2})$/.exec(iso);
    if (!match) return 0;
    var minutes = Number(match[2]) * 60 + Number(match[3]);
    return match[1] === "-" ? -minutes : minutes;
  }

  function readerTime(element) {
    var start = new Date(element.getAttribute("datetime"));
    var end = new Date(element.getAttribute("data-end"));
    if (isNaN(start) || isNaN(end)) return null;
    // The reader's offset at that moment: daylight saving time may differ from today's.
    if (-start.getTimezoneOffset() === writtenOffset(element.getAttribute("datetime"))) return null;
    var text = start.toLocaleTimeString(LANG, HOURS) + "\u2013" + end.toLocaleTimeString(LANG, HOURS);
    var venueDay = element.getAttribute("datetime").slice(0, 10);
    var readerDay = [start.getFullYear(), String(start.getMonth() + 1).padStart(2, "0"), String(start.getDate()).padStart(2, "0")].join("-");
    if (readerDay !== venueDay) text = start.toLocaleDateString(LANG, { weekday: "short" }) + " " + text;
    return text;
  }

  // Text that never breaks inside ("14:00–15:30" stays together).
  function unbroken(text, className) {
    var span = document.createElement("span");
    span.className = className || "unbroken";
    span.textContent = text;
    return span;
  }

  function addReaderTimes() {
    document.querySelectorAll("time.seminar-time").forEach(function (element) {
      var text = readerTime(element);
      if (!text || element.parentNode.querySelector(".reader-time")) return;
      // " · 13:00–14:30 your time": the separator for a sentence, the time for its own line (seminar.css).
      var span = document.createElement("span");
      span.className = "reader-time";
      var separator = document.createElement("span");
      separator.className = "reader-time-separator";
      separator.textContent = " \u00b7 ";
      var own = document.createElement("span");
      own.className = "reader-time-text";
      own.append(unbroken(text), " " + seminarWhen.word("your time"));
      span.append(separator, own);
      element.parentNode.appendChild(span);
    });
  }

  function isoDate(day) {
    return [
      day.getFullYear(),
      String(day.getMonth() + 1).padStart(2, "0"),
      String(day.getDate()).padStart(2, "0"),
    ].join("-");
  }

  function rowDate(row) {
    var match = /(?:^|\s)date-(\d{4}-\d{2}-\d{2})(?:\s|$)/.exec(row.className);
    return match ? match[1] : null;
  }

  // Whether a row is over: a meeting once it has ended (its <time>'s absolute end, so a
  // reader in Auckland or New York sees it end when it ends for them), a week without a
  // meeting once its day is past on the reader's calendar.
  function over(row, date, now, today) {
    var state = when(row.querySelector("time.seminar-time"), now);
    return state ? state === "past" : date < today;
  }

  // A <time>'s meeting at the moment now: "past", "now", "to come" (seminar-when.js), or null.
  function when(time, now) {
    return time ? seminarWhen.state(time.getAttribute("datetime"), time.getAttribute("data-end"), now) : null;
  }

  // "Now, until 16:30" for a meeting under way (the venue's clock), or null.
  function onNow(row, now) {
    var time = row.querySelector("time.seminar-time");
    return when(time, now) === "now" ? seminarWhen.nowUntil(time.getAttribute("data-end")) : null;
  }

  // A session page says whether its talk is to come, on now, or past (not a cancelled one's).
  function markSessionPage(now) {
    var time = document.querySelector("dl.session-details time.seminar-time");
    if (!time || document.querySelector(".seminar-status.status-cancelled")) return;
    var state = when(time, now);
    if (!state) return;
    var label = document.createElement("span");
    label.className = "session-when session-" + state.replace(" ", "-");
    label.textContent = state === "now" ? seminarWhen.nowUntil(time.getAttribute("data-end")) : seminarWhen.word(state);
    time.parentNode.append(" ", label);
  }

  // The landing page's panel (outputs/nextmeeting.py) holds every meeting that may be next, all but
  // the build's choice hidden: show the first whose end is after the reader's now ("Now, until 16:30"
  // while it is on), or the sentence that none is planned.
  function showNextMeeting(now) {
    document.querySelectorAll("div.seminar-next").forEach(function (panel) {
      var chosen = null;
      panel.querySelectorAll("div.next-candidate").forEach(function (candidate) {
        var time = candidate.querySelector("time.seminar-time"), state = when(time, now);
        var isIt = !chosen && (state === "now" || state === "to come");
        candidate.classList.toggle("next-hidden", !isIt);
        if (!isIt) return;
        chosen = candidate;
        candidate.classList.toggle("next-now", state === "now");
        candidate.querySelector(".next-label").textContent = state === "now" ? seminarWhen.nowUntil(time.getAttribute("data-end")) : seminarWhen.word("next");
      });
      var none = panel.querySelector(".next-none");
      if (none) none.classList.toggle("next-hidden", chosen !== null);
    });
  }

  function mark() {
    var now = Date.now();
    var today = isoDate(new Date(now));
    var tables = document.querySelectorAll("table.schedule");
    var first = null;
    tables.forEach(function (table) {
      var next = null;
      table.querySelectorAll("tbody tr").forEach(function (row) {
        var date = rowDate(row);
        if (!date) return;
        if (over(row, date, now, today)) {
          row.classList.add("past");
        } else if (!next && row.classList.contains("session") && !row.classList.contains("status-cancelled")) {
          next = row;
        }
      });
      if (next) {
        var until = onNow(next, now);
        next.classList.add(until ? "now" : "next");
        var label = document.createElement("span");
        label.className = "next-label";
        label.textContent = until || seminarWhen.word("next");
        next.cells[next.cells.length - 1].prepend(label, " ");
        if (!first) first = { table: table, row: next, until: until };
      }
    });
    if (first) {
      // The cells by their column's class (outputs/schedule.py): the Week column may be left out.
      var cell = function (name) { return first.row.querySelector("td.column-" + name); };
      var topic = cell("topic"), clock = cell("time");
      var summary = document.createElement("p");
      summary.className = "next-meeting";
      var link = topic.querySelector("a");
      summary.append(first.until ? first.until + ": " : seminarWhen.word("next meeting") + ": ");
      var title = document.createElement(link ? "a" : "strong");
      if (link) title.href = link.getAttribute("href");
      var mark = topic.querySelector(".next-label");
      title.textContent = link ? link.textContent : topic.textContent.slice(mark ? mark.textContent.length : 0).trim();
      // The time with whose it is: "15:00–16:30 Lisbon time", and the reader's own where it differs.
      var time = clock.querySelector("time");
      var when = time ? time.textContent + " " + time.getAttribute("data-label") : clock.textContent;
      var own = clock.querySelector(".reader-time");
      summary.append(title, ", " + cell("date").textContent + ", ", unbroken(when));
      if (own) summary.append(" \u00b7 ", unbroken(own.querySelector(".reader-time-text").textContent));
      summary.append(", " + cell("room").textContent + ".");
      var wrapper = first.table.closest(".table-wrapper") || first.table;
      wrapper.parentNode.insertBefore(summary, wrapper);
    }
  }

  // An inline formula wider than its line scrolls inside its own box (seminar.css):
  // MathJax 3 does not break lines, and a formula running past the edge moves the page.
  function markWideMath() {
    document.querySelectorAll('mjx-container:not([display="true"])').forEach(function (math) {
      math.classList.remove("seminar-wide-math");
      // The block it is set in (an inline element's own width is no measure).
      var line = math.closest("p, li, dd, dt, td, th, figcaption, div");
      if (line && math.getBoundingClientRect().width > line.clientWidth) math.classList.add("seminar-wide-math");
    });
  }

  function afterMath() {
    var ready = window.MathJax && window.MathJax.startup && window.MathJax.startup.promise;
    if (ready) ready.then(markWideMath);
  }

  window.addEventListener("load", afterMath);
  window.addEventListener("resize", markWideMath);

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { addReaderTimes(); mark(); markSessionPage(Date.now()); showNextMeeting(Date.now()); });
  } else {
    addReaderTimes();
    mark();
    markSessionPage(Date.now());
    showNextMeeting(Date.now());
  }
})();
