/* A live count under each text field with a limit (data-max-length, set by core.forms): the
   user sees while typing or pasting that a text is too long, instead of the browser cutting it
   silently at maxlength. The server refuses a longer text anyway, with its message next to the
   field; this only tells earlier. Announced politely, so that it does not interrupt typing. */
(function () {
  "use strict";
  var gettext = window.gettext || function (text) { return text; };
  var interpolate = window.interpolate || function (fmt, obj) {
    return fmt.replace(/%\((\w+)\)s/g, function (_, key) { return String(obj[key]); });
  };

  function setUp(input) {
    var limit = parseInt(input.getAttribute("data-max-length"), 10);
    var count = document.createElement("p");
    count.className = "char-count";
    count.id = input.id + "_count";
    count.setAttribute("aria-live", "polite");
    input.insertAdjacentElement("afterend", count);
    var described = input.getAttribute("aria-describedby");
    input.setAttribute("aria-describedby", (described ? described + " " : "") + count.id);

    function update() {
      var n = input.value.length;
      var text = interpolate(gettext("%(n)s of %(max)s characters"), { n: n, max: limit }, true);
      if (n > limit) {
        text += " – " + interpolate(gettext("%(over)s too many"), { over: n - limit }, true);
      }
      count.textContent = text;
      count.classList.toggle("char-count--over", n > limit);
    }
    input.addEventListener("input", update);
    update();
  }

  Array.prototype.forEach.call(document.querySelectorAll("input[data-max-length]"), setUp);
})();
