/* The embed page (formats/embed.py inlines it after seminar-when.js): every meeting of
   the current and the next term is in the list; show those still to come by the reader's
   clock, at most the list's data-shown, the first one that is not cancelled marked
   "Next" (or "Now, until 16:30" while it is under way, as the schedule marks it), and
   the sentence that none is planned only when none is left.  Without JavaScript the
   page shows the build's choice. */
(function () {
  "use strict";
  var list = document.querySelector("ol.seminar-next");
  var limit = Number(list.getAttribute("data-shown")), now = Date.now(), shown = 0, marked = false;
  list.querySelectorAll("li[data-end]").forEach(function (item) {
    var end = item.getAttribute("data-end");
    var state = seminarWhen.state(item.getAttribute("data-start"), end, now);
    item.hidden = state === "past" || shown >= limit;
    if (item.hidden) return;
    shown += 1;
    if (marked || item.classList.contains("cancelled")) return;
    marked = true;
    item.classList.add(state === "now" ? "now" : "next");
    item.querySelector(".status").textContent = (state === "now" ? seminarWhen.nowUntil(end) : seminarWhen.word("next")) + ": ";
  });
  document.getElementById("none").hidden = shown > 0;
})();
