/* The field evidence screen: the form's fields are the evidence's metadata, the camera's file goes through the
 * resumable upload (upload.js). Without JavaScript the same form posts to the simple upload. */
(function () {
  "use strict";

  function text(el, message, isError) {
    el.textContent = message;
    el.style.color = isError ? "#b91c1c" : "";
  }

  function errorsText(body) {
    if (body && body.errors) {
      return Object.keys(body.errors).map(function (k) { return body.errors[k].join(" "); }).join(";");
    }
    return (body && (body.display || body.message)) || "";
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("field-evidence-form");
    if (!form || !window.FazhiUpload) return;
    var input = form.querySelector("input[type=file]");
    var progress = form.querySelector("[data-upload-progress]");
    var status = form.querySelector("[data-upload-status]");
    var button = form.querySelector("button[type=submit]");
    var kind = form.elements.kind;

    input.addEventListener("change", function () {
      var file = input.files[0];
      if (!file || !kind) return;
      if (/^video\//.test(file.type)) kind.value = "video";
      else if (/^image\//.test(file.type)) kind.value = "photo";
      else if (/^audio\//.test(file.type)) kind.value = "audio";
      if (form.elements.title && !form.elements.title.value) form.elements.title.value = file.name;
      if (window.FazhiDraft) window.FazhiDraft.save(form);
    });

    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var file = input.files[0];
      if (!file) { text(status, "请拍摄或选择文件", true); return; }
      var meta = {};
      ["kind", "title", "description", "collected_on", "location", "collected_by"].forEach(function (name) {
        if (form.elements[name]) meta[name] = form.elements[name].value;
      });
      button.disabled = true;
      progress.hidden = false;
      text(status, "正在上传……");
      var upload = new window.FazhiUpload(file, {
        createUrl: form.dataset.createUrl,
        chunkSize: parseInt(form.dataset.chunkSize, 10),
        csrfToken: form.elements.csrfmiddlewaretoken.value,
        meta: meta,
        onProgress: function (sent, total) {
          var pct = total ? Math.floor(sent * 100 / total) : 0;
          progress.value = pct;
          text(status, "已上传 " + pct + "%(" + (sent / 1048576).toFixed(1) + " / " +
            (total / 1048576).toFixed(1) + " MB)");
        },
        onStatus: function (what, value) {
          if (what === "retry") text(status, "网络中断," + value + " 秒后从断点续传……", true);
          if (what === "resumed") text(status, "从上次中断处续传(已在服务器 " + (value / 1048576).toFixed(1) + " MB)");
        }
      });
      upload.start().then(function (result) {
        var ev = result.evidence || {};
        text(status, "上传完成。SHA-256:" + (ev.sha256 || ""));
        if (window.FazhiDraft) window.FazhiDraft.clear(form.dataset.draft);
        setTimeout(function () { window.location.reload(); }, 1500);
      }, function (err) {
        button.disabled = false;
        text(status, "未能上传:" + (errorsText(err.body) || err.message), true);
      });
    });
  });
})();
