// Live status of requested PDFs (the programme's, and follow-up reports): polls each panel's JSON
// status endpoint and updates its aria-live region. Without JavaScript the panel says to reload.
(function () {
  "use strict";

  function follow(region) {
    var url = region.getAttribute("data-pdf-status-url");
    var label = region.querySelector("[data-pdf-status-label]");
    var hint = region.querySelector("[data-pdf-status-hint]");
    if (hint) { hint.hidden = true; }
    var delay = 1000;

    function show(data) {
      if (label) { label.textContent = data.label; }
      if (data.status === "done" && data.download_url) {
        var link = document.createElement("a");
        link.className = "button";
        link.href = data.download_url;
        link.setAttribute("download", "");
        link.textContent = region.getAttribute("data-download-text");
        var p = document.createElement("p");
        p.appendChild(link);
        region.appendChild(p);
      } else if (data.status === "failed") {
        var error = document.createElement("p");
        error.className = "message message--error";
        error.textContent = data.error;
        region.appendChild(error);
      }
    }

    function poll() {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
        .then(function (data) {
          show(data);
          if (data.status === "queued" || data.status === "rendering") {
            delay = Math.min(delay * 1.5, 5000);
            window.setTimeout(poll, delay);
          }
        })
        .catch(function () {
          if (hint) { hint.hidden = false; }
        });
    }
    window.setTimeout(poll, delay);
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-pdf-status-url]"), follow);
})();
