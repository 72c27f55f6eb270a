/* The result form: the case title is asked for only when the outcome is "referred for a case" (移送立案查处).
 * Runs after enforcement/draft.js has restored a draft, so the restored outcome decides too. */
(function () {
  "use strict";

  function sync(form) {
    var outcome = form.querySelector("[name=outcome]");
    var box = form.querySelector("[data-case-title]");
    if (!outcome || !box) return;
    box.hidden = outcome.value !== "referred";
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-testid=result-form]").forEach(function (form) {
      sync(form);
      form.addEventListener("change", function () { sync(form); });
      form.addEventListener("input", function () { sync(form); });
    });
  });
})();
