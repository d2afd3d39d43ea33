/* Mark the next meeting and dim past ones, from the reader's own date, so
   the page stays right without a rebuild.  Without JavaScript the schedule
   is complete; it only lacks these marks. */
(function () {
  "use strict";

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

  function mark() {
    var today = isoDate(new Date());
    var tables = document.querySelectorAll("table.schedule");
    var first = null;
    tables.forEach(function (table) {
      var next = null;
      table.querySelectorAll("tbody tr").forEach(function (row) {
        var date = rowDate(row);
        if (!date) return;
        if (date < today) {
          row.classList.add("past");
        } else if (!next && row.classList.contains("session") && !row.classList.contains("status-cancelled")) {
          next = row;
        }
      });
      if (next) {
        next.classList.add("next");
        var label = document.createElement("span");
        label.className = "next-label";
        label.textContent = "Next";
        next.cells[next.cells.length - 1].prepend(label, " ");
        if (!first) first = { table: table, row: next };
      }
    });
    if (first) {
      var cells = first.row.cells;
      var summary = document.createElement("p");
      summary.className = "next-meeting";
      var link = cells[5].querySelector("a");
      summary.append("Next meeting: ");
      var title = document.createElement(link ? "a" : "strong");
      if (link) title.href = link.getAttribute("href");
      title.textContent = (link || cells[5]).textContent.replace(/^Next\s*/, "");
      summary.append(title, ", " + cells[1].textContent + ", " + cells[2].textContent + ", " + cells[3].textContent + ".");
      var wrapper = first.table.closest(".table-wrapper") || first.table;
      wrapper.parentNode.insertBefore(summary, wrapper);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mark);
  } else {
    mark();
  }
})();
