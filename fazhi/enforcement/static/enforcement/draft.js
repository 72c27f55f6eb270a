/* Drafts of the field forms, kept on the phone while the connection comes and goes.
 *
 * A <form data-draft="KEY"> saves its fields to localStorage on every input and restores them on load (unless the
 * server re-rendered it with what was posted: data-draft-restore="false"). A submit while offline is held back
 * (the draft stays) and the banner says so. After a submit, the key is remembered for the next page: if that page
 * no longer shows the form, the submit succeeded and the draft is cleared. Files are never saved in a draft.
 * <div data-offline-banner hidden> is shown while the browser is offline.
 */
(function () {
  "use strict";

  var PENDING = "fazhi-draft-pending";
  var PREFIX = "fazhi-draft:";

  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" && el.type !== "file" && el.type !== "password" &&
        el.type !== "submit" && el.type !== "button";
    });
  }

  function save(form) {
    var data = {};
    fields(form).forEach(function (el) {
      if (el.type === "checkbox" || el.type === "radio") {
        data[el.name] = data[el.name] || [];
        if (el.checked) data[el.name].push(el.value);
      } else if (el.tagName === "SELECT" && el.multiple) {
        data[el.name] = Array.prototype.filter.call(el.options, function (o) { return o.selected; })
          .map(function (o) { return o.value; });
      } else {
        data[el.name] = el.value;
      }
    });
    try {
      localStorage.setItem(PREFIX + form.dataset.draft, JSON.stringify({at: Date.now(), data: data}));
    } catch (e) { /* storage full or disabled: the form still works, only without a draft */ }
  }

  function restore(form) {
    var saved;
    try { saved = JSON.parse(localStorage.getItem(PREFIX + form.dataset.draft) || "null"); } catch (e) { saved = null; }
    if (!saved || !saved.data) return false;
    var data = saved.data;
    fields(form).forEach(function (el) {
      if (!(el.name in data)) return;
      var value = data[el.name];
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = Array.isArray(value) && value.indexOf(el.value) >= 0;
      } else if (el.tagName === "SELECT" && el.multiple) {
        Array.prototype.forEach.call(el.options, function (o) { o.selected = value.indexOf(o.value) >= 0; });
      } else {
        el.value = value;
      }
    });
    return true;
  }

  function clear(key) {
    localStorage.removeItem(PREFIX + key);
  }

  function banner(online) {
    document.querySelectorAll("[data-offline-banner]").forEach(function (el) { el.hidden = online; });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll("form[data-draft]");
    var pending = sessionStorage.getItem(PENDING);
    if (pending) {
      sessionStorage.removeItem(PENDING);
      var stillHere = Array.prototype.some.call(forms, function (f) { return f.dataset.draft === pending; });
      if (!stillHere) clear(pending);  // the submit went through: the page moved on
    }
    forms.forEach(function (form) {
      if (form.dataset.draftRestore !== "false" && restore(form)) {
        var note = form.querySelector("[data-draft-note]");
        if (note) note.hidden = false;
      }
      form.addEventListener("input", function () { save(form); });
      form.addEventListener("change", function () { save(form); });
      form.addEventListener("submit", function (ev) {
        save(form);
        if (navigator.onLine === false) {
          ev.preventDefault();
          banner(false);
          return;
        }
        if (form.dataset.draftSubmit !== "js") sessionStorage.setItem(PENDING, form.dataset.draft);
      });
      var discard = form.querySelector("[data-draft-discard]");
      if (discard) {
        discard.addEventListener("click", function () {
          clear(form.dataset.draft);
          form.reset();
          var note = form.querySelector("[data-draft-note]");
          if (note) note.hidden = true;
        });
      }
    });
    banner(navigator.onLine !== false);
    window.addEventListener("online", function () { banner(true); });
    window.addEventListener("offline", function () {
      forms.forEach(save);
      banner(false);
    });
  });

  window.FazhiDraft = {save: save, restore: restore, clear: clear};
})();
