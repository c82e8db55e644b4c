/* Refuse to send a form whose fields exceed the server's limit (DATA_UPLOAD_MAX_MEMORY_SIZE):
   the server cannot read such a post at all, so checking here keeps what the user wrote in the
   form. The message, with the limit, is rendered by the server (includes/post_limit.html) and
   shown next to the form. Without this script the server still answers with the limit. */
(function () {
  "use strict";
  var notice = document.getElementById("post-too-large");
  if (!notice) { return; }
  var limit = parseInt(notice.getAttribute("data-max-bytes"), 10);

  function encodedSize(form) {
    // The body as the browser will send it; uploaded files do not count towards the limit.
    var fields = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string") { fields.append(name, value); }
    });
    return fields.toString().length;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.method.toLowerCase() !== "post" || encodedSize(form) <= limit) { return; }
    event.preventDefault();
    form.parentNode.insertBefore(notice, form);
    notice.hidden = false;
    notice.focus();
  });
})();
