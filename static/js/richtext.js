/* A small formatting toolbar for textareas that accept the safe HTML subset (data-richtext).
   Progressive enhancement: without this script the textarea and its help text still work. */
(function () {
  "use strict";
  var lang = (document.documentElement.lang || "sv").slice(0, 2);
  var text = {
    sv: { toolbar: "Formatering", bold: "Fet", italic: "Kursiv", ul: "Punktlista", ol: "Numrerad lista",
          p: "Stycke", link: "Länk", url: "Adress (https://… eller mailto:…)" },
    en: { toolbar: "Formatting", bold: "Bold", italic: "Italic", ul: "Bullet list", ol: "Numbered list",
          p: "Paragraph", link: "Link", url: "Address (https://… or mailto:…)" }
  }[lang] || null;
  if (!text) { return; }

  function wrap(area, before, after) {
    var start = area.selectionStart, end = area.selectionEnd, value = area.value;
    var selected = value.slice(start, end);
    area.value = value.slice(0, start) + before + selected + after + value.slice(end);
    area.focus();
    area.setSelectionRange(start + before.length, start + before.length + selected.length);
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function list(area, tag) {
    var start = area.selectionStart, end = area.selectionEnd;
    var lines = area.value.slice(start, end).split(/\n/).filter(function (l) { return l.trim(); });
    if (!lines.length) { lines = [""]; }
    var items = lines.map(function (l) { return "  <li>" + l.trim() + "</li>"; }).join("\n");
    area.setRangeText("<" + tag + ">\n" + items + "\n</" + tag + ">", start, end, "end");
    area.focus();
  }

  var actions = [
    ["bold", function (a) { wrap(a, "<strong>", "</strong>"); }],
    ["italic", function (a) { wrap(a, "<em>", "</em>"); }],
    ["p", function (a) { wrap(a, "<p>", "</p>"); }],
    ["ul", function (a) { list(a, "ul"); }],
    ["ol", function (a) { list(a, "ol"); }],
    ["link", function (a) {
      var url = window.prompt(text.url, "https://");
      if (!url || !/^(https?:|mailto:)/i.test(url)) { a.focus(); return; }
      wrap(a, '<a href="' + url.replace(/"/g, "%22") + '">', "</a>");
    }]
  ];

  document.querySelectorAll("textarea[data-richtext]").forEach(function (area) {
    var bar = document.createElement("div");
    bar.className = "richtext-toolbar";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", text.toolbar);
    bar.setAttribute("aria-controls", area.id);
    actions.forEach(function (action) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "richtext-toolbar__button";
      button.textContent = text[action[0]];
      button.addEventListener("click", function () { action[1](area); });
      bar.appendChild(button);
    });
    area.parentNode.insertBefore(bar, area);
  });
})();
