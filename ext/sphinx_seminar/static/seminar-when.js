/* Where a meeting stands by the reader's clock, from its absolute start and end
   (ISO times with their offsets): the one rule that the site's pages
   (seminar.js, which Sphinx loads after this file) and the embed page
   (formats/embed.py inlines this file before static/embed.js) share.
   A meeting is over at its end and under way from its start. */
var seminarWhen = (function () {
  "use strict";

  // "past", "now" or "to come" at the moment now (milliseconds); null without both times.
  function state(start, end, now) {
    var from = Date.parse(start), until = Date.parse(end);
    if (isNaN(from) || isNaN(until)) return null;
    return until <= now ? "past" : from <= now ? "now" : "to come";
  }

  // "Now, until 16:30": the end as the venue's clock writes it.
  function nowUntil(end) {
    return "Now, until " + end.slice(11, 16);
  }

  return { state: state, nowUntil: nowUntil };
})();
