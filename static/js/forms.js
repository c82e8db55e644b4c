/* Move focus to the error summary after a failed save, so screen-reader and keyboard users
   land on the list of problems; each entry links to its field. */
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
})();
