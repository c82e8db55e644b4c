/* The editor for formatted text: django-prose-editor (Tiptap/ProseMirror) on every textarea that
   core.forms.RichTextarea marks. Without JavaScript the textarea stays as it is, and the server
   reduces whatever arrives to the safe subset (core/richtext.py) either way.

   The library's own presets import "django-prose-editor/editor" through an inline import map,
   which a Content-Security-Policy without 'unsafe-inline' blocks. This module imports the editor
   from the address the widget names (data-editor-module), so the page needs no inline script. */

const MARKER = "data-django-prose-editor-handlingsprogram"
const gettext = window.gettext || ((text) => text)
// xgettext knows this name; the library translates these itself, at the time it shows them.
const gettext_noop = (text) => text

// The library's link dialog asks window.gettext for these (djangojs catalogue); named here so
// that makemessages keeps them.
gettext_noop("Edit Link")
gettext_noop("URL")
gettext_noop("Title")
gettext_noop("Update")
gettext_noop("Cancel")

// The buttons we offer, by the library's menu item names, with their accessible names.
const LABELS = {
  bold: gettext("Bold"),
  italic: gettext("Italic"),
  bulletList: gettext("Bulleted list"),
  orderedList: gettext("Numbered list"),
  link: gettext("Link"),
  unlink: gettext("Remove link"),
  "history:undo": gettext("Undo"),
  "history:redo": gettext("Redo"),
}
const GROUPS = ["marks", "lists", "link", "history"]
const TOGGLES = new Set(["bold", "italic", "bulletList", "orderedList"])

function menuItems({ editor, buttons, menu }) {
  return GROUPS.map((group) => {
    const items = menu.items(group).filter((item) => item.button && LABELS[item.name])
    for (const item of items) {
      item.button.title = LABELS[item.name]
      item.button.setAttribute("aria-label", LABELS[item.name])
      // The library writes the icon as text (an icon font's ligature, e.g. "format_bold"). As
      // text it would be the button's visible label, which axe compares with the accessible name
      // (WCAG 2.5.3) and only forgives once the font has loaded. The stylesheet draws it from
      // data-icon instead (static/css/editor.css), so the label alone names the button.
      const glyph = item.button.textContent.trim()
      if (glyph) {
        item.button.dataset.icon = glyph
        item.button.replaceChildren()
      }
    }
    // The library shows state with classes only; screen readers hear it from these.
    editor.on("transaction", () => {
      for (const item of items) {
        item.button.setAttribute("aria-disabled", String(!item.enabled(editor)))
        if (TOGGLES.has(item.name)) {
          item.button.setAttribute("aria-pressed", String(!!item.active(editor)))
        }
      }
    })
    return menu.buttonGroup({ editor, buttons }, items)
  })
}

function extensionsFrom(editorModule, config) {
  const extensions = []
  for (const [name, options] of Object.entries(config.extensions)) {
    const extension = editorModule[name]
    if (!extension) continue
    if (name === "Menu") {
      extensions.push(extension.configure({ ...options, items: menuItems }))
    } else if (typeof options === "object") {
      extensions.push(extension.configure(options))
    } else {
      extensions.push(extension)
    }
  }
  return extensions
}

// An empty document is "<p></p>"; the field is then empty, as the textarea would be.
function emptyAsBlank(html) {
  return /^<(\w+)><\/\1>$/.test(html) ? "" : html
}

// The editable area takes the textarea's label and help text.
function accessibleName(textarea) {
  const label = document.querySelector(`label[for="${textarea.id}"]`)
  const attributes = { "aria-multiline": "true" }
  if (label) {
    label.id = label.id || `${textarea.id}_label`
    attributes["aria-labelledby"] = label.id
  }
  const describedBy = textarea.getAttribute("aria-describedby")
  if (describedBy) attributes["aria-describedby"] = describedBy
  return { label, attributes }
}

/* Like the library's createTextareaEditor, but with Tiptap's injectCSS turned off: the <style>
   element it adds would need 'unsafe-inline' under a Content-Security-Policy; the rules it holds
   are in static/css/editor.css. */
function createEditor(editorModule, textarea) {
  const config = JSON.parse(textarea.getAttribute(MARKER))
  const { label, attributes } = accessibleName(textarea)
  const element = document.createElement("div")
  element.className = "prose-editor"
  textarea.before(element)
  element.append(textarea)
  const editor = new editorModule.Editor({
    element,
    extensions: extensionsFrom(editorModule, config),
    content: textarea.value,
    injectCSS: false,
    editorProps: { attributes },
    onUpdate({ editor }) {
      textarea.value = emptyAsBlank(editor.getHTML())
      textarea.dispatchEvent(new Event("input", { bubbles: true }))
    },
    // The menu bar exists once the editor has been created (Tiptap emits "create" after a tick).
    onCreate() {
      const menubar = element.querySelector(".prose-menubar")
      if (!menubar) return
      menubar.setAttribute("role", "toolbar")
      const name = label ? label.textContent.trim() : ""
      menubar.setAttribute("aria-label", name ? `${gettext("Formatting")}: ${name}` : gettext("Formatting"))
    },
  })
  if (label) label.addEventListener("click", () => editor.commands.focus())
  return editor
}

async function start() {
  const textareas = document.querySelectorAll(`[${MARKER}]`)
  if (!textareas.length) return
  const editorModule = await import(textareas[0].dataset.editorModule)
  for (const textarea of textareas) {
    if (textarea.closest(".prose-editor")) continue
    createEditor(editorModule, textarea)
  }
}

start()
