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

  // The words in the page's language: window.seminarWords, which the build writes before this
  // file (integration/language.py, formats/embed.py); English where a word is missing.
  var ENGLISH = { "your time": "your time", "now until": "Now, until {time}", "next": "Next",
                  "next meeting": "Next meeting", "to come": "To come", "past": "Past",
                  "none planned": "No meetings are planned at the moment." };
  function word(key) {
    var words = window.seminarWords || {};
    return words[key] || ENGLISH[key];
  }

  // "Now, until 16:30": the end as the venue's clock writes it.
  function nowUntil(end) {
    return word("now until").replace("{time}", end.slice(11, 16));
  }

  return { state: state, nowUntil: nowUntil, word: word };
})();
