/* A message about one item (data-for, e.g. after moving a measure) belongs beside that item, not
   at the top of a long page the browser has scrolled away from: move it there and focus it, so
   that it is seen and read out. Without this script the message stays at the top. */
(function () {
  "use strict";
  var message = document.querySelector(".message[data-for]");
  if (!message) { return; }
  var target = document.getElementById(message.getAttribute("data-for"));
  if (!target) { return; }
  if (target.tagName === "TR") {
    // A row of its own right under the moved row, spanning the table.
    var row = document.createElement("tr");
    var cell = document.createElement("td");
    row.className = "message-row";
    cell.colSpan = target.cells.length;
    cell.appendChild(message);
    row.appendChild(cell);
    target.insertAdjacentElement("afterend", row);
  } else {
    var heading = target.querySelector("h2, h3");
    (heading || target).insertAdjacentElement(heading ? "afterend" : "afterbegin", message);
  }
  // After the load: the browser's own jump to the #fragment would otherwise take the focus back.
  if (document.readyState === "complete") { message.focus(); }
  else { window.addEventListener("load", function () { message.focus(); }); }
})();
