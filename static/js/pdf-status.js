// Live status of a requested programme PDF: polls the JSON status endpoint and updates the
// panel's aria-live region. Without JavaScript the panel says to reload the page.
(function () {
  "use strict";
  var region = document.querySelector("[data-pdf-status-url]");
  if (!region) { return; }
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
})();
